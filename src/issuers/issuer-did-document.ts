import { DID_DOCUMENT_CONTEXTS, type DidDocument } from '../resolve/did-document.js';
import { resolveDidKey } from '../resolve/did-key.js';
import type { IssuerKeyRecord, IssuerRecord } from '../store/ports.js';

/**
 * The DID document of one of our issuers. Retired keys stay listed under
 * `assertionMethod`: a rotation must not break credentials signed before it.
 * (A compromised key is a different event: its credentials get revoked.)
 */
export function issuerDidDocument(issuer: IssuerRecord, keys: IssuerKeyRecord[]): DidDocument | undefined {
  if (issuer.didMethod === 'key') return resolveDidKey(issuer.did);
  const ids = keys.map((key) => key.id);
  return {
    '@context': [...DID_DOCUMENT_CONTEXTS],
    id: issuer.did,
    verificationMethod: keys.map((key) => ({
      id: key.id,
      type: 'Multikey',
      controller: issuer.did,
      publicKeyMultibase: key.publicKeyMultibase,
    })),
    assertionMethod: ids,
    authentication: ids,
  };
}
