import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsServer {
  baseUrl: string;
  /** The self-signed certificate (PEM), to trust in the client under test. */
  ca: string;
  /** Paths requested so far. */
  requests: string[];
  /** What to answer per path: a JSON-able value, a string (sent as a JWT), or undefined for 404. */
  routes: Map<string, unknown>;
  close(): Promise<void>;
}

/**
 * A real HTTPS server on loopback with a throwaway self-signed certificate (made by
 * the openssl CLI at test time, so no key is committed): it stands in for another
 * organisation's server, so foreign status lists go through the real fetcher and TLS.
 */
export async function startTlsServer(): Promise<TlsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  rmSync(dir, { recursive: true, force: true });

  const requests: string[] = [];
  const routes = new Map<string, unknown>();
  const server: Server = createServer({ key, cert: ca }, (req, res) => {
    requests.push(req.url ?? '');
    const body = routes.get(req.url ?? '');
    if (body === undefined) {
      res.statusCode = 404;
      res.end();
    } else if (typeof body === 'string') {
      res.setHeader('content-type', 'application/vc+jwt');
      res.end(body);
    } else {
      res.setHeader('content-type', 'application/vc+ld+json');
      res.end(JSON.stringify(body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca,
    requests,
    routes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
