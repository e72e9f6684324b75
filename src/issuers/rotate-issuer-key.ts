import { ProblemError } from '../shared/problems.js';
import type { Keyring } from '../sign/keyring.js';
import type { IssuerRecord } from '../store/ports.js';
import type { IssuerDeps } from './create-issuer.js';
import { newIssuerKey } from './issuer-keys.js';

/**
 * Replaces the issuer's signing key. The old key stays in the DID document as a
 * retired assertion method, so credentials it signed keep verifying.
 */
export async function rotateIssuerKey(deps: IssuerDeps & { keyring: Keyring }, issuer: IssuerRecord): Promise<{ verificationMethod: string }> {
  if (issuer.didMethod === 'key') {
    throw new ProblemError('conflict', `Issuer ${issuer.slug} uses did:key, whose DID is its key: it cannot rotate. Use a did:web issuer to rotate keys.`);
  }
  const at = deps.clock.now().toISOString();
  const { record } = await newIssuerKey({ issuerId: issuer.id, did: issuer.did, vault: deps.vault, createdAt: at });
  await deps.store.keys.rotate(issuer.id, record, at);
  deps.keyring.forget(issuer.id);
  return { verificationMethod: record.id };
}
