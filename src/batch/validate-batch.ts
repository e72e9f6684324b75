import { requestHash } from '../issue/idempotency.js';
import { profileIssueRequest, profileRequestErrors } from '../issue/issue-profile-credential.js';
import type { FieldError } from '../shared/problems.js';
import type { CredentialFormat, IssuerRecord, Store } from '../store/ports.js';
import type { BatchInput, BatchItem } from './batch-input.js';

/** A row that passed every check a single request gets, with the claim it will be issued under. */
export interface ValidRow extends BatchItem {
  idempotencyKey: string;
  /** The full profile request (profile and format from the batch). */
  body: Record<string, unknown>;
}

/** rowKeys are the registrar's own ids (student number…): any text without control characters. */
const ROW_KEY = /^[^\p{Cc}]{1,200}$/u;

/**
 * The Idempotency-Key a row is issued under. From its rowKey: the same row submitted again
 * (same file, another job, the CLI) is the same request, so it is answered with the stored
 * credential. The profile is part of it: a student number names a person, not one credential.
 * Without a rowKey, from the job and row: a resumed job never issues a row twice, but a file
 * sent twice is two batches.
 */
export function rowIdempotencyKey(profile: string, jobId: string, item: BatchItem): string {
  return item.rowKey === undefined ? `batch-job:${jobId}:row:${item.row}` : `batch:${profile}:${item.rowKey}`;
}

/**
 * Every check of every row, all at once: the profile's request schema and rules (as
 * POST /issuers/{slug}/credentials), rowKeys well formed and unique in the file, and a
 * rowKey issued before only with the same data.
 */
export async function validateBatch(
  deps: { store: Store },
  issuer: IssuerRecord,
  batch: { profile: string; format: CredentialFormat; jobId: string; input: BatchInput },
): Promise<{ valid: ValidRow[]; errors: FieldError[] }> {
  const { input, profile, format } = batch;
  const errors: FieldError[] = [...input.errors];
  const valid: ValidRow[] = [];
  const firstRowOfKey = new Map<string, number>();
  const fieldError = (row: number, requestPointer: string, detail: string): FieldError => {
    const pointer = input.pointer(row, requestPointer);
    return { pointer, detail, row, ...(input.kind === 'csv' ? { column: pointer.split('/').slice(3).join('/') } : {}) };
  };

  for (const item of input.items) {
    const rowErrors: FieldError[] = [];
    if (item.rowKey !== undefined) {
      const first = firstRowOfKey.get(item.rowKey);
      if (!ROW_KEY.test(item.rowKey)) rowErrors.push(fieldError(item.row, '/rowKey', 'must be 1–200 characters without control characters'));
      else if (first !== undefined) rowErrors.push(fieldError(item.row, '/rowKey', `duplicates the rowKey of row ${first}`));
      else firstRowOfKey.set(item.rowKey, item.row);
    }
    const body = { ...item.request, profile, format };
    for (const error of profileRequestErrors(profile, body)) rowErrors.push(fieldError(item.row, error.pointer, error.detail));
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const idempotencyKey = rowIdempotencyKey(profile, batch.jobId, item);
    if (item.rowKey !== undefined) {
      // Sent before? Only with the same data: a rowKey reused for another person or result is a mistake to show now.
      const earlier = await deps.store.credentials.findByIdempotencyKey(issuer.id, idempotencyKey);
      if (earlier !== undefined && earlier.requestHash !== requestHash(profileIssueRequest(issuer, body, idempotencyKey))) {
        errors.push(fieldError(item.row, '/rowKey', `was already used for credential ${earlier.record.id}, issued with other data`));
        continue;
      }
    }
    valid.push({ ...item, idempotencyKey, body });
  }
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { valid, errors };
}
