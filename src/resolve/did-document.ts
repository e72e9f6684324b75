import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from './known-contexts.js';

export interface VerificationMethod {
  '@context'?: string | string[];
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication?: string[];
  [other: string]: unknown;
}

/**
 * DID v1 first: jsonld-signatures then reads `assertionMethod` directly instead of
 * framing the document (see ControllerProofPurpose), which is both faster and offline.
 */
export const DID_DOCUMENT_CONTEXTS = [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT];

/** The verification method a DID URL points at, as a stand-alone Multikey document. */
export function findVerificationMethod(didDocument: DidDocument, didUrl: string): VerificationMethod | undefined {
  const method = didDocument.verificationMethod.find((candidate) => candidate.id === didUrl);
  return method === undefined ? undefined : { '@context': MULTIKEY_V1_CONTEXT, ...method };
}
