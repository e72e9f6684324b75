import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { ProblemError } from '../shared/problems.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import { statusPurposesOfRecord } from './status-purposes.js';
import type { CredentialRecord, CredentialStatusState, IssuerRecord, StatusAction, StatusEvent, Store } from '../store/ports.js';

export interface StatusChangeRequest {
  credentialId: string;
  credentialStatus: [{ type: string; status: 'revoked' | 'suspended' | 'active' }];
  reason?: string;
}

export interface StatusChangeResult {
  credentialId: string;
  revoked: boolean;
  suspended: boolean;
  /** False when the credential already had the requested status (a retry is harmless). */
  changed: boolean;
  event?: StatusEvent;
}

const ACTIONS = { revoked: 'revoke', suspended: 'suspend', active: 'unsuspend' } as const;

/** Finds one of the caller's credentials by its full id or by the last segment of our URL. */
export async function ownCredential(deps: { store: Store; publicUrl: string }, issuer: IssuerRecord, id: string): Promise<CredentialRecord> {
  const record = (await deps.store.credentials.findById(id)) ?? (await deps.store.credentials.findById(`${deps.publicUrl}/credentials/${id}`));
  // Another issuer's credential reads exactly as a missing one: a 403 would confirm that it exists.
  if (record === undefined || record.issuerId !== issuer.id) {
    throw new ProblemError('not-found', `No credential ${id} issued by this API key's issuer.`, { pointer: '/credentialId' });
  }
  return record;
}

/**
 * revoke (final) | suspend | unsuspend, recorded in the append-only log. The store's
 * compare-and-set keeps two concurrent changes from both applying on a stale state.
 */
export async function changeStatus(
  deps: { store: Store; clock: Clock; publicUrl: string },
  caller: { issuer: IssuerRecord; apiKeyId: string },
  body: unknown,
): Promise<StatusChangeResult> {
  assertMatchesSchema<StatusChangeRequest>('status-change-request', body);
  const record = await ownCredential(deps, caller.issuer, body.credentialId);
  if (record.status === undefined) {
    throw new ProblemError('conflict', `Credential ${record.id} has no status entry, so its status cannot change.`, { pointer: '/credentialId' });
  }
  const action = ACTIONS[body.credentialStatus[0].status];
  if (action !== 'revoke' && !statusPurposesOfRecord(record).includes('suspension')) {
    throw new ProblemError(
      'conflict',
      `Credential ${record.id} has no suspension entry (an Open Badges 3.0 credential carries one credentialStatus: revocation), so it can be revoked but not suspended.`,
      { pointer: '/credentialStatus/0/status' },
    );
  }

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await deps.store.status.stateOf(record.id);
    const next = transition(current, action);
    if (next === undefined) return { credentialId: record.id, revoked: current.revoked, suspended: current.suspended, changed: false };
    const event: StatusEvent = {
      id: randomUUID(),
      credentialId: record.id,
      issuerId: caller.issuer.id,
      action,
      actor: caller.apiKeyId,
      at: deps.clock.now().toISOString(),
      ...(body.reason === undefined ? {} : { reason: body.reason }),
    };
    if (await deps.store.status.applyChange(record.status, current, next, event)) {
      return { credentialId: record.id, revoked: next.revoked, suspended: next.suspended, changed: true, event };
    }
  }
  throw new ProblemError('conflict', `The status of ${record.id} is being changed concurrently; try again.`);
}

/** The next state, undefined when nothing changes, or a 409 for what the rules forbid. */
function transition(current: CredentialStatusState, action: StatusAction): CredentialStatusState | undefined {
  if (current.revoked && action !== 'revoke') {
    throw new ProblemError(
      'conflict',
      `Credential ${current.credentialId} is revoked; revocation is final and cannot be ${action === 'suspend' ? 'suspended' : 'undone'}.`,
    );
  }
  switch (action) {
    case 'revoke':
      return current.revoked ? undefined : { ...current, revoked: true };
    case 'suspend':
      return current.suspended ? undefined : { ...current, suspended: true };
    case 'unsuspend':
      return current.suspended ? { ...current, suspended: false } : undefined;
  }
}
