import type { IncomingMessage, ServerResponse } from 'node:http';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ProblemError } from '../shared/problems.js';
import { clientAddressOf } from './client-address.js';
import { writeProblem } from './problem-response.js';

/** Plain Node types: the same limiter serves Express's chain and the verify entry, which Express never sees. */
export type PublicRateLimit = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The endpoints anyone may call without a key, and that cost us work. */
const PUBLIC_WORK = [
  /^\/credentials\/verify$/,
  /^\/presentations\/verify$/,
  /^\/requirements\/check$/,
  /^\/dossiers\/verify$/,
  /^\/v(\/[^/]+)?$/,
  /^\/credentials\/[^/]+\/(qr\.svg|qr\.png|certificate\.pdf)$/,
];

/**
 * RATE_LIMIT_PER_MINUTE requests per client address per minute on the public endpoints
 * (express-rate-limit, in memory: each instance counts its own clients). The client
 * address is the socket's, or X-Forwarded-For from the proxies TRUST_PROXY names; one
 * limiter, so a client's count is the same whichever way its request came in.
 */
export function publicRateLimit(perMinute: number, trustProxy: boolean | number | string = false): PublicRateLimit {
  if (perMinute === 0) return (_req, _res, next) => next();
  const clientAddress = clientAddressOf(trustProxy);
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Express's req.ip, computed for plain requests too; IPv6 clients are counted per /56, as the default does.
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req), 56),
    handler(_req, res, _next, options) {
      writeProblem(
        res,
        new ProblemError('rate-limited', `More than ${perMinute} requests a minute from this address; try again after the Retry-After delay.`, {
          extensions: { limit: perMinute, windowSeconds: options.windowMs / 1000 },
        }).toProblem(),
      );
    },
  });
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    // express-rate-limit's types are Express's; what it reads and writes is plain Node (headers, the status, end).
    if (PUBLIC_WORK.some((pattern) => pattern.test(path))) void limiter(req as never, res as never, next);
    else next();
  };
}
