import jsonld from 'jsonld';
import jsigs from '@digitalcredentials/jsonld-signatures';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { Ed25519Signature2020 } from '@digitalcredentials/ed25519-signature-2020';
import { ProblemError } from '../shared/problems.js';
import { explainJsonLdError } from './json-ld-errors.js';
import { knownContexts } from './known-contexts.js';
import { shareImmutableContexts } from './jsonld-shared-contexts.js';
import { createDocumentLoader, findProblemError } from './document-loader.js';
import { ed25519VerifierWithCachedKey } from './verification-key.js';
import type { DidDocument } from './did-document.js';

/**
 * Runs in a worker thread (json-ld-pool.ts): the JSON-LD work whose cost grows with the
 * input — safe-mode expansion and proof verification (canonicalisation): Data Integrity
 * eddsa-rdfc-2022 and ecdsa-rdfc-2019, and Ed25519Signature2020.
 * It reads nothing but the fixed contexts (plus any a test sends) and the documents sent with the task: no store,
 * no network, no DID resolution (the main thread resolved the keys already).
 */

export type JsonLdTask =
  | { kind: 'expand'; document: object; extraContexts?: Record<string, object> }
  /** Several documents in one task (a batch): each expanded on its own, one result each. */
  | { kind: 'expand-many'; documents: object[] }
  | {
      kind: 'verify-proof';
      credential: object;
      didDocuments: Record<string, DidDocument>;
      extraContexts?: Record<string, object>;
      /** assertion (credentials, the default) or authentication (a holder's presentation, with its challenge and domain). */
      purpose?: ProofPurposeSpec;
      /** A chained proof's previous proofs (verify/checks/proofs-of.ts signedInputOf): signed with the document. */
      previousProofs?: object[];
    };

export type ProofPurposeSpec = { kind: 'assertion' } | { kind: 'authentication'; challenge?: string; domain?: string };

export interface SerializedProblem {
  type: ProblemError['type'];
  message: string;
  pointer?: string;
  extensions?: Record<string, unknown>;
}

export type ExpandManyResult = { ok: true; results: Array<{ ok: true } | { ok: false; problem: SerializedProblem } | { ok: false; crashed: string }> };

export type JsonLdTaskResult =
  | { ok: true }
  | { ok: false; problem: SerializedProblem }
  | { ok: false; verified: false; message: string; problem?: SerializedProblem }
  | { ok: false; crashed: string };

const contexts = knownContexts();
// Before any JSON-LD work in this thread: jsonld.js#414 (jsonld-shared-contexts.ts).
await shareImmutableContexts();
const { AssertionProofPurpose, AuthenticationProofPurpose, ControllerProofPurpose } = jsigs.purposes;

function purposeOf(spec: ProofPurposeSpec) {
  if (spec.kind === 'assertion') return new AssertionProofPurpose();
  // Without a challenge asked for, the proof still has to be an authentication proof by the holder's key.
  if (spec.challenge === undefined) return new ControllerProofPurpose({ term: 'authentication' });
  return new AuthenticationProofPurpose({ challenge: spec.challenge, ...(spec.domain === undefined ? {} : { domain: spec.domain }) });
}

/** The service's own loader: the fixed contexts, and DIDs only from the documents sent with the task. */
function loaderWith(didDocuments: Record<string, DidDocument>, extraContexts: Record<string, object> = {}) {
  return createDocumentLoader({
    contexts: Object.keys(extraContexts).length === 0 ? contexts : new Map([...contexts, ...Object.entries(extraContexts)]),
    didResolver: {
      async resolve(did) {
        const document = didDocuments[did];
        if (document === undefined) throw new ProblemError('issuer-unresolved', `${did} was not resolved before verification.`);
        return document;
      },
    },
  });
}

function serialize(problem: ProblemError): SerializedProblem {
  return {
    type: problem.type,
    message: problem.message,
    ...(problem.pointer === undefined ? {} : { pointer: problem.pointer }),
    ...(problem.extensions === undefined ? {} : { extensions: problem.extensions }),
  };
}

async function expandOne(document: object, extraContexts?: Record<string, object>): Promise<JsonLdTaskResult> {
  try {
    await jsonld.expand(document, { documentLoader: loaderWith({}, extraContexts), safe: true, base: null });
    return { ok: true };
  } catch (error) {
    const problem = explainJsonLdError(error, document);
    return problem === undefined ? { ok: false, crashed: error instanceof Error ? error.message : String(error) } : { ok: false, problem: serialize(problem) };
  }
}

export default async function run(task: JsonLdTask): Promise<JsonLdTaskResult | ExpandManyResult> {
  if (task.kind === 'expand') return expandOne(task.document, task.extraContexts);
  if (task.kind === 'expand-many') {
    // One message round trip for many documents; each is still expanded alone, in safe mode.
    const results: ExpandManyResult['results'] = [];
    for (const document of task.documents) results.push((await expandOne(document)) as ExpandManyResult['results'][number]);
    return { ok: true, results };
  }
  const suite = suiteFor((task.credential as { proof?: unknown }).proof, task.previousProofs);
  if (suite === undefined) {
    return { ok: false, verified: false, message: 'The proof is of a type this verifier does not check.' };
  }
  const result = await jsigs.verify(task.credential, {
    suite,
    purpose: purposeOf(task.purpose ?? { kind: 'assertion' }),
    documentLoader: loaderWith(task.didDocuments, task.extraContexts),
  });
  if (result.verified) return { ok: true };
  const unresolved = findProblemError(result.error);
  return { ok: false, verified: false, message: firstMessage(result.error), ...(unresolved === undefined ? {} : { problem: serialize(unresolved) }) };
}

/** eddsa-rdfc-2022 with the Ed25519 key imported once per key (resolve/verification-key.ts says why). */
const eddsaWithCachedKey = { ...eddsaRdfc2022, createVerifier: ed25519VerifierWithCachedKey };

/**
 * The suite for the one proof the document carries, chosen by its type and cryptosuite.
 * One suite per task: jsonld-signatures given several would accept the document when
 * any of them matched, and the caller already decided which proof this is
 * (verify/checks/proofs-of.ts). The key type is the library's to check (an eddsa proof
 * made with a P-256 key fails its algorithm check).
 */
function suiteFor(proof: unknown, previousProofs?: object[]): object | undefined {
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) return undefined;
  const { type, cryptosuite } = proof as { type?: unknown; cryptosuite?: unknown };
  if (type === 'Ed25519Signature2020') return previousProofs === undefined ? new Ed25519Signature2020() : undefined;
  if (type !== 'DataIntegrityProof') return undefined;
  const chosen = cryptosuite === 'eddsa-rdfc-2022' ? eddsaWithCachedKey : cryptosuite === 'ecdsa-rdfc-2019' ? ecdsaRdfc2019 : undefined;
  if (chosen === undefined) return undefined;
  return previousProofs === undefined ? new DataIntegrityProof({ cryptosuite: chosen }) : new ChainedDataIntegrityProof(chosen, previousProofs);
}

/**
 * VC Data Integrity §4.5: a proof whose previousProof names other proofs signed the
 * document with those proofs in it. jsonld-signatures hands a suite the document with
 * every proof removed, so this suite puts the named ones back before the library's own
 * verification (canonicalisation, signature, and jsonld-signatures' purpose check) runs.
 */
class ChainedDataIntegrityProof extends DataIntegrityProof {
  readonly #previousProofs: object[];
  constructor(cryptosuite: unknown, previousProofs: object[]) {
    super({ cryptosuite });
    this.#previousProofs = previousProofs;
  }
  override verifyProof(options: { proof: object; document: object; [other: string]: unknown }) {
    return super.verifyProof({ ...options, document: { ...options.document, proof: this.#previousProofs } });
  }
}

function firstMessage(error: unknown): string {
  const nested = (error as { errors?: Array<{ message?: string }> } | undefined)?.errors?.[0]?.message;
  return nested ?? (error instanceof Error ? error.message : 'verification failed');
}
