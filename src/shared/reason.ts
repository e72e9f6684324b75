/**
 * A reason as data: a code and its parameters, so that the pure layers (frameworks/,
 * verify/, trust/, dossier/) say *why* once and present/i18n/reasons.ts says it in the
 * reader's language. The English sentence the producer wrote stays beside it as the
 * technical detail (it may carry more: data rationales, key ids, URLs).
 *
 * Every code listed here must have a sentence in each of the five page languages
 * (the catalogue is typed by this list, and test/present/reason-catalogue.test.ts renders each).
 */
export const REASON_CODES = [
  // Requirements (frameworks/requirements/evaluate.ts)
  'requirement.none-of-alternatives',
  'requirement.alternative',
  'requirement.not-verified',
  'requirement.no-evidence',
  'requirement.not-met',
  'requirement.cannot-tell',
  'language.exam-not-passed',
  'language.provider-not-recognized',
  'language.signer-not-recognized',
  'language.no-exam-date',
  'language.exam-too-old',
  'language.level-below',
  'language.no-skill-level',
  'language.no-overall-level',
  'language.met',
  'level.unknown',
  'level.no-correspondence',
  'level.only-indicative',
  'level.met',
  'level.below',
  'level.spans',
  'decision.issuer-not-recognized',
  'decision.other-type',
  'decision.no-measure',
  'decision.met',
  // Level mappings (frameworks/map-level.ts)
  'mapping.same-framework',
  'mapping.official',
  'mapping.indicative',
  'mapping.several-levels',
  'mapping.former-code',
  'mapping.former-code-spans',
  'mapping.none-language-scale',
  'mapping.none-no-levels',
  'mapping.none-continental',
  'mapping.none-unrecorded',
  'mapping.unconfirmed',
  // Report sections (verify/framework-sections.ts)
  'report.not-evaluated',
  'report.dqr-recognition',
  // Checks (verify/checks, verify/verify-presentation.ts, trust/): read from the check id, status and problem type
  'check.passed',
  'check.not-run',
  'check.not-applicable',
  'check.no-schema',
  'check.no-validity-period',
  'check.no-status',
  'check.presentation-unsigned',
  'check.no-holder-named',
  'check.could-not-check',
  'check.failed',
  'trust.not-recognized',
  'trust.recognized',
  // Problem types a check reports (shared/problems.ts)
  'problem.malformed-credential',
  'problem.invalid-credential',
  'problem.undefined-term',
  'problem.unknown-context',
  'problem.limit-exceeded',
  'problem.invalid-signature',
  'problem.unsupported-proof',
  'problem.schema-mismatch',
  'problem.issuer-key-mismatch',
  'problem.issuer-unresolved',
  'problem.credential-expired',
  'problem.credential-not-yet-valid',
  'problem.credential-revoked',
  'problem.credential-suspended',
  'problem.issuer-out-of-scope',
  'problem.trust-unchecked',
  'problem.status-unchecked',
  'problem.processing-timeout',
  // Holder binding of a presented credential (verify/verify-presentation.ts)
  'binding.unreadable',
  'binding.not-proven',
  'binding.bound',
  'binding.not-subject',
  // Dossier (dossier/verify-dossier.ts)
  'dossier.presentation-check-failed',
  'dossier.presentation-check-could-not-check',
  'dossier.unrecognized-issuer',
  'dossier.out-of-scope',
  'dossier.could-not-check',
  'dossier.not-accepted',
  'dossier.binding',
  'dossier.passport-mismatch',
  'dossier.no-passport-hash',
  'dossier.link-mismatch',
  'dossier.link-matches',
  'dossier.link-not-provided',
  'dossier.link-no-digest',
  'dossier.link-unsupported-digest',
  'dossier.holders-differ',
  'dossier.subject-ids-differ',
  'dossier.passport-partial',
  'dossier.preset-cannot-tell',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export type ReasonParam = string | number | Reason | Reason[] | string[];

export interface Reason {
  code: ReasonCode;
  params?: Record<string, ReasonParam>;
}

export function reason(code: ReasonCode, params?: Record<string, ReasonParam | undefined>): Reason {
  if (params === undefined) return { code };
  const defined = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) as Record<string, ReasonParam>;
  return Object.keys(defined).length === 0 ? { code } : { code, params: defined };
}
