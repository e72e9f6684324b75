import { prepareIssue, serializeJwtIssue, type PreparedIssue, type SerializedJwtIssue } from '../issue/issue-credential.js';
import { requestHash } from '../issue/idempotency.js';
import { profileIssueRequest } from '../issue/issue-profile-credential.js';
import { ProblemError, type FieldError } from '../shared/problems.js';
import type { CredentialFormat, IdempotencyClaim, IssuerRecord } from '../store/ports.js';
import { safeModeShapeKeyOf } from '../resolve/safe-mode-shapes.js';

export interface RowsToPrepare {
  issuer: IssuerRecord;
  publicUrl: string;
  /** The group's time (the service's clock, sent along: a worker has none of its own). */
  now: string;
  profile: string;
  format: CredentialFormat;
  rows: Array<{ row: number; idempotencyKey: string; request?: Record<string, unknown> }>;
}

export type PreparedRow =
  /** A JWT row serialized (SerializedJwtIssue): one string per row back to the main thread. */
  | {
      row: number;
      ok: true;
      prepared: PreparedIssue | SerializedJwtIssue;
      claim: IdempotencyClaim;
      /** safeModeShapeKeyOf the credential. */ shape: string | undefined;
    }
  /** Refused while preparing; with its claim when the request got that far (a row issued before is answered as replayed). */
  | { row: number; ok: false; errors: FieldError[]; claim?: IdempotencyClaim };

/**
 * The part of issuing a row that needs no store and no key, so it can run in a worker
 * thread (prepare-pool.ts): the profile request → the OB 3.0 credential → the one signed
 * form, VC DM 2.0 and profile schema checks (prepareIssue, as for one credential), the
 * request's hash for its idempotency claim, and the credential's shape for safe mode.
 * A JWT credential comes back serialized (it is signed as text); a Data Integrity one as the
 * object its signer canonicalizes.
 */
export function prepareRows(task: RowsToPrepare): PreparedRow[] {
  const clock = { now: () => new Date(task.now) };
  return task.rows.map(({ row, idempotencyKey, request }) => {
    let claim: IdempotencyClaim | undefined;
    try {
      const body = { ...request, profile: task.profile, format: task.format };
      const issueRequest = profileIssueRequest(task.issuer, body, idempotencyKey);
      claim = { issuerId: task.issuer.id, key: idempotencyKey, requestHash: requestHash(issueRequest) };
      const prepared = prepareIssue({ clock, publicUrl: task.publicUrl }, task.issuer, issueRequest);
      const shape = safeModeShapeKeyOf(prepared.credential);
      return { row, ok: true as const, prepared: prepared.format === 'jwt' ? serializeJwtIssue(prepared) : prepared, claim, shape };
    } catch (error) {
      // Anything but a problem is a bug: thrown, so the job stops instead of reporting garbage.
      if (!(error instanceof ProblemError)) throw error;
      return {
        row,
        ok: false as const,
        errors: error.errors ?? [{ pointer: error.pointer ?? '/', detail: error.message }],
        ...(claim === undefined ? {} : { claim }),
      };
    }
  });
}
