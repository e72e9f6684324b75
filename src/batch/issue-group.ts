import { signPrepared, type IssueDeps, type PreparedIssue, type SerializedJwtIssue } from '../issue/issue-credential.js';
import { ProblemError, type FieldError } from '../shared/problems.js';
import { statusEntries } from '../status/allocate-status.js';
import { statusPurposesFor } from '../status/status-purposes.js';
import type { PreparedRow } from './prepare-rows.js';
import type { SafeModeCheck } from './safe-mode-by-shape.js';
import type { BatchGroup, BatchJobRecord, BatchLease, BatchRowOffer, BatchRowOutcome, IdempotencyClaim, IssuerRecord } from '../store/ports.js';

/**
 * Issues one group of prepared rows (prepare-rows.ts: built, the one signed form + VC DM 2.0,
 * profile schema — the steps of one credential, issue-credential.ts) and commits it: replays
 * answered from the store, safe mode once per shape, status positions in one block, signing,
 * offers, one transaction. Only what that transaction committed is reported done.
 */
export async function issueGroup(
  deps: IssueDeps,
  issuer: IssuerRecord,
  job: BatchJobRecord,
  rows: PreparedRow[],
  run: {
    safeMode: SafeModeCheck;
    lease: () => BatchLease;
    /** Jobs with offers: a new wallet offer of the credential a row ends up with, sealed for the results. */
    offerFor?: (row: number, credentialId: string) => Promise<BatchRowOffer>;
  },
): Promise<BatchRowOutcome[]> {
  const group: BatchGroup = { issued: [], replayed: [], failed: [] };
  const toSign: Array<{ row: number; prepared: PreparedIssue | SerializedJwtIssue; claim: IdempotencyClaim; shape: string | undefined }> = [];

  for (const row of rows) {
    // Issued before (a resubmitted file, or this job before a restart): the stored credential is the answer.
    const earlier = row.claim === undefined ? undefined : await deps.store.credentials.findByIdempotencyKey(issuer.id, row.claim.key);
    if (earlier !== undefined && row.claim !== undefined) {
      if (earlier.requestHash === row.claim.requestHash) {
        // Issued before without an offer (or with one the school may have lost): a revoked credential gets none.
        const offer =
          run.offerFor !== undefined && !(await deps.store.status.stateOf(earlier.record.id)).revoked
            ? await run.offerFor(row.row, earlier.record.id)
            : undefined;
        group.replayed.push({ row: row.row, credentialId: earlier.record.id, ...(offer === undefined ? {} : { offer }) });
      } else {
        group.failed.push({
          row: row.row,
          errors: [{ pointer: '/rowKey', detail: `was already used for credential ${earlier.record.id}, issued with other data` }],
        });
      }
    } else if (row.ok) toSign.push({ row: row.row, prepared: row.prepared, claim: row.claim, shape: row.shape });
    else group.failed.push({ row: row.row, errors: row.errors });
  }

  // Safe mode for the whole group (once per shape: safe-mode-by-shape.ts), before any status position is taken (positions are never reused).
  const expansions = await run.safeMode(
    toSign.map(({ prepared }) => ('json' in prepared ? prepared.json : prepared.credential)),
    toSign.map(({ shape }) => shape),
  );
  const ready = toSign.filter((item, index) => {
    const problem = expansions[index];
    if (problem !== undefined) group.failed.push({ row: item.row, errors: errorsOf(problem) });
    return problem === undefined;
  });

  if (ready.length > 0) {
    const key = await deps.keyring.activeKey(issuer);
    const positions = await deps.statusPositions.takeMany(issuer.id, ready.length);
    const signOne = async (item: (typeof ready)[number], index: number) => {
      const { list, position } = positions[index] as (typeof positions)[number];
      const purposes = 'json' in item.prepared ? item.prepared.statusPurposes : statusPurposesFor(item.prepared.credential);
      const entries = statusEntries(deps.publicUrl, list, position, item.prepared.format, purposes);
      try {
        const record = await signPrepared(deps, issuer, item.prepared, key, position, entries);
        const offer = run.offerFor === undefined ? undefined : await run.offerFor(item.row, record.id);
        return { row: item.row, claim: item.claim, record, ...(offer === undefined ? {} : { offer }) };
      } catch (error) {
        group.failed.push({ row: item.row, errors: errorsOf(error) });
        return undefined;
      }
    };
    // The first credential alone, then the others together: a Data Integrity signer processes the
    // contexts on its first credential and keeps them, but 250 started at once each processed them
    // again (a fresh service's first 1,000-row DI batch spent ~3 s of its main thread on that).
    const first = await signOne(ready[0] as (typeof ready)[number], 0);
    const signed = [first, ...(await Promise.all(ready.slice(1).map((item, index) => signOne(item, index + 1))))];
    for (const item of signed) if (item !== undefined) group.issued.push(item);
  }
  // The lease is renewed in the commit: a runner that lost the job writes nothing (BatchLeaseLostError).
  return deps.store.batchJobs.commitRows(job.id, group, run.lease());
}

/** A refused row's reasons; anything but a problem is a bug and is thrown, so the job stops instead of reporting garbage. */
function errorsOf(error: unknown): FieldError[] {
  if (!(error instanceof ProblemError)) throw error;
  return error.errors ?? [{ pointer: error.pointer ?? '/', detail: error.message }];
}
