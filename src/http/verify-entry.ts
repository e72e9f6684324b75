import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import type { Metrics } from '../observe/metrics.js';
import { assertWithinJsonLimits } from '../shared/json-limits.js';
import type { VerifyDeps } from '../verify/verify-credential.js';
import { answerVerification } from './credential-routes.js';
import type { PublicRateLimit } from './rate-limit.js';
import { languageAsked } from './reader-language.js';
import { toProblem, writeBody, writeProblem } from './problem-response.js';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface VerifyEntryOptions {
  /** VERIFY_BODY_LIMIT, as the Express route's JSON parser reads it. */
  bodyLimit: string;
  /** The app's request logging and its public rate limit: the same instances Express runs. */
  requestLogging: Middleware;
  rateLimit: PublicRateLimit;
  log: (message: string) => void;
}

/**
 * The one request whose cost is the product's: POST /credentials/verify, straight from Node's
 * HTTP server instead of through Express. Express costs ~0.2 ms of one core per request before
 * our first line runs (its request/response wrapping and the ~20 routers in front of this route),
 * as much as verifying a VC-JOSE signature; an employer's scan or a recognition body's batch of
 * checks should not pay it.
 *
 * Same answer as the route in credential-routes.ts, which it shares (answerVerification): the
 * same request log line and metric, the same rate limit, body limit, JSON limits and problem
 * bodies. It takes only the plain case — POST to exactly /credentials/verify (no query string),
 * a JSON body in UTF-8 with no Content-Encoding — and hands everything else to Express, which
 * answers it as before (a `?lang=`, a gzip body, another media type's 415, an empty body's 400).
 * Not sent from here: Express's ETag, which means nothing on the answer to a POST.
 */
export function verifyEntry(deps: VerifyDeps & { metrics: Metrics }, options: VerifyEntryOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/credentials/verify' || !isPlainJson(req)) return false;
    // The log line and the duration metric name the route as Express's router would (request-logging.ts: routeOf).
    (req as IncomingMessage & { route?: { path: string } }).route = { path: '/credentials/verify' };
    options.requestLogging(req, res, () =>
      options.rateLimit(req, res, () => {
        void answer(req, res).catch((error: unknown) => {
          if (!res.headersSent) writeProblem(res, toProblem(error, options.log).toProblem());
        });
      }),
    );
    return true;
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const length = req.headers['content-length'];
    // Spread last: `{ ...x, more }` costs a new hidden class per request under Node 20 (docs/architecture.md, Performance).
    const text = await getRawBody(req, { limit: options.bodyLimit, encoding: 'utf-8', ...(length === undefined ? {} : { length }) });
    const body = parseJson(text);
    if (body !== undefined) assertWithinJsonLimits(body);
    const asked = (body as { options?: { lang?: unknown } } | undefined)?.options?.lang;
    const result = await answerVerification(deps, body, languageAsked(asked, undefined, req.headers['accept-language']));
    writeBody(res, result.status, result.contentType, result.body);
  }
}

/** application/json or application/<suffix>+json, UTF-8 or no charset, not compressed, and not announced as empty. */
function isPlainJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (type === undefined || req.headers['content-encoding'] !== undefined || req.headers['content-length'] === '0') return false;
  const [media, ...parameters] = type
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  if (media !== 'application/json' && !/^application\/[a-z0-9!#$&^_.-]+\+json$/.test(media ?? '')) return false;
  return parameters.every((parameter) => parameter === 'charset=utf-8' || parameter === 'charset="utf-8"');
}

/** JSON.parse as the Express route's parser (body-parser, strict: false) does it, its errors shaped like that parser's. */
function parseJson(text: string): unknown {
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw Object.assign(new Error((error as Error).message), { status: 400, type: 'entity.parse.failed' });
  }
}
