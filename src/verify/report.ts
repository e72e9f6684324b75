import type { ClaimedLevel } from '../frameworks/level-report.js';
import type { RequirementsSection } from '../frameworks/requirements/evaluate.js';
import type { ProblemDetails } from '../shared/problems.js';
import type { Reason } from '../shared/reason.js';

export type CheckId =
  | 'data-model'
  | 'issuer-key'
  | 'signature'
  | 'issuer'
  | 'schema'
  | 'validity-period'
  | 'status'
  /** Who vouches for the issuer (trust/): never part of `verified`, which keeps its VC API meaning. */
  | 'trust'
  // A presentation's own checks (verify-presentation.ts).
  | 'holder-key'
  | 'holder-proof'
  | 'holder';

/**
 * Why a check did not run. Only `not-applicable` leaves a credential verifiable:
 * `could-not-check` means we do not know, which is never reported as either
 * "valid" or "failed". `not-recognized` (trust only): no source this service uses
 * names the issuer, which is not the same as a list that could not be fetched.
 */
export type SkipCause = 'not-applicable' | 'not-run' | 'could-not-check' | 'not-recognized';

export type CheckOutcome =
  | { check: CheckId; status: 'success'; message: string }
  | { check: CheckId; status: 'failure'; problems: ProblemDetails[] }
  | { check: CheckId; status: 'skipped'; cause: SkipCause; reason: string; problems?: ProblemDetails[] };

/** One word for people (the employer page) and for switch statements. */
export type Verdict =
  | 'valid'
  /** Authentic and in force, but no authority this service trusts vouches for the issuer. */
  | 'unrecognized-issuer'
  /** Authentic and in force; the issuer is recognized, but not for this (or no longer). */
  | 'out-of-scope'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'suspended'
  | 'not-genuine'
  | 'malformed'
  | 'could-not-check';

/** Who vouches for the issuer, when the trust check ran. */
export interface TrustSummary {
  /** accredited: an authority's entry names it; registered: hosted here, known to the operator only; unknown: neither. */
  tier: 'accredited' | 'registered' | 'unknown';
  recognized: boolean;
  /** The recognized legal name by language: the authority's words, not the issuer's. */
  legalName?: Record<string, string>;
  recognizedBy?: { id: string; name?: string };
  /** A trust list URL, "operator" or "this service". */
  source?: string;
  scope?: string;
  /** Exam brands the recognition covers (requirement presets read them). */
  examBrands?: string[];
  validUntil?: string;
}

export interface VerificationReport {
  verified: boolean;
  /**
   * With VC API options.checks: the checks `verified` answers for (those asked, and the fatal
   * checks they rest on). Absent: `verified` covers every check but trust.
   */
  verifiedChecks?: CheckId[];
  verdict: Verdict;
  format: 'di' | 'jwt' | 'unknown';
  credential?: { id?: string | undefined; type?: unknown; issuer?: string | undefined; validFrom?: string | undefined; validUntil?: string | undefined };
  checks: CheckOutcome[];
  trust?: TrustSummary;
  /** With options.frameworks: each claimed level in each requested framework; evaluated only for a verified credential. */
  levels?: { evaluated: boolean; reason?: string; why?: Reason; frameworks: string[]; claims: ClaimedLevel[]; caveats?: string[]; caveatReasons?: Reason[] };
  /** With options.requirements / options.presets. */
  requirements?: RequirementsSection & { evaluated: boolean; reason?: string; why?: Reason };
}

/** VC API meaning: proof, structure, validity and status. Trust is reported beside it, in the verdict. */
export function isVerified(checks: CheckOutcome[]): boolean {
  return checks.every(
    (outcome) => outcome.check === 'trust' || outcome.status === 'success' || (outcome.status === 'skipped' && outcome.cause === 'not-applicable'),
  );
}

function problemSlug(outcome: CheckOutcome): string | undefined {
  const problems = outcome.status === 'success' ? undefined : outcome.problems;
  return problems?.[0]?.type.split('/').pop();
}

/** The first reason, in check order, that the credential cannot be accepted. */
export function verdictOf(checks: CheckOutcome[]): Verdict {
  for (const outcome of checks) {
    if (outcome.check === 'trust') continue;
    if (outcome.status === 'failure') {
      switch (outcome.check) {
        case 'data-model':
        case 'schema':
          return 'malformed';
        case 'validity-period':
          return problemSlug(outcome) === 'credential-not-yet-valid' ? 'not-yet-valid' : 'expired';
        case 'status':
          return problemSlug(outcome) === 'credential-suspended' ? 'suspended' : 'revoked';
        default:
          return 'not-genuine';
      }
    }
    if (outcome.status === 'skipped' && outcome.cause === 'could-not-check') return 'could-not-check';
  }
  const trust = checks.find((outcome) => outcome.check === 'trust');
  if (trust === undefined || trust.status === 'success') return 'valid';
  if (trust.status === 'failure') return 'out-of-scope';
  return trust.cause === 'could-not-check' ? 'could-not-check' : 'unrecognized-issuer';
}

/** The exam brands a recognized issuer may examine for; none when it is not recognized. */
export function recognizedExamBrands(report: Pick<VerificationReport, 'trust'>): string[] {
  return report.trust?.recognized === true ? (report.trust.examBrands ?? []) : [];
}
