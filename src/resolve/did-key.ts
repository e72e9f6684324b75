import { DID_DOCUMENT_CONTEXTS, type DidDocument } from './did-document.js';

/**
 * did:key resolved locally: the DID *is* the public key, so no registry or network is
 * involved. Two key types, the ones this service verifies with: Ed25519 `z6Mk…`
 * (multicodec 0xed01; also what we sign with) and P-256 `zDn…` (multicodec 0x1200,
 * compressed point; ecdsa-rdfc-2019 and ES256). The prefix and length fix the key type;
 * the suite that imports the key checks the point itself.
 */
const DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{44}|zDn[1-9A-HJ-NP-Za-km-z]{46})$/;

export function isDidKey(did: string): boolean {
  return did.startsWith('did:key:');
}

export function didKeyFromPublicKey(publicKeyMultibase: string): { did: string; verificationMethodId: string } {
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethodId: `${did}#${publicKeyMultibase}` };
}

/** Returns undefined for a did:key that is not a well-formed Ed25519 or P-256 key. */
export function resolveDidKey(did: string): DidDocument | undefined {
  const match = DID_KEY.exec(did);
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
