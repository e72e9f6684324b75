import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../observe/logger.js';
import type { Metrics } from '../observe/metrics.js';

/**
 * A request id a client or proxy may send: short, no spaces, nothing to inject into logs, and
 * no `_`, so that an API key (psk_…_…) sent by mistake as a request id is never echoed or logged.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9.:-]{1,64}$/;

/**
 * Path segments that are secrets: an OpenID4VCI credential_offer_uri ends with the offer's
 * pre-authorized code (deliver/), which must not reach the logs any more than a PIN.
 */
const SECRET_SEGMENTS: ReadonlyArray<[RegExp, string]> = [[/(\/credential-offers\/)[^/]+/, '$1[redacted]']];

export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return SECRET_SEGMENTS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), path);
}

/** The matched route pattern (e.g. /credentials/:id), not the URL with its ids; unmatched requests are grouped. */
export function routeOf(req: IncomingMessage): string {
  const request = req as Partial<Request>;
  const pattern = request.route?.path;
  return typeof pattern === 'string' ? `${request.baseUrl ?? ''}${pattern}` : 'unmatched';
}

/**
 * One JSON line per request (pino-http): id (from or into X-Request-Id), method, route,
 * status and duration, and the request-duration metric. No headers, query strings or
 * bodies are logged: that is where credentials, personal data and API keys travel.
 */
export function requestLogging(logger: Logger, metrics: Metrics): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const middleware = pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // Added when the line is written: the route is known only once a router matched.
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => ({ ...value, route: routeOf(req) }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, value: Record<string, unknown>) => ({ ...value, route: routeOf(req) }),
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method ?? ''} ${routeOf(req)} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method ?? ''} ${routeOf(req)} ${res.statusCode}`,
  });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => metrics.observeRequest(routeOf(req), req.method ?? '', res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    middleware(req, res, next);
  };
}
