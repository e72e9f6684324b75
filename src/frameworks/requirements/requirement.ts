import type { Basis } from '../framework.js';
import type { LanguageSkill, LevelClaim, LanguageClaim, Claims } from '../../ob3/claims.js';
import type { Reason } from '../../shared/reason.js';

/** schemas/requirement.schema.json */
/** An exam brand by identifier (frameworks/exam-brands.ts). */
export interface AcceptedProvider {
  brand: string;
  minLevel?: string;
}

export type Requirement =
  | {
      kind: 'language';
      id?: string;
      description?: string;
      language: string;
      minLevel: string;
      skills?: LanguageSkill[];
      acceptedProviders?: AcceptedProvider[];
      maxAgeMonths?: number;
    }
  | { kind: 'qualification-level'; id?: string; description?: string; framework: string; minLevel: string; basis?: 'official' | 'any' }
  | { kind: 'any-of'; id?: string; description?: string; anyOf: Requirement[] }
  | {
      kind: 'recognition-decision';
      id?: string;
      description?: string;
      /** The decision must be one of these. */
      decisionTypes: Array<'full-equivalence' | 'partial-equivalence' | 'units-validated' | 'refused'>;
      /** The decision must impose a compensatory measure of this type (e.g. an adaptation period for §16d). */
      compensatoryMeasure?: 'adaptation-period' | 'aptitude-test' | 'knowledge-test' | 'training';
    };

export interface Preset {
  id: string;
  dataVersion: string;
  title: Record<string, string> & { en: string };
  description: string;
  jurisdiction: string;
  sources: Array<{ key?: string; url: string; title: string; weak?: boolean }>;
  verify?: string[];
  requirements: Requirement[];
}

export type Outcome = 'met' | 'not-met' | 'cannot-tell';

/** One credential as evidence: whether it verified, and what it claims. */
export interface CredentialEvidence {
  index: number;
  id?: string;
  verified: boolean;
  verdict: string;
  claims: Claims;
  /** Exam brands an authority this service trusts recognizes the signer for (the trust check); empty when none. */
  recognizedExamBrands: string[];
}

export interface EvidenceUsed {
  credential: number;
  credentialId?: string;
  verified: boolean;
  claim?: LevelClaim | LanguageClaim;
  mapping?: { to: string[]; basis: Basis; path: Array<{ framework: string; levels: string[]; basis?: string }>; reason: string };
  outcome: Outcome;
  /** English, with the technical detail; `why` is the same reason as data, for the reader's language. */
  reason: string;
  why: Reason;
}

export interface RequirementResult {
  requirement: Requirement;
  outcome: Outcome;
  reason: string;
  why: Reason;
  evidence: EvidenceUsed[];
  /** For any-of: each alternative's result. */
  alternatives?: RequirementResult[];
}

export interface PresetResult {
  preset: string;
  title: string;
  outcome: Outcome;
  reason: string;
  why?: Reason;
  sources: Preset['sources'];
  verify?: string[];
  results: RequirementResult[];
}

const RANK: Record<Outcome, number> = { 'not-met': 0, 'cannot-tell': 1, met: 2 };

/** The best of several candidates: one credential that meets a requirement is enough. */
export function best(outcomes: Outcome[]): Outcome {
  return outcomes.reduce<Outcome>((a, b) => (RANK[b] > RANK[a] ? b : a), 'not-met');
}

/** All must hold: one failure decides, otherwise one unknown does. */
export function all(outcomes: Outcome[]): Outcome {
  if (outcomes.includes('not-met')) return 'not-met';
  if (outcomes.includes('cannot-tell')) return 'cannot-tell';
  return 'met';
}
