import { dataModelOf, type Credential } from '../shared/credential-model.js';
import { STATUS_V1_CONTEXT } from '../resolve/known-contexts.js';
import type { CredentialRecord, StatusPurpose } from '../store/ports.js';
import { STATUS_PURPOSES } from './status-list-urls.js';

const OPEN_BADGE_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential']);

/**
 * Which status entries a new credential gets. Open Badges 3.0 allows one
 * `credentialStatus` (the 1EdTech schema types it as a single object, and OB 3.0
 * verifiers validate against that schema), so an OB 3.0 credential is given the
 * revocation entry only; every other credential gets revocation and suspension —
 * except a VC 1.1 credential that does not name the status context (issue-credential
 * adds it only when the caller asks for status), which gets none: its entries would
 * be terms no context of it defines.
 */
export function statusPurposesFor(credential: Credential): readonly StatusPurpose[] {
  if (dataModelOf(credential) === '1.1' && !([] as unknown[]).concat(credential['@context']).includes(STATUS_V1_CONTEXT)) return [];
  return isOpenBadgeCredential(credential) ? ['revocation'] : STATUS_PURPOSES;
}

/** An Open Badges 3.0 credential, whose 1EdTech schema has its own rules (one status entry, proof as an array). */
export function isOpenBadgeCredential(credential: Credential): boolean {
  return ([] as unknown[]).concat(credential.type ?? []).some((type) => typeof type === 'string' && OPEN_BADGE_TYPES.has(type));
}

/** The purposes an issued credential's status entries carry, read from what was signed. */
export function statusPurposesOfRecord(record: CredentialRecord): StatusPurpose[] {
  const credential =
    record.jwt === undefined ? record.credential : (JSON.parse(Buffer.from(record.jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Credential);
  return ([] as unknown[])
    .concat(credential.credentialStatus ?? [])
    .map((entry) => (entry as { statusPurpose?: unknown } | null)?.statusPurpose)
    .filter((purpose): purpose is StatusPurpose => purpose === 'revocation' || purpose === 'suspension');
}
