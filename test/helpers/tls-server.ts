import { selfSignedCertificate } from './self-signed-cert.js';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TlsServer {
  baseUrl: string;
  /** The self-signed certificate (PEM), to trust in the client under test. */
  ca: string;
  /** Paths requested so far. */
  requests: string[];
  /** What to answer per path: a JSON-able value, a string (sent as a JWT), or undefined for 404. */
  routes: Map<string, unknown>;
  /** Extra response headers per path (Cache-Control…). */
  headers: Map<string, Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A real HTTPS server on loopback with a throwaway self-signed certificate (made by
 * the openssl CLI at test time, so no key is committed): it stands in for another
 * organisation's server, so foreign status lists go through the real fetcher and TLS.
 */
export async function startTlsServer(): Promise<TlsServer> {
  const { key, cert: ca } = selfSignedCertificate();
  const requests: string[] = [];
  const routes = new Map<string, unknown>();
  const headers = new Map<string, Record<string, string>>();
  const server: Server = createServer({ key, cert: ca }, (req, res) => {
    requests.push(req.url ?? '');
    const body = routes.get(req.url ?? '');
    for (const [name, value] of Object.entries(headers.get(req.url ?? '') ?? {})) res.setHeader(name, value);
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
    headers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
