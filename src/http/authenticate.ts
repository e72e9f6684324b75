import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { authenticateApiKey } from '../issuers/api-keys.js';
import { ProblemError } from '../shared/problems.js';
import type { IssuerRecord, Store } from '../store/ports.js';

function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (header === undefined) throw new ProblemError('unauthenticated', 'Send an API key as "Authorization: Bearer <key>".');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) throw new ProblemError('unauthenticated', 'The Authorization header must be "Bearer <key>".');
  return match[1] as string;
}

/** Every write acts for exactly one issuer: the one its API key belongs to. */
export function requireIssuer(store: Store): RequestHandler {
  return async (req, res, next) => {
    const { issuerId, apiKeyId } = await authenticateApiKey(store, bearerToken(req));
    const issuer = await store.issuers.findById(issuerId);
    if (issuer === undefined) throw new ProblemError('unauthenticated', 'The API key belongs to no issuer.');
    res.locals.issuer = issuer;
    res.locals.apiKeyId = apiKeyId;
    next();
  };
}

export function issuerOf(res: Response): IssuerRecord {
  const issuer = res.locals.issuer as IssuerRecord | undefined;
  if (issuer === undefined) throw new TypeError('requireIssuer() must run before this handler.');
  return issuer;
}

export function apiKeyIdOf(res: Response): string {
  const id = res.locals.apiKeyId as string | undefined;
  if (id === undefined) throw new TypeError('requireIssuer() must run before this handler.');
  return id;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Admin endpoints exist only when ADMIN_TOKEN is set. */
export function requireAdmin(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (adminToken === undefined) throw new ProblemError('forbidden', 'Admin endpoints are disabled: ADMIN_TOKEN is not set.');
    if (!timingSafeEqual(digest(bearerToken(req)), digest(adminToken))) {
      throw new ProblemError('unauthenticated', 'The admin token is not valid.');
    }
    next();
  };
}
