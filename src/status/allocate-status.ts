import type { CredentialFormat, StatusListRecord, StatusPosition, StatusPurpose } from '../store/ports.js';
import { indexForOrdinal } from './position-permutation.js';
import { STATUS_PURPOSES, statusListUrl } from './status-list-urls.js';
import type { StatusPositions } from './status-positions.js';

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
  deps: { statusPositions: StatusPositions; publicUrl: string },
  issuerId: string,
  format: CredentialFormat,
  purposes: readonly StatusPurpose[] = STATUS_PURPOSES,
): Promise<{ position: StatusPosition; entries: StatusEntry[] }> {
  const { list, position } = await deps.statusPositions.take(issuerId);
  return { position, entries: statusEntries(deps.publicUrl, list, position, format, purposes) };
}

/** The `credentialStatus` entries of one position (taken alone above, or in a block for a batch). */
export function statusEntries(
  publicUrl: string,
  list: StatusListRecord,
  position: StatusPosition,
  format: CredentialFormat,
  purposes: readonly StatusPurpose[] = STATUS_PURPOSES,
): StatusEntry[] {
  const index = String(indexForOrdinal(position.ordinal, list.size, list.permutationKey));
  return purposes.map((purpose) => {
    const url = statusListUrl(publicUrl, list.id, purpose, format);
    return { id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: index, statusListCredential: url };
  });
}
