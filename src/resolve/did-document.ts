import { DID_V1_CONTEXT, ED25519_2020_CONTEXT, MULTIKEY_V1_CONTEXT } from './known-contexts.js';

/** A public key as JWK (RFC 7517): Ed25519 (`OKP`) or P-256 (`EC`) are the ones verified here. */
export interface PublicKeyJwk {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  [other: string]: unknown;
}

interface MethodBase {
  '@context'?: string | string[];
  id: string;
  controller: string;
}

/**
 * The verification method types keys are read from: Multikey (what we publish),
 * Ed25519VerificationKey2020 (DCC / Learner Credential Wallet issuers) and JWKs
 * (did:jwk, and DID documents written for JOSE).
 */
export type VerificationMethod =
  | (MethodBase & { type: 'Multikey' | 'Ed25519VerificationKey2020'; publicKeyMultibase: string })
  | (MethodBase & { type: 'JsonWebKey' | 'JsonWebKey2020'; publicKeyJwk: PublicKeyJwk });

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

/**
 * The context each method type is defined by. A method is handed to the suites as the
 * DID document states it, under its own context: an Ed25519VerificationKey2020 labelled
 * as a Multikey (as this function once did) is a key Ed25519Signature2020 refuses.
 */
const CONTEXT_OF_TYPE: Record<VerificationMethod['type'], string> = {
  Multikey: MULTIKEY_V1_CONTEXT,
  Ed25519VerificationKey2020: ED25519_2020_CONTEXT,
  JsonWebKey: 'https://w3id.org/security/jwk/v1',
  JsonWebKey2020: 'https://w3id.org/security/suites/jws-2020/v1',
};

/** The verification method a DID URL points at, as a stand-alone document with the context of its type. */
export function findVerificationMethod(didDocument: DidDocument, didUrl: string): VerificationMethod | undefined {
  const method = didDocument.verificationMethod.find((candidate) => candidate.id === didUrl);
  if (method === undefined || !(method.type in CONTEXT_OF_TYPE)) return undefined;
  // Object.assign, not `{ ...method, '@context': … }`: on this hot path (every verification) that
  // literal costs a new hidden class each time under Node 20 (docs/architecture.md, Performance).
  return Object.assign({}, method, { '@context': CONTEXT_OF_TYPE[method.type] });
}
