import { DID_DOCUMENT_CONTEXTS, type DidDocument } from './did-document.js';

/**
 * did:key for Ed25519 keys, resolved locally: the DID *is* the public key, so no
 * registry or network is involved. Only `z6Mk…` (multicodec 0xed01) is accepted,
 * because Ed25519 is the only key type this service signs and verifies with.
 */
const ED25519_DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{44})$/;

export function isDidKey(did: string): boolean {
  return did.startsWith('did:key:');
}

export function didKeyFromPublicKey(publicKeyMultibase: string): { did: string; verificationMethodId: string } {
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethodId: `${did}#${publicKeyMultibase}` };
}

/** Returns undefined for a did:key that is not a well-formed Ed25519 key. */
export function resolveDidKey(did: string): DidDocument | undefined {
  const match = ED25519_DID_KEY.exec(did);
  if (match === null) return undefined;
  const publicKeyMultibase = match[1] as string;
  const { verificationMethodId } = didKeyFromPublicKey(publicKeyMultibase);
  return {
    '@context': [...DID_DOCUMENT_CONTEXTS],
    id: did,
    verificationMethod: [{ id: verificationMethodId, type: 'Multikey', controller: did, publicKeyMultibase }],
    assertionMethod: [verificationMethodId],
    authentication: [verificationMethodId],
  };
}
