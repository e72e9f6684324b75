import type { Server } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequestRaw } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequestListener } from '../../src/app.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { appendToRunLog, recordSecret } from './run-log.js';
import { createServices, type Services } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Clock } from '../../src/shared/clock.js';
import type { RemoteFetchOptions } from '../../src/resolve/guarded-fetch.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  baseUrl: string;
  services: Services;
  dataDir: string;
  /** Error log lines the app wrote (all lines also go to the run log, see run-log.ts). */
  logs: string[];
  close(): Promise<void>;
  /** POST JSON; returns status, headers and parsed body. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
  /** Any method (DELETE…). */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /**
   * Creates an issuer through the admin API and, unless `recognized: false`, has the operator
   * vouch for it (POST /admin/trust/entries, any scope), so that "valid" keeps meaning
   * authentic, in force and recognized. Tests about trust pass `recognized: false`.
   */
  createIssuer(
    input?: Record<string, unknown>,
    options?: { recognized?: boolean; scope?: Record<string, unknown> },
  ): Promise<{ slug: string; did: string; apiKey: string; id: string }>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  text: string;
}

let issuerCounter = 0;

/**
 * The real app on an ephemeral port with a fresh SQLite file: no mocks. The server
 * listens first so that PUBLIC_URL (used in ids and did:web DIDs) has the real port.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    dataDir?: string;
    remoteFetch?: Partial<RemoteFetchOptions>;
    /** Serve over https with this key and certificate (federation tests: instances talk TLS to each other). */
    tls?: { key: string; cert: string };
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'passerelle-test-'));
  // The port is known only once listening, and PUBLIC_URL needs it; the time limits do not.
  const server: Server =
    options.tls === undefined
      ? createHttpServer(loadConfig({ DATA_DIR: dataDir, ...options.env }))
      : createHttpsServer({ key: options.tls.key, cert: options.tls.cert });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    // Tests send hundreds of verifications a minute from one address; the rate-limit test turns it on.
    RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  const logs: string[] = [];
  recordSecret(config.adminToken);
  recordSecret(config.masterKey?.toString('base64'));
  recordSecret(config.metricsToken);
  const services = await createServices(config, {
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.remoteFetch === undefined ? {} : { remoteFetch: options.remoteFetch }),
    logDestination: {
      write(line: string) {
        appendToRunLog(line);
        // Errors (level 50 and up) are also kept per app, for tests that assert on them.
        if (/"level":(5|6)\d/.test(line)) logs.push(line);
      },
    },
  });
  server.on('request', createRequestListener(services));

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    if (options.tls !== undefined) return httpsRequest(baseUrl + path, options.tls.cert, method, body, headers);
    const response = await fetch(baseUrl + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  return {
    baseUrl,
    services,
    dataDir,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
    post: (path, body, headers) => request('POST', path, body, headers),
    get: (path, headers) => request('GET', path, undefined, headers),
    request,
    async createIssuer(input = {}, recognizeOptions: { recognized?: boolean; scope?: Record<string, unknown> } = {}) {
      issuerCounter += 1;
      const response = await request(
        'POST',
        '/admin/issuers',
        { slug: `issuer-${process.pid}-${issuerCounter}`, legalName: 'Test Training Centre', country: 'MA', ...input },
        { authorization: `Bearer ${ADMIN_TOKEN}` },
      );
      if (response.status !== 201) throw new Error(`createIssuer failed: ${response.status} ${response.text}`);
      recordSecret(response.body.apiKey);
      if (recognizeOptions.recognized !== false) {
        const entry = await request(
          'POST',
          '/admin/trust/entries',
          {
            did: response.body.did,
            legalName: { en: response.body.legalName, ...response.body.names },
            recognizedBy: { name: 'Test operator' },
            scope: recognizeOptions.scope ?? {},
          },
          { authorization: `Bearer ${ADMIN_TOKEN}` },
        );
        if (entry.status !== 201) throw new Error(`recognizing the test issuer failed: ${entry.status} ${entry.text}`);
      }
      return response.body;
    },
  };
}

/** fetch() cannot be given a CA; node:https can. */
function httpsRequest(url: string, ca: string, method: string, body: unknown, headers: Record<string, string>): Promise<TestResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequestRaw(url, { method, ca, headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: parsed, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
