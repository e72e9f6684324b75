import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import jsigs from '@digitalcredentials/jsonld-signatures';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import { didKeyFromPublicKey } from '../../src/resolve/did-key.js';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- presentations are built as JSON

/** A worker's wallet key (did:key), signing presentations as jsonld-signatures does for any wallet. */
export async function holderWallet() {
  const keyPair = await Ed25519Multikey.generate();
  const { did, verificationMethodId } = didKeyFromPublicKey(keyPair.publicKeyMultibase);
  keyPair.id = verificationMethodId;
  keyPair.controller = did;
  const documentLoader = createDocumentLoader({ contexts: knownContexts() });
  const sign = (presentation: Json, proof: { challenge: string; domain?: string }): Promise<Json> =>
    jsigs.sign(presentation, {
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite }),
      purpose: new jsigs.purposes.AuthenticationProofPurpose(proof),
      documentLoader,
    });
  return {
    did,
    present(credentials: unknown[], proof: { challenge: string; domain?: string }, holder: string = did): Promise<Json> {
      return sign({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder, verifiableCredential: credentials }, proof);
    },
    /** Signs the presentation exactly as given. */
    presentAs: sign,
  };
}
