import type { DidResolver } from '../resolve/did-resolver.js';
import type { Clock } from '../shared/clock.js';
import type { VerificationMethod } from '../resolve/did-document.js';
import type { DocumentLoader } from '../resolve/document-loader.js';
import type { ProblemError } from '../shared/problems.js';
import type { StatusListSource } from '../status/status-list-source.js';
import type { ParsedCredential } from './parse-input.js';
import type { CheckId, SkipCause } from './report.js';

/** What one verification shares between its checks; built fresh per call. */
export interface VerifyContext {
  input: unknown;
  now: Date;
  /** For checks that fetch something later in the verification (status lists): what time it is then. */
  clock?: Clock;
  documentLoader: DocumentLoader;
  didResolver: DidResolver;
  /** Where status list credentials come from; without it, status is "could not check". */
  statusLists?: StatusListSource;
  /** Set by the data-model check. */
  parsed?: ParsedCredential;
  /** Set by the issuer-key check: the key the proof claims to be made with. */
  verificationMethod?: VerificationMethod;
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

export function parsedOf(context: VerifyContext): ParsedCredential {
  if (context.parsed === undefined) throw new TypeError('The data-model check must run first.');
  return context.parsed;
}
