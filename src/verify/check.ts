import type { DidResolver } from '../resolve/did-resolver.js';
import type { DidDocument, VerificationMethod } from '../resolve/did-document.js';
import type { DocumentLoader } from '../resolve/document-loader.js';
import type { ProblemError } from '../shared/problems.js';
import type { StatusListSource } from '../status/status-list-source.js';
import type { ParsedCredential } from './parse-input.js';
import type { CheckId, SkipCause, TrustSummary } from './report.js';
import type { TrustRegistry } from '../trust/trust-registry.js';
import type { EmbeddedProofValue } from './checks/proofs-of.js';

/** What one verification shares between its checks; built fresh per call. */
export interface VerifyContext {
  input: unknown;
  now: Date;
  documentLoader: DocumentLoader;
  /** Contexts beyond the fixed ones (the W3C examples context in the test vectors); production has none. */
  extraContexts?: Record<string, object>;
  didResolver: DidResolver;
  /** Where status list credentials come from; without it, status is "could not check". */
  statusLists?: StatusListSource;
  /** Who vouches for issuers; without it the trust check says no authority is known. */
  trust?: TrustRegistry;
  /** Set by the trust check, for the report. */
  trustSummary?: TrustSummary;
  /** Set by the data-model check. */
  parsed?: ParsedCredential;
  /**
   * Set by the issuer-key check: each proof (the JWS, or every Data Integrity proof) with
   * the key it claims to be made with. The signature check verifies exactly these, and
   * the issuer check reads exactly these.
   */
  signers?: Signer[];
}

export interface Signer {
  /** The Data Integrity proof; absent for a JWS, whose key is named by the "kid" header. */
  proof?: EmbeddedProofValue;
  methodId: string;
  method: VerificationMethod;
  /** The DID document the key was found in (its assertionMethod is checked again with the proof). */
  didDocument: DidDocument;
}

export type CheckResult =
  | { status: 'success'; message: string }
  | { status: 'failure'; problems: ProblemError[] }
  | { status: 'skipped'; cause: SkipCause; reason: string; problems?: ProblemError[] };

/**
 * Checks return outcomes for anything about the credential; they throw only for
 * their own bugs or broken infrastructure, which the runner reports as
 * "could not check" (never as a failed credential).
 */
export interface Check {
  id: CheckId;
  /** A fatal failure stops the checks after it; they are listed as not run. */
  fatal: boolean;
  run(context: VerifyContext): Promise<CheckResult>;
}

export function signersOf(context: VerifyContext): Signer[] {
  if (context.signers === undefined || context.signers.length === 0) throw new TypeError('The issuer-key check must run first.');
  return context.signers;
}

export function parsedOf(context: VerifyContext): ParsedCredential {
  if (context.parsed === undefined) throw new TypeError('The data-model check must run first.');
  return context.parsed;
}
