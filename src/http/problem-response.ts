import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ProblemError, type ProblemDetails } from '../shared/problems.js';
import { StoreConflictError } from '../store/ports.js';

export function sendProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** sendProblem for a response Express never wrapped (the verify entry, the rate limit that serves both). */
export function writeProblem(res: ServerResponse, problem: ProblemDetails): void {
  writeBody(res, problem.status, 'application/problem+json; charset=utf-8', JSON.stringify(problem));
}

/** A whole answer on a plain Node response: status, type and length, as Express's res.send sets them. */
export function writeBody(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message?: string;
}

/** Maps whatever reaches Express's error stage to an RFC 9457 body; bugs become a bare 500. */
export function problemResponse(log: (message: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    sendProblem(res, toProblem(error, log).toProblem());
  };
}

/** What any error becomes for the client: the one mapping, for Express's error stage and the verify entry. */
export function toProblem(error: unknown, log: (message: string) => void): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof StoreConflictError) {
    return new ProblemError('conflict', error.message, { pointer: `/${error.field}` });
  }
  const parserError = error as BodyParserError;
  switch (parserError.type) {
    case 'entity.too.large':
      return new ProblemError('payload-too-large', `The body is larger than the limit of ${String(parserError.limit)} bytes.`);
    case 'entity.parse.failed':
      return new ProblemError('invalid-request', `The body is not valid JSON: ${parserError.message ?? 'parse error'}.`, { pointer: '' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemError('unsupported-media-type', parserError.message ?? 'Unsupported encoding.');
  }
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return new ProblemError('invalid-request', parserError.message ?? 'Bad request.');
  }
  // Details of a bug go to the log, never to the client; no request data is logged.
  log(`Unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ProblemError('internal', 'The service failed to handle this request. The error was logged.');
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new ProblemError('not-found', `No resource at ${req.method} ${req.path}.`));
};

/** For `.all()` at the end of a route: a known path with another method is a 405, not a 404. */
export function methodNotAllowed(...allowed: string[]): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Allow', allowed.join(', '));
    next(new ProblemError('method-not-allowed', `${req.method} is not allowed on ${req.path}; use ${allowed.join(' or ')}.`));
  };
}

/** POST bodies must be JSON; anything else is refused before parsing. */
export function requireJsonBody(options: { bodyOptional: RegExp[]; alsoAccepted?: Array<{ path: RegExp; types: string[] }> }): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return next();
    const noBody = req.headers['content-length'] === '0' || (req.headers['content-type'] === undefined && req.headers['transfer-encoding'] === undefined);
    if (noBody && options.bodyOptional.some((pattern) => pattern.test(req.path))) return next();
    if (noBody) return next(new ProblemError('invalid-request', 'The request has no body; send a JSON object.', { pointer: '' }));
    const also = options.alsoAccepted?.find((entry) => entry.path.test(req.path))?.types ?? [];
    if (!req.is(['application/json', 'application/*+json', ...also])) {
      return next(new ProblemError('unsupported-media-type', `Content-Type ${String(req.headers['content-type'])} is not accepted; send application/json.`));
    }
    next();
  };
}
