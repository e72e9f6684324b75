import * as vc from '@digitalcredentials/vc';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from '../resolve/document-loader.js';
import { rethrowAsProblem } from '../resolve/json-ld-errors.js';
import type { SigningKey } from './signing-key.js';

/**
 * Adds a Data Integrity proof (`eddsa-rdfc-2022`). Canonicalisation runs in JSON-LD
 * safe mode inside the suite, so a term no context defines fails here instead of
 * being silently left out of what the signature covers.
 */
export async function signDataIntegrity(
  credential: Record<string, unknown>,
  options: { key: SigningKey; documentLoader: DocumentLoader; now: Date; basePointer?: string },
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer: options.key.keyPair.signer(), cryptosuite, date: options.now });
  try {
    return await vc.issue({
      // The library mutates its input (adds `proof`); the caller's object stays as it was.
      credential: structuredClone(credential),
      suite,
      documentLoader: options.documentLoader,
      now: options.now,
    });
  } catch (error) {
    rethrowAsProblem(error, credential, options.basePointer);
  }
}
