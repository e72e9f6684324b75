import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import type { CredentialFormat, StatusListRecord, StatusPosition, StatusPurpose, Store } from '../store/ports.js';
import { MIN_LIST_BITS } from './bitstring.js';
import { indexForOrdinal } from './position-permutation.js';
import { STATUS_PURPOSES, statusListUrl } from './status-list-urls.js';

export interface StatusEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

/**
 * Takes a fresh position for a new credential and returns the `credentialStatus`
 * entries that point at it: one in the revocation list, one in the suspension list
 * (or only those `purposes` asked for).
 */
export async function allocateStatus(
  deps: { store: Store; clock: Clock; publicUrl: string; statusListSize?: number },
  issuerId: string,
  format: CredentialFormat,
  purposes: readonly StatusPurpose[] = STATUS_PURPOSES,
): Promise<{ position: StatusPosition; entries: StatusEntry[] }> {
  const { list, ordinal } = await deps.store.status.allocate(issuerId, () => newList(issuerId, deps.statusListSize ?? MIN_LIST_BITS, deps.clock));
  const position = { listId: list.id, ordinal };
  const index = String(indexForOrdinal(ordinal, list.size, list.permutationKey));
  return {
    position,
    entries: purposes.map((purpose) => {
      const url = statusListUrl(deps.publicUrl, list.id, purpose, format);
      return { id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: index, statusListCredential: url };
    }),
  };
}

function newList(issuerId: string, size: number, clock: Clock): StatusListRecord {
  return {
    id: randomUUID(),
    issuerId,
    size,
    allocated: 0,
    permutationKey: randomBytes(32).toString('hex'),
    version: 0,
    createdAt: clock.now().toISOString(),
  };
}
