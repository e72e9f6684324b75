import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { didKeyFromPublicKey } from '../../src/resolve/did-key.js';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';
import { signDataIntegrity } from '../../src/sign/data-integrity-signer.js';
import type { SigningKey } from '../../src/sign/signing-key.js';

/** A fresh did:key that is not hosted anywhere (an outsider, or an attacker), signing eddsa-rdfc-2022. */
export async function newDidKeySigner(): Promise<{ did: string; sign(credential: Record<string, unknown>): Promise<Record<string, unknown>> }> {
  const keyPair = await Ed25519Multikey.generate();
  const { did, verificationMethodId } = didKeyFromPublicKey(keyPair.publicKeyMultibase);
  keyPair.id = verificationMethodId;
  keyPair.controller = did;
  const key = { verificationMethodId, controller: did, keyPair } as unknown as SigningKey;
  const documentLoader = createDocumentLoader({ contexts: knownContexts() });
  return { did, sign: (credential) => signDataIntegrity(credential, { key, documentLoader, now: new Date() }) };
}
