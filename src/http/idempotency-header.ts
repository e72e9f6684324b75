import type { Request } from 'express';
import { IDEMPOTENCY_KEY } from '../issue/idempotency.js';
import { ProblemError } from '../shared/problems.js';

/** The Idempotency-Key header, checked; undefined when the request has none. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('Idempotency-Key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ProblemError('invalid-request', 'Idempotency-Key must be 1–255 visible ASCII characters.', { pointer: '/headers/Idempotency-Key' });
  }
  return key;
}
