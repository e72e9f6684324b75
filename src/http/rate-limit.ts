import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ProblemError } from '../shared/problems.js';
import { sendProblem } from './problem-response.js';

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
 * address is the socket's, or X-Forwarded-For from the proxies TRUST_PROXY names.
 */
export function publicRateLimit(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler(_req, res, _next, options) {
      sendProblem(
        res,
        new ProblemError('rate-limited', `More than ${perMinute} requests a minute from this address; try again after the Retry-After delay.`, {
          extensions: { limit: perMinute, windowSeconds: options.windowMs / 1000 },
        }).toProblem(),
      );
    },
  });
  return (req, res, next) => (PUBLIC_WORK.some((pattern) => pattern.test(req.path)) ? limiter(req, res, next) : next());
}
