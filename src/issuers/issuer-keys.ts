import { generateKeyPair } from '../sign/signing-key.js';
import type { KeyVault } from '../sign/key-vault.js';
import { didKeyFromPublicKey } from '../resolve/did-key.js';
import type { IssuerKeyRecord } from '../store/ports.js';

/**
 * A new Ed25519 key for an issuer, sealed for storage. For did:web the verification
 * method is `<did>#<publicKeyMultibase>`; for did:key the DID is derived from the key.
 */
export async function newIssuerKey(options: {
  issuerId: string;
  did?: string;
  vault: KeyVault;
  createdAt: string;
}): Promise<{ record: IssuerKeyRecord; did: string }> {
  const keyPair = await generateKeyPair();
  const publicKeyMultibase = keyPair.publicKeyMultibase;
  const { did, verificationMethodId } =
    options.did === undefined ? didKeyFromPublicKey(publicKeyMultibase) : { did: options.did, verificationMethodId: `${options.did}#${publicKeyMultibase}` };
  const secret = keyPair.secretKeyMultibase;
  if (secret === undefined) throw new Error('Key generation returned no secret key.');
  return {
    did,
    record: {
      id: verificationMethodId,
      issuerId: options.issuerId,
      publicKeyMultibase,
      sealedSecretKey: options.vault.seal(secret, verificationMethodId),
      status: 'active',
      createdAt: options.createdAt,
    },
  };
}
