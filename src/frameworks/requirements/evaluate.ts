import type { Claims, LanguageClaim, LevelClaim } from '../../ob3/claims.js';
import { cefrRank, LANGUAGE_SKILLS, normaliseLanguage } from '../../ob3/vocabulary.js';
import { brandsNamedBy, examBrand } from '../exam-brands.js';
import { mapLevel } from '../map-level.js';
import { frameworkRegistry, type FrameworkRegistry } from '../registry.js';
import { ProblemError } from '../../shared/problems.js';
import { reason as why, type Reason } from '../../shared/reason.js';
import {
  all,
  best,
  type AcceptedProvider,
  type CredentialEvidence,
  type EvidenceUsed,
  type Outcome,
  type Preset,
  type PresetResult,
  type Requirement,
  type RequirementResult,
} from './requirement.js';

/**
 * Evaluates requirements against the claims of credentials. Pure: the caller has
 * verified the credentials; only verified ones count as evidence, and an unverified
 * one is reported as such (could-not-check → cannot tell; anything else → not met).
 */

export interface EvaluateOptions {
  now: Date;
  registry?: FrameworkRegistry;
}

const SKILL_NAMES: Record<string, string> = { listening: 'listening', reading: 'reading', writing: 'writing', speaking: 'speaking' };

export function evaluateRequirement(requirement: Requirement, credentials: CredentialEvidence[], options: EvaluateOptions): RequirementResult {
  switch (requirement.kind) {
    case 'any-of': {
      const alternatives = requirement.anyOf.map((alternative) => evaluateRequirement(alternative, credentials, options));
      const outcome = best(alternatives.map((result) => result.outcome));
      const chosen = alternatives.find((result) => result.outcome === outcome) as RequirementResult;
      return {
        requirement,
        outcome,
        reason:
          outcome === 'not-met' ? `None of the ${alternatives.length} alternatives is met.` : `Alternative ${describe(chosen.requirement)}: ${chosen.reason}`,
        why:
          outcome === 'not-met'
            ? why('requirement.none-of-alternatives', { count: alternatives.length })
            : why('requirement.alternative', { alternative: describe(chosen.requirement), reason: chosen.why }),
        evidence: chosen.evidence,
        alternatives,
      };
    }
    case 'language':
      return decide(
        requirement,
        credentials,
        (credential) =>
          credential.claims.languages
            .filter((claim) => claim.language !== undefined && claim.language === normaliseLanguage(requirement.language))
            .map((claim) => ({ claim, ...judgeLanguage(requirement, claim, credential.recognizedExamBrands, options.now) })),
        `states a level in ${requirement.language}`,
        { kind: 'language', language: normaliseLanguage(requirement.language) },
      );
    case 'recognition-decision':
      return decide(
        requirement,
        credentials,
        (credential) => credential.claims.decisions.map((decision) => judgeDecision(requirement, decision, credential.verdict)),
        'is a recognition decision',
        { kind: 'recognition-decision' },
      );
    case 'qualification-level': {
      const registry = options.registry ?? frameworkRegistry();
      return decide(
        requirement,
        credentials,
        // The level of a qualification a validation or module refers to is not a level the holder reached.
        (credential) => credential.claims.levels.filter((claim) => claim.role === undefined).map((claim) => judgeLevel(requirement, claim, registry)),
        'states a qualification level',
        { kind: 'qualification-level' },
      );
    }
  }
}

type Judged = Omit<EvidenceUsed, 'credential' | 'credentialId' | 'verified'>;

function decide(
  requirement: Requirement,
  credentials: CredentialEvidence[],
  judge: (credential: CredentialEvidence) => Judged[],
  what: string,
  asked: Record<string, string>,
): RequirementResult {
  const evidence: EvidenceUsed[] = [];
  for (const credential of credentials) {
    const judged = judge(credential);
    const base = { credential: credential.index, ...(credential.id === undefined ? {} : { credentialId: credential.id }), verified: credential.verified };
    if (credential.verified) {
      evidence.push(...judged.map((entry) => ({ ...base, ...entry })));
    } else if (judged.length > 0) {
      // Its claims are read only to say why it does not count.
      const outcome: Outcome = credential.verdict === 'could-not-check' ? 'cannot-tell' : 'not-met';
      evidence.push({
        ...base,
        ...(judged[0]?.claim === undefined ? {} : { claim: judged[0].claim }),
        outcome,
        reason: `Credential ${credential.index} was not verified (verdict: ${credential.verdict}), so its claims do not count as evidence.`,
        why: why('requirement.not-verified', { credential: credential.index + 1, verdict: credential.verdict }),
      });
    }
  }
  if (evidence.length === 0) {
    return {
      requirement,
      outcome: 'not-met',
      reason: `None of the ${credentials.length} credential(s) ${what}.`,
      why: why('requirement.no-evidence', { count: credentials.length, ...asked }),
      evidence,
    };
  }
  const outcome = best(evidence.map((entry) => entry.outcome));
  const decisive = evidence.find((entry) => entry.outcome === outcome) as EvidenceUsed;
  return { requirement, outcome, reason: decisive.reason, why: decisive.why, evidence };
}

const providerLabel = (accepted: AcceptedProvider) => {
  const name = examBrand(accepted.brand)?.name ?? accepted.brand;
  return accepted.minLevel === undefined ? name : `${name} (from ${accepted.minLevel})`;
};

function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

function judgeLanguage(requirement: Extract<Requirement, { kind: 'language' }>, claim: LanguageClaim, recognizedBrands: string[], now: Date): Judged {
  // Each finding in English (the detail) and as data (for the reader's language), side by side.
  const failed: string[] = [];
  const unknown: string[] = [];
  const failedWhy: Reason[] = [];
  const unknownWhy: Reason[] = [];
  let minLevel = requirement.minLevel;
  let brandUsed: string | undefined;
  // A failed (or unfinished) exam reaches no level, whatever level it was for.
  if (claim.overall === undefined && Object.keys(claim.skills).length === 0 && (claim.notPassed?.length ?? 0) > 0) {
    const statuses = [...new Set(claim.notPassed?.map((entry) => entry.status))].join(', ');
    return {
      claim,
      outcome: 'not-met',
      reason: `Not met: the exam result is ${statuses}, so no level was reached.`,
      why: why('requirement.not-met', { because: [why('language.exam-not-passed', { statuses })] }),
    };
  }

  // A brand counts only when an authority this service trusts recognizes the signer for it:
  // the provider a credential names is the issuer's own claim (anyone can type "Goethe-Institut").
  if (requirement.acceptedProviders !== undefined) {
    const named = brandsNamedBy(claim.provider);
    const accepted = requirement.acceptedProviders.find((candidate) => recognizedBrands.includes(candidate.brand));
    const wanted = requirement.acceptedProviders.map(providerLabel).join(', ');
    const unrecognizedNamed = named.filter((brand) => !recognizedBrands.includes(brand.id));
    if (unrecognizedNamed.length > 0) {
      failedWhy.push(why('language.provider-not-recognized', { brands: unrecognizedNamed.map((brand) => brand.name) }));
      failed.push(
        `the credential names ${unrecognizedNamed.map((brand) => brand.name).join(', ')} as exam provider, but its signer is not recognized for ${unrecognizedNamed.length === 1 ? 'that brand' : 'those brands'} by any authority this service trusts`,
      );
    } else if (accepted === undefined) {
      failed.push(`its signer is not recognized by any authority this service trusts as an exam provider of ${wanted}`);
      failedWhy.push(
        why('language.signer-not-recognized', { wanted: requirement.acceptedProviders.map((provider) => examBrand(provider.brand)?.name ?? provider.brand) }),
      );
    }
    if (accepted !== undefined && accepted.minLevel !== undefined && cefrRank(accepted.minLevel) > cefrRank(minLevel)) minLevel = accepted.minLevel;
    if (accepted !== undefined && unrecognizedNamed.length === 0) brandUsed = examBrand(accepted.brand)?.name ?? accepted.brand;
  }

  // The Auswärtiges Amt counts a certificate's age from its oldest passed module, when modules
  // were taken on different dates; otherwise from the exam date.
  if (requirement.maxAgeMonths !== undefined) {
    const moduleDates = (claim.moduleDates ?? []).filter((date) => !Number.isNaN(Date.parse(date))).sort();
    const counted = moduleDates[0] ?? claim.examDate;
    const what = moduleDates.length > 0 ? `the oldest passed module (${counted?.slice(0, 10)})` : `the exam of ${counted?.slice(0, 10)}`;
    const date = counted === undefined ? undefined : new Date(counted);
    if (date === undefined || Number.isNaN(date.getTime())) {
      unknown.push('the credential gives no exam date');
      unknownWhy.push(why('language.no-exam-date'));
    } else if (addMonths(date, requirement.maxAgeMonths) < now) {
      failed.push(`${what} is older than ${requirement.maxAgeMonths} months`);
      failedWhy.push(
        why('language.exam-too-old', { date: counted?.slice(0, 10) ?? '', months: requirement.maxAgeMonths, oldestModule: moduleDates.length > 0 ? 1 : 0 }),
      );
    }
  }

  /** `scale`: a skill, `overall`, or `lowest` (the weakest skill standing for a missing overall level). */
  const levelOk = (level: string, what: string, scale: string) => {
    if (cefrRank(level) < cefrRank(minLevel)) {
      failed.push(`${what} is ${level}, below ${minLevel}`);
      failedWhy.push(why('language.level-below', { scale, level, min: minLevel }));
    }
  };
  if (requirement.skills !== undefined) {
    for (const skill of requirement.skills) {
      const level = claim.skills[skill];
      if (level === undefined) {
        unknown.push(`the credential states no ${SKILL_NAMES[skill]} level${claim.overall === undefined ? '' : ` (only the overall level ${claim.overall})`}`);
        unknownWhy.push(why('language.no-skill-level', { skill, overall: claim.overall }));
      } else levelOk(level, SKILL_NAMES[skill] as string, skill);
    }
  } else if (claim.overall !== undefined) {
    levelOk(claim.overall, 'the overall level', 'overall');
  } else if (LANGUAGE_SKILLS.every((skill) => claim.skills[skill] !== undefined)) {
    // No overall level: the weakest skill stands for it, which never overstates.
    const lowest = LANGUAGE_SKILLS.map((skill) => claim.skills[skill] as string).sort((a, b) => cefrRank(a) - cefrRank(b))[0] as string;
    levelOk(lowest, 'the lowest skill level (no overall level is stated)', 'lowest');
  } else {
    unknown.push('the credential states neither an overall level nor all four skill levels');
    unknownWhy.push(why('language.no-overall-level'));
  }

  const stated = claim.overall ?? Object.values(claim.skills).join('/');
  if (failed.length > 0)
    return { claim, outcome: 'not-met', reason: `Not met: ${failed.join('; ')}.`, why: why('requirement.not-met', { because: failedWhy }) };
  if (unknown.length > 0)
    return { claim, outcome: 'cannot-tell', reason: `Cannot tell: ${unknown.join('; ')}.`, why: why('requirement.cannot-tell', { because: unknownWhy }) };
  return {
    claim,
    outcome: 'met',
    why: why('language.met', {
      language: normaliseLanguage(requirement.language),
      stated,
      min: minLevel,
      brand: brandUsed,
      examDate: claim.examDate?.slice(0, 10),
    }),
    reason: `Met: ${requirement.language} ${stated} at or above ${minLevel}${brandUsed === undefined ? '' : `, signed by an issuer recognized for ${brandUsed} exams`}${claim.examDate === undefined ? '' : `, exam of ${claim.examDate.slice(0, 10)}`}.`,
  };
}

function judgeLevel(requirement: Extract<Requirement, { kind: 'qualification-level' }>, claim: LevelClaim, registry: FrameworkRegistry): Judged {
  const basis = requirement.basis ?? 'official';
  let mapping;
  try {
    mapping = mapLevel({ framework: claim.framework, level: claim.level }, requirement.framework, { registry });
  } catch (error) {
    if (error instanceof ProblemError)
      return {
        claim,
        outcome: 'cannot-tell',
        reason: `Cannot tell: the credential states ${claim.framework} ${claim.level}, which the registry does not know (${error.message})`,
        why: why('level.unknown', { stated: `${claim.framework} ${claim.level}` }),
      };
    throw error;
  }
  const used = { to: mapping.to.map((level) => level.code), basis: mapping.basis, path: mapping.path, reason: mapping.reason };
  const target = registry.find(requirement.framework);
  const stated = `${claim.framework} ${claim.level}`;
  // For people: the framework's abbreviation (CNC 5), not its registry id (ma-cnc 5).
  const statedFor = `${registry.find(claim.framework).abbreviation} ${claim.level}`;
  if (mapping.basis === 'none')
    return {
      claim,
      mapping: used,
      outcome: 'cannot-tell',
      reason: `Cannot tell: ${stated} has no recorded correspondence in ${target.abbreviation}. ${mapping.reason}`,
      why: why('level.no-correspondence', { stated: statedFor, target: target.abbreviation, mapping: mapping.why }),
    };
  const min = registry.rank(requirement.framework, requirement.minLevel);
  const reached = used.to.map((code) => registry.rank(requirement.framework, code) >= min);
  const inTarget = `${target.abbreviation} ${used.to.join(' or ')}`;
  if (basis === 'official' && mapping.basis !== 'official') {
    return {
      claim,
      mapping: used,
      outcome: 'not-met',
      reason: `Not met on an official basis: ${stated} is only indicatively ${inTarget}. ${mapping.reason}`,
      why: why('level.only-indicative', { stated: statedFor, target: target.abbreviation, levels: used.to }),
    };
  }
  const qualifier = mapping.basis === 'official' ? 'officially' : 'indicatively';
  if (reached.every(Boolean))
    return {
      claim,
      mapping: used,
      outcome: 'met',
      reason: `Met: ${stated} is ${qualifier} ${inTarget}, at or above ${target.abbreviation} ${requirement.minLevel}.`,
      why: why('level.met', { stated: statedFor, basis: mapping.basis, target: target.abbreviation, levels: used.to, min: requirement.minLevel }),
    };
  if (!reached.some(Boolean))
    return {
      claim,
      mapping: used,
      outcome: 'not-met',
      reason: `Not met: ${stated} is ${qualifier} ${inTarget}, below ${target.abbreviation} ${requirement.minLevel}.`,
      why: why('level.below', { stated: statedFor, basis: mapping.basis, target: target.abbreviation, levels: used.to, min: requirement.minLevel }),
    };
  return {
    claim,
    mapping: used,
    outcome: 'cannot-tell',
    reason: `Cannot tell: ${stated} spans ${inTarget}, on both sides of ${target.abbreviation} ${requirement.minLevel}.`,
    why: why('level.spans', { stated: statedFor, target: target.abbreviation, levels: used.to, min: requirement.minLevel }),
  };
}

const DECISION_WORDS: Record<string, string> = {
  'full-equivalence': 'full equivalence',
  'partial-equivalence': 'partial equivalence',
  'units-validated': 'units validated',
  refused: 'refusal',
};

/**
 * A decision counts only when an authority this service trusts recognizes its issuer for it
 * (verdict valid): anyone can sign "full equivalence", as anyone can type "Goethe-Institut".
 */
function judgeDecision(requirement: Extract<Requirement, { kind: 'recognition-decision' }>, decision: Claims['decisions'][number], verdict: string): Judged {
  const stated = DECISION_WORDS[decision.decisionType] ?? decision.decisionType;
  const wanted = requirement.decisionTypes.map((type) => DECISION_WORDS[type] ?? type).join(' or ');
  if (verdict !== 'valid') {
    return {
      outcome: 'not-met',
      reason: `Not met: the decision (${stated}) is authentic, but its issuer is not recognized for it by any authority this service trusts (verdict ${verdict}).`,
      why: why('decision.issuer-not-recognized', { decision: decision.decisionType, verdict }),
    };
  }
  if (!(requirement.decisionTypes as string[]).includes(decision.decisionType))
    return {
      outcome: 'not-met',
      reason: `Not met: the decision is a ${stated}, not a ${wanted}.`,
      why: why('decision.other-type', { decision: decision.decisionType, wanted: [...requirement.decisionTypes] }),
    };
  if (requirement.compensatoryMeasure !== undefined && !decision.measureTypes.includes(requirement.compensatoryMeasure)) {
    return {
      outcome: 'not-met',
      reason: `Not met: the ${stated} imposes no ${requirement.compensatoryMeasure.replace('-', ' ')}.`,
      why: why('decision.no-measure', { decision: decision.decisionType, measure: requirement.compensatoryMeasure }),
    };
  }
  const measure =
    requirement.compensatoryMeasure === undefined
      ? ''
      : ` with ${requirement.compensatoryMeasure === 'adaptation-period' && decision.adaptationMonths !== undefined ? `an adaptation period of ${decision.adaptationMonths} months` : `a ${requirement.compensatoryMeasure.replace('-', ' ')}`}`;
  return {
    outcome: 'met',
    reason: `Met: a ${stated}${measure}, issued by a recognized body.`,
    why: why('decision.met', {
      decision: decision.decisionType,
      measure: requirement.compensatoryMeasure,
      months: requirement.compensatoryMeasure === 'adaptation-period' ? decision.adaptationMonths : undefined,
    }),
  };
}

function describe(requirement: Requirement): string {
  if (requirement.id !== undefined) return requirement.id;
  switch (requirement.kind) {
    case 'language':
      return `${requirement.language} ≥ ${requirement.minLevel}`;
    case 'qualification-level':
      return `${requirement.framework} ≥ ${requirement.minLevel}`;
    case 'any-of':
      return 'any of';
    case 'recognition-decision':
      return requirement.decisionTypes.join(' or ');
  }
}

export function evaluatePreset(preset: Preset, credentials: CredentialEvidence[], options: EvaluateOptions & { lang?: string }): PresetResult {
  const results = preset.requirements.map((requirement) => evaluateRequirement(requirement, credentials, options));
  const outcome = all(results.map((result) => result.outcome));
  const decisive = results.find((result) => result.outcome === outcome);
  return {
    preset: preset.id,
    title: (options.lang === undefined ? undefined : preset.title[options.lang.split('-')[0] ?? '']) ?? preset.title.en,
    outcome,
    reason: decisive?.reason ?? '',
    ...(decisive === undefined ? {} : { why: decisive.why }),
    sources: preset.sources,
    ...(preset.verify === undefined ? {} : { verify: preset.verify }),
    results,
  };
}

export interface RequirementsSection {
  outcome: Outcome;
  requirements: RequirementResult[];
  presets: PresetResult[];
}

/** Ad-hoc requirements and presets together; the overall outcome needs all of them. */
export function evaluateAll(
  asked: { requirements: Requirement[]; presets: Preset[] },
  credentials: CredentialEvidence[],
  options: EvaluateOptions & { lang?: string },
): RequirementsSection {
  const requirements = asked.requirements.map((requirement) => evaluateRequirement(requirement, credentials, options));
  const presets = asked.presets.map((preset) => evaluatePreset(preset, credentials, options));
  return { outcome: all([...requirements, ...presets].map((result) => result.outcome)), requirements, presets };
}
