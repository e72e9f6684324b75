import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
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
 * One JSON line per request: id (from or into X-Request-Id), method, route, status and
 * duration, and the request-duration metric. No headers, query strings or bodies are logged:
 * that is where credentials, personal data and API keys travel.
 *
 * The line has pino-http's shape (req, res, responseTime, the error of a 5xx) but is built
 * only when its level is enabled. pino-http makes a child logger per request up front,
 * serialising and redacting the request into it whether or not a line is ever written:
 * ~3 % of a verification's CPU at LOG_LEVEL=warn, where no success line is written at all.
 */
export function requestLogging(logger: Logger, metrics: Metrics): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const id = requestIdOf(req);
    res.setHeader('X-Request-Id', id);
    (req as IncomingMessage & { id?: string }).id = id;
    const complete = (error?: Error): void => {
      res.removeListener('close', complete);
      res.removeListener('finish', complete);
      res.removeListener('error', complete);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.observeRequest(route, req.method ?? '', res.statusCode, seconds);
      const failed = error !== undefined || res.statusCode >= 500;
      const level = failed ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        req: { id, method: req.method, path: loggablePath(req.url ?? '') },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(seconds * 1000),
        route,
        ...(failed ? { err: error ?? new Error(`failed with status code ${res.statusCode}`) } : {}),
      };
      logger[level](line, `${req.method ?? ''} ${route} ${res.statusCode}`);
    };
    res.on('close', complete);
    res.on('finish', complete);
    res.on('error', complete);
    next();
  };
}

/** The client's X-Request-Id when it is safe to echo and log, a fresh UUID otherwise. */
function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
}
