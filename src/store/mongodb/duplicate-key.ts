import { StoreConflictError } from '../ports.js';

/** What each named unique index in `models.ts` protects, as the port names it. */
const RULES: Record<string, { field: string; detail: string }> = {
  issuer_id: { field: 'id', detail: 'id is already taken' },
  issuer_slug: { field: 'slug', detail: 'slug is already taken' },
  key_id: { field: 'id', detail: 'id is already taken' },
  one_active_key_per_issuer: { field: 'status', detail: 'the issuer already has an active key' },
  api_key_id: { field: 'id', detail: 'id is already taken' },
  credential_id: { field: 'id', detail: 'id is already taken' },
  idempotency_key: { field: 'idempotencyKey', detail: 'the Idempotency-Key is already claimed' },
  credential_status_position: { field: 'status', detail: 'the status position is already taken' },
  status_list_id: { field: 'id', detail: 'id is already taken' },
  credential_offer_id: { field: 'id', detail: 'id is already taken' },
  credential_offer_code: { field: 'codeHash', detail: 'codeHash is already taken' },
  batch_job_id: { field: 'id', detail: 'id is already taken' },
  batch_row: { field: 'row', detail: 'the row is already in the job' },
};

/**
 * The name of the unique index a write broke, or undefined when the error is not a
 * duplicate key (code 11000). The server words it
 * `E11000 duplicate key error collection: db.issuers index: issuer_slug dup key: …`.
 */
export function duplicateKeyIndex(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 11000 || typeof message !== 'string') return undefined;
  return /index: (\S+) dup key/.exec(message)?.[1] ?? '';
}

/** A duplicate key becomes the port's `StoreConflictError`; anything else is returned as is. */
export function toConflict(error: unknown, what: string): unknown {
  const index = duplicateKeyIndex(error);
  if (index === undefined) return error;
  const rule = RULES[index] ?? { field: index, detail: `unique index ${index} refused the write` };
  return new StoreConflictError(`${what}: ${rule.detail}.`, rule.field);
}
