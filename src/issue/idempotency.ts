import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// A CommonJS module whose types claim an ES default export; at run time the module is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** RFC 8785 canonical JSON, so a retry that only reorders keys is the same request. */
export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(canonicalize(body) ?? '', 'utf8')
    .digest('hex');
}

/** Idempotency-Key header values we accept: 1–255 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
