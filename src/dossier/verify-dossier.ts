import { claimsOf, recordClaimsOf, type DecisionClaim, type RecordClaims, type WorkPeriodClaim } from '../ob3/claims.js';
import { levelsIn, type ClaimedLevel } from '../frameworks/level-report.js';
import { evaluateAll, type RequirementsSection } from '../frameworks/requirements/evaluate.js';
import type { CredentialEvidence, Requirement } from '../frameworks/requirements/requirement.js';
// Known exception (docs/architecture.md): the holder-identity hash lives with the profiles that write it.
import { identityMatches } from '../issue/profiles/holder-identity.js';
import { viewerFrameworks } from '../present/viewer-frameworks.js';
import { compareCredentialDigest } from '../shared/credential-digest.js';
import { reason as why, type Reason } from '../shared/reason.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import { resolveFrameworkOptions } from '../verify/framework-sections.js';
import { recognizedExamBrands, type CheckOutcome, type VerificationReport } from '../verify/report.js';
import { verifyOne, type VerifyDeps } from '../verify/verify-credential.js';
import { verifyPresentationAndRead, type HolderBinding, type PresentationReport } from '../verify/verify-presentation.js';

export type DossierLanguage = 'fr' | 'en' | 'de' | 'es' | 'ar';

export interface DossierRequest {
  verifiablePresentation?: Record<string, unknown>;
  verifiableCredentials?: unknown[];
  options?: {
    lang?: DossierLanguage;
    frameworks?: string[];
    requirements?: Requirement[];
    presets?: string[];
    passportNumber?: string;
    challenge?: string;
    domain?: string;
  };
}

/** A link from a decision (or validation) to a credential it assessed, checked against the dossier. */
export interface LinkResult {
  id: string;
  name?: string;
  digestMultibase?: string;
  /** `not-provided`: the dossier does not hold that credential, which is not a failure. */
  status: 'matches' | 'does-not-match' | 'not-provided' | 'could-not-check';
  /** Index of the linked credential in the dossier, when provided. */
  credential?: number;
  message: string;
  why: Reason;
}

export type PassportResult = 'matches' | 'does-not-match' | 'no-passport-hash';

export interface DossierCredential extends VerificationReport {
  index: number;
  title?: string;
  profiles: string[];
  holder: { id?: string; name?: string; birthDate?: string; identityTypes: string[] };
  holderBinding?: HolderBinding;
  /** With options.passportNumber: whether one of the credential's salted passport hashes is of that number. */
  passport?: PassportResult;
  /** The credentials this one links to by id and digest (relatedResource), checked; only for an authentic credential. */
  links?: LinkResult[];
}

export interface WorkPeriod extends WorkPeriodClaim {
  credential: number;
  months: number;
  /** No end date: counted up to the date of the credential. */
  openEnded?: boolean;
}

export interface DossierReport {
  lang: DossierLanguage;
  frameworks: string[];
  /** Every credential verified, no link failed, no passport mismatch, one holder. "Could not check" keeps it false. */
  allVerified: boolean;
  presentation?: { verified: boolean; verdict: PresentationReport['verdict']; holder?: string | undefined; checks: CheckOutcome[] };
  credentials: DossierCredential[];
  holders: {
    consistent: boolean;
    groups: Array<{ subjectId?: string; name?: string; birthDate?: string; credentials: number[] }>;
    differences: string[];
    differenceReasons: Reason[];
    passportChecked: boolean;
  };
  summary: {
    qualifications: Array<{ credential: number; title?: string; recognized: boolean; levels: ClaimedLevel[] }>;
    languages: Array<{
      credential: number;
      recognized: boolean;
      language?: string;
      overall?: string;
      skills: Record<string, string>;
      examDate?: string;
      examAgeMonths?: number;
      provider?: string;
    }>;
    training: { totalHours: number; items: Array<{ credential: number; title?: string; hours?: number; startDate?: string; endDate?: string }> };
    validatedUnits: Array<{ credential: number; title?: string; extent?: string; units: Array<{ code?: string; name?: string }> }>;
    workExperience: {
      totalMonths: number;
      byCountry: Array<{ country: string; months: number }>;
      byCountryAndOccupation: Array<{ country: string; isco08?: string; occupationName?: string; months: number }>;
      periods: WorkPeriod[];
    };
    decisions: Array<{ credential: number; title?: string; recognized: boolean; decision: DecisionClaim; links: LinkResult[] }>;
    /** Validations that cite what they relied on (relatedResource), next to it. */
    validations: Array<{ credential: number; title?: string; links: LinkResult[] }>;
    requirements?: RequirementsSection;
  };
  /** What failed, in words, credential by credential (English; present/ says them in the reader's language from the reasons). */
  problems: string[];
  problemReasons: Reason[];
  /** What could not be checked, and why: never reported as failed. */
  couldNotCheck: string[];
  couldNotCheckReasons: Reason[];
}

/** Sentences in English and the same reasons as data, kept in step. */
class Findings {
  readonly texts: string[] = [];
  readonly reasons: Reason[] = [];
  add(text: string, reason: Reason): void {
    this.texts.push(text);
    this.reasons.push(reason);
  }
}

const PAGE_LANGUAGES: readonly DossierLanguage[] = ['fr', 'en', 'de', 'es', 'ar'];

/**
 * POST /dossiers/verify: every credential of a presentation (its holder proof first) or of a
 * list verified with the one credential pipeline (trust included); then who they are about,
 * the links between them, and a summary in the reader's frameworks. Only authentic credentials
 * are summed up, each marked with whether an authority this service trusts recognizes its issuer.
 */
/** `readerLanguage`: the caller's negotiated language (?lang=, Accept-Language), used when options.lang is absent. */
export async function verifyDossier(deps: VerifyDeps, body: unknown, readerLanguage: DossierLanguage = 'en'): Promise<DossierReport> {
  assertMatchesSchema<DossierRequest>('dossier-request', body);
  const options = body.options ?? {};
  const lang: DossierLanguage = options.lang !== undefined && PAGE_LANGUAGES.includes(options.lang) ? options.lang : readerLanguage;
  const frameworks = options.frameworks ?? viewerFrameworks(lang);
  // Unknown frameworks or presets are the caller's mistake: refused before anything is verified.
  const resolved = resolveFrameworkOptions({
    frameworks,
    lang,
    ...(options.requirements === undefined ? {} : { requirements: options.requirements }),
    ...(options.presets === undefined ? {} : { presets: options.presets }),
  });

  const entries: Array<{ input: unknown; report: VerificationReport; credential?: Record<string, unknown>; binding?: HolderBinding }> = [];
  let presentation: DossierReport['presentation'];
  if (body.verifiablePresentation !== undefined) {
    const presentationOptions = {
      ...(options.challenge === undefined ? {} : { challenge: options.challenge }),
      ...(options.domain === undefined ? {} : { domain: options.domain }),
    };
    const { report, carried } = await verifyPresentationAndRead(deps, {
      verifiablePresentation: body.verifiablePresentation,
      ...(Object.keys(presentationOptions).length === 0 ? {} : { options: presentationOptions }),
    });
    const ownChecksPassed = report.presentation.checks.every(
      (check) => check.status === 'success' || (check.status === 'skipped' && check.cause === 'not-applicable'),
    );
    presentation = { verified: ownChecksPassed, verdict: report.verdict, holder: report.presentation.holder, checks: report.presentation.checks };
    report.credentials.forEach(({ index: _index, holderBinding, ...credentialReport }, index) => {
      const read = carried[index];
      entries.push({
        input: read?.input,
        report: credentialReport,
        ...(read?.credential === undefined ? {} : { credential: read.credential }),
        binding: holderBinding,
      });
    });
  } else {
    for (const input of body.verifiableCredentials ?? []) {
      const { report, credential } = await verifyOne(deps, input);
      entries.push({ input, report, ...(credential === undefined ? {} : { credential }) });
    }
  }

  const now = deps.clock.now();
  const problems = new Findings();
  const couldNotCheck = new Findings();
  if (presentation !== undefined) {
    for (const check of presentation.checks) {
      if (check.status === 'failure')
        problems.add(
          `The presentation's ${check.check} check failed: ${check.problems.map((problem) => problem.detail).join(' ')}`,
          why('dossier.presentation-check-failed', { check: check.check, problem: problemSlugOf(check) }),
        );
      if (check.status === 'skipped' && check.cause === 'could-not-check')
        couldNotCheck.add(
          `The presentation's ${check.check} check could not be completed: ${check.reason}`,
          why('dossier.presentation-check-could-not-check', { check: check.check, problem: problemSlugOf(check) }),
        );
    }
  }

  const records = entries.map((entry) => recordClaimsOf(entry.credential));
  const authentic = entries.map((entry) => entry.report.verified);
  const credentials: DossierCredential[] = entries.map((entry, index) => {
    const record = records[index] as RecordClaims;
    const claims = claimsOf(entry.credential);
    const name = `Credential ${index + 1}${record.achievementName === undefined ? '' : ` (${record.achievementName})`}`;
    const who = { credential: index + 1, title: record.achievementName };
    describeVerdict(entry.report, name, who, problems, couldNotCheck);
    if (entry.binding !== undefined && !entry.binding.bound && authentic[index] === true)
      couldNotCheck.add(`${name}: ${entry.binding.message}`, why('dossier.binding', { ...who, reason: entry.binding.why }));
    const passport = options.passportNumber === undefined || entry.credential === undefined ? undefined : passportResult(record, options.passportNumber);
    if (passport === 'does-not-match')
      problems.add(`${name}: the passport number entered does not match the passport hash the credential carries.`, why('dossier.passport-mismatch', who));
    if (passport === 'no-passport-hash')
      couldNotCheck.add(
        `${name}: the credential carries no passport hash, so the passport number could not be compared.`,
        why('dossier.no-passport-hash', who),
      );
    return {
      index,
      ...entry.report,
      ...(record.achievementName === undefined ? {} : { title: record.achievementName }),
      profiles: claims.profiles,
      holder: {
        ...(record.holder.id === undefined ? {} : { id: record.holder.id }),
        ...(record.holder.name === undefined ? {} : { name: record.holder.name }),
        ...(record.holder.birthDate === undefined ? {} : { birthDate: record.holder.birthDate }),
        identityTypes: record.holder.identifiers.map((identifier) => identifier.identityType),
      },
      ...(entry.binding === undefined ? {} : { holderBinding: entry.binding }),
      ...(passport === undefined ? {} : { passport }),
    };
  });

  // Links are read only from authentic credentials: an altered decision's links say nothing.
  const linkedIds = entries.map((entry) => (typeof entry.credential?.id === 'string' ? entry.credential.id : undefined));
  for (const credential of credentials) {
    const record = records[credential.index] as RecordClaims;
    if (!credential.verified || record.relatedResources.length === 0) continue;
    credential.links = record.relatedResources.map((resource) => {
      const name = resource.name === undefined ? {} : { name: resource.name };
      const digest = resource.digestMultibase === undefined ? {} : { digestMultibase: resource.digestMultibase };
      const at = linkedIds.indexOf(resource.id);
      if (at === -1)
        return {
          id: resource.id,
          ...name,
          ...digest,
          status: 'not-provided',
          message: 'Not provided: the dossier does not contain this credential.',
          why: why('dossier.link-not-provided'),
        };
      if (resource.digestMultibase === undefined)
        return {
          id: resource.id,
          ...name,
          status: 'could-not-check',
          credential: at,
          message: 'The link gives no digest, so the credential provided cannot be compared with the one assessed.',
          why: why('dossier.link-no-digest'),
        };
      const compared = compareCredentialDigest(entries[at]?.input, resource.digestMultibase);
      if (compared === 'unsupported')
        return {
          id: resource.id,
          ...name,
          ...digest,
          status: 'could-not-check',
          credential: at,
          message: 'The digest is in a form this service does not read (only SHA-256 multihashes).',
          why: why('dossier.link-unsupported-digest'),
        };
      if (compared === 'does-not-match')
        return {
          id: resource.id,
          ...name,
          ...digest,
          status: 'does-not-match',
          credential: at,
          message: `Credential ${at + 1} has this id but not this digest: it is not the credential that was assessed (altered, or another version).`,
          why: why('dossier.link-mismatch', { linked: at + 1 }),
        };
      return {
        id: resource.id,
        ...name,
        ...digest,
        status: 'matches',
        credential: at,
        message: `Credential ${at + 1} is exactly the credential that was assessed (digest matches).`,
        why: why('dossier.link-matches', { linked: at + 1 }),
      };
    });
    const label = `Credential ${credential.index + 1}${credential.title === undefined ? '' : ` (${credential.title})`}`;
    const who = { credential: credential.index + 1, title: credential.title };
    for (const link of credential.links) {
      const linked = { ...who, id: link.id };
      if (link.status === 'does-not-match')
        problems.add(`${label} links to ${link.id}: ${link.message}`, why('dossier.link-mismatch', { ...linked, linked: (link.credential ?? 0) + 1 }));
      if (link.status === 'not-provided')
        couldNotCheck.add(
          `${label} links to ${link.id}${link.name === undefined ? '' : ` (${link.name})`}: not provided in this dossier.`,
          why('dossier.link-not-provided', { ...linked, name: link.name }),
        );
      if (link.status === 'could-not-check')
        couldNotCheck.add(`${label} links to ${link.id}: ${link.message}`, why(link.why.code, { ...link.why.params, ...linked }));
    }
  }

  const holders = holdersOf(credentials, options.passportNumber !== undefined);
  holders.differences.forEach((difference, index) => problems.add(difference, holders.differenceReasons[index] as Reason));

  const recognized = (index: number) => entries[index]?.report.verdict === 'valid';
  const summary = summarise(entries, records, credentials, frameworks, lang, now, recognized);
  if (resolved.asked !== undefined) {
    const evidence: CredentialEvidence[] = entries.map((entry, index) => ({
      index,
      ...(typeof entry.report.credential?.id === 'string' ? { id: entry.report.credential.id } : {}),
      verified: entry.report.verified,
      verdict: entry.report.verdict,
      claims: claimsOf(entry.credential),
      recognizedExamBrands: recognizedExamBrands(entry.report),
    }));
    summary.requirements = evaluateAll(resolved.asked, evidence, { now, lang });
    for (const preset of summary.requirements.presets) {
      if (preset.outcome === 'cannot-tell')
        couldNotCheck.add(`Preset ${preset.preset}: ${preset.reason}`, why('dossier.preset-cannot-tell', { preset: preset.title, reason: preset.why }));
    }
  }

  return {
    lang,
    frameworks,
    allVerified:
      (presentation?.verified ?? true) &&
      credentials.every((credential) => credential.verified) &&
      credentials.every((credential) => (credential.links ?? []).every((link) => link.status !== 'does-not-match')) &&
      credentials.every((credential) => credential.passport !== 'does-not-match') &&
      holders.consistent,
    ...(presentation === undefined ? {} : { presentation }),
    credentials,
    holders,
    summary,
    problems: problems.texts,
    problemReasons: problems.reasons,
    couldNotCheck: couldNotCheck.texts,
    couldNotCheckReasons: couldNotCheck.reasons,
  };
}

function problemSlugOf(check: CheckOutcome): string | undefined {
  return check.status === 'success' ? undefined : check.problems?.[0]?.type.split('/').pop();
}

function describeVerdict(
  report: VerificationReport,
  name: string,
  who: { credential: number; title?: string | undefined },
  problems: Findings,
  couldNotCheck: Findings,
): void {
  const failed = report.checks.filter((check) => check.status === 'failure');
  switch (report.verdict) {
    case 'valid':
      return;
    case 'unrecognized-issuer':
      problems.add(
        `${name}: authentic, but no authority this service trusts recognizes its issuer ${report.credential?.issuer ?? ''} (verdict unrecognized-issuer).`,
        why('dossier.unrecognized-issuer', who),
      );
      return;
    case 'out-of-scope': {
      const trust = report.checks.find((check) => check.check === 'trust');
      const detail = trust?.status === 'failure' ? trust.problems.map((problem) => problem.detail).join(' ') : '';
      problems.add(
        `${name}: authentic, but its issuer is not recognized for this credential (verdict out-of-scope). ${detail}`.trim(),
        why('dossier.out-of-scope', who),
      );
      return;
    }
    case 'could-not-check': {
      const reasons = report.checks.flatMap((check) =>
        check.status === 'skipped' && check.cause === 'could-not-check' ? [`${check.check}: ${check.reason}`] : [],
      );
      const checks = report.checks.flatMap((check) => (check.status === 'skipped' && check.cause === 'could-not-check' ? [check.check] : []));
      couldNotCheck.add(`${name}: could not be fully checked (${reasons.join('; ')}).`, why('dossier.could-not-check', { ...who, checks }));
      return;
    }
    default:
      problems.add(
        `${name}: ${report.verdict} — ${failed.map((check) => `${check.check} check failed${check.status === 'failure' ? `: ${check.problems.map((problem) => problem.detail).join(' ')}` : ''}`).join('; ') || 'see its checks'}.`,
        why('dossier.not-accepted', { ...who, verdict: report.verdict, checks: failed.map((check) => check.check) }),
      );
  }
}

function passportResult(record: RecordClaims, passportNumber: string): PassportResult {
  const hashes = record.holder.identifiers.filter((identifier) => identifier.identityType === 'ext:passportNumber');
  if (hashes.length === 0) return 'no-passport-hash';
  return hashes.some((identity) => identityMatches(identity, passportNumber)) ? 'matches' : 'does-not-match';
}

const normalise = (text: string | undefined) => text?.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');

/** Groups by subject id, else by name and birth date; says what differs between groups. */
function holdersOf(credentials: DossierCredential[], passportChecked: boolean): DossierReport['holders'] {
  const groups: DossierReport['holders']['groups'] = [];
  for (const credential of credentials) {
    if (credential.credential === undefined) continue;
    const { id, name, birthDate } = credential.holder;
    const group = groups.find((candidate) =>
      id !== undefined && candidate.subjectId !== undefined
        ? candidate.subjectId === id
        : normalise(candidate.name) === normalise(name) && (candidate.birthDate === undefined || birthDate === undefined || candidate.birthDate === birthDate),
    );
    if (group === undefined) {
      groups.push({
        ...(id === undefined ? {} : { subjectId: id }),
        ...(name === undefined ? {} : { name }),
        ...(birthDate === undefined ? {} : { birthDate }),
        credentials: [credential.index],
      });
    } else {
      group.credentials.push(credential.index);
      if (group.subjectId === undefined && id !== undefined) group.subjectId = id;
      if (group.birthDate === undefined && birthDate !== undefined) group.birthDate = birthDate;
    }
  }
  const differences: string[] = [];
  const differenceReasons: Reason[] = [];
  if (groups.length > 1) {
    differenceReasons.push(
      why('dossier.holders-differ', {
        count: groups.length,
        holders: groups.map(
          (group) =>
            `${group.name ?? '—'}${group.birthDate === undefined ? '' : ` (${group.birthDate})`}: ${group.credentials.map((index) => index + 1).join(', ')}`,
        ),
      }),
    );
    const describe = (group: (typeof groups)[number]) =>
      `${group.name ?? 'no name'}${group.birthDate === undefined ? '' : `, born ${group.birthDate}`}${group.subjectId === undefined ? '' : `, subject ${group.subjectId}`} (credential${group.credentials.length > 1 ? 's' : ''} ${group.credentials.map((index) => index + 1).join(', ')})`;
    differences.push(`The credentials are about ${groups.length} different holders: ${groups.map(describe).join('; ')}.`);
    const ids = new Set(groups.map((group) => group.subjectId).filter((id) => id !== undefined));
    if (ids.size > 1) {
      differences.push(`They name ${ids.size} different subject ids.`);
      differenceReasons.push(why('dossier.subject-ids-differ', { count: ids.size }));
    }
  }
  const mismatched = credentials.filter((credential) => credential.passport === 'does-not-match').map((credential) => credential.index + 1);
  if (mismatched.length > 0 && credentials.some((credential) => credential.passport === 'matches')) {
    differences.push(`The passport number matches some credentials but not credential${mismatched.length > 1 ? 's' : ''} ${mismatched.join(', ')}.`);
    differenceReasons.push(why('dossier.passport-partial', { credentials: mismatched.map(String) }));
  }
  return { consistent: differences.length === 0, groups, differences, differenceReasons, passportChecked };
}

/** Whole months from the first day to the day after the last (an end date is inclusive): 1 March – 30 November is 9. */
export function monthsBetween(start: string, end: string): number {
  const to = new Date(end.slice(0, 10) + 'T00:00:00Z');
  to.setUTCDate(to.getUTCDate() + 1);
  return monthsElapsed(start, to.toISOString());
}

/** Whole months from one date to another: an exam of 20 February is 0 months old on 19 March. */
export function monthsElapsed(start: string, end: string): number {
  const from = new Date(start.slice(0, 10) + 'T00:00:00Z');
  const to = new Date(end.slice(0, 10) + 'T00:00:00Z');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to < from) return 0;
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (to.getUTCDate() < from.getUTCDate()) months -= 1;
  return Math.max(0, months);
}

function summarise(
  entries: Array<{ report: VerificationReport; credential?: Record<string, unknown> }>,
  records: RecordClaims[],
  credentials: DossierCredential[],
  frameworks: string[],
  lang: string,
  now: Date,
  recognized: (index: number) => boolean,
): DossierReport['summary'] {
  const summary: DossierReport['summary'] = {
    qualifications: [],
    languages: [],
    training: { totalHours: 0, items: [] },
    validatedUnits: [],
    workExperience: { totalMonths: 0, byCountry: [], byCountryAndOccupation: [], periods: [] },
    decisions: [],
    validations: [],
  };
  entries.forEach((entry, index) => {
    // Only an authentic credential's claims are summed up; whether its issuer is recognized is said beside each.
    if (!entry.report.verified) return;
    const claims = claimsOf(entry.credential);
    const record = records[index] as RecordClaims;
    const title = record.achievementName === undefined ? {} : { title: record.achievementName };
    const isRecognized = recognized(index);
    if (claims.levels.length > 0 && record.decision === undefined) {
      summary.qualifications.push({ credential: index, ...title, recognized: isRecognized, levels: levelsIn({ ...claims, languages: [] }, frameworks, lang) });
    }
    for (const language of claims.languages) {
      const examAgeMonths = language.examDate === undefined ? undefined : monthsElapsed(language.examDate, now.toISOString());
      summary.languages.push({
        credential: index,
        recognized: isRecognized,
        ...(language.language === undefined ? {} : { language: language.language }),
        ...(language.overall === undefined ? {} : { overall: language.overall }),
        skills: { ...language.skills },
        ...(language.examDate === undefined ? {} : { examDate: language.examDate.slice(0, 10) }),
        ...(examAgeMonths === undefined ? {} : { examAgeMonths }),
        ...(language.provider?.names[0] === undefined ? {} : { provider: language.provider.names[0] }),
      });
    }
    if (record.training !== undefined && claims.languages.length === 0) {
      summary.training.items.push({ credential: index, ...title, ...record.training });
      summary.training.totalHours += record.training.hours ?? 0;
    }
    if (record.validatedUnits.length > 0 && record.decision === undefined) {
      summary.validatedUnits.push({
        credential: index,
        ...title,
        ...(record.validationExtent === undefined ? {} : { extent: record.validationExtent }),
        units: record.validatedUnits,
      });
    }
    const until = typeof entry.credential?.awardedDate === 'string' ? entry.credential.awardedDate : now.toISOString();
    for (const period of record.workExperience) {
      if (period.startDate === undefined) continue;
      const months = monthsBetween(period.startDate, period.endDate ?? until);
      summary.workExperience.periods.push({ ...period, credential: index, months, ...(period.endDate === undefined ? { openEnded: true } : {}) });
    }
    const links = credentials[index]?.links ?? [];
    if (record.decision !== undefined) summary.decisions.push({ credential: index, ...title, recognized: isRecognized, decision: record.decision, links });
    else if (links.length > 0) summary.validations.push({ credential: index, ...title, links });
  });
  const work = summary.workExperience;
  for (const period of work.periods) {
    const country = period.country ?? '??';
    work.totalMonths += period.months;
    const byCountry = work.byCountry.find((entry) => entry.country === country);
    if (byCountry === undefined) work.byCountry.push({ country, months: period.months });
    else byCountry.months += period.months;
    const byOccupation = work.byCountryAndOccupation.find((entry) => entry.country === country && entry.isco08 === period.isco08);
    if (byOccupation === undefined)
      work.byCountryAndOccupation.push({
        country,
        ...(period.isco08 === undefined ? {} : { isco08: period.isco08 }),
        ...(period.occupationName === undefined ? {} : { occupationName: period.occupationName }),
        months: period.months,
      });
    else byOccupation.months += period.months;
  }
  return summary;
}
