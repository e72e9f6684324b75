import { claimsOf } from '../ob3/claims.js';
import { LANGUAGE_SKILLS, type CefrScale } from '../ob3/vocabulary.js';
import type { IssuerRecord } from '../store/ports.js';
import { firstObject, pickText, primaryLanguageOf, type LocalizedText } from './localized-text.js';

/** What a reader checks first, per profile; labels are in i18n (messages.facts). */
export type FactKey =
  | 'awardedOn'
  | 'awardingBody'
  | 'qualificationCode'
  | 'examProvider'
  | 'examDate'
  | 'examCentre'
  | 'trainingProvider'
  | 'period'
  | 'hours'
  | 'programme'
  | 'validationBody'
  | 'validatedUnits'
  | 'referenceQualification'
  | 'legalBasis'
  | 'stateRecognised'
  | 'theoryPractice'
  | 'modules'
  | 'certificateNumber'
  | 'candidateNumber'
  | 'accreditationDecision'
  | 'decisionBody'
  | 'decision'
  | 'decisionNumber'
  | 'compensatoryMeasures'
  | 'assessedCredentials';

export type FactValue =
  | { kind: 'text'; text: LocalizedText }
  | { kind: 'date'; date: string }
  | { kind: 'period'; from?: string; until?: string }
  | { kind: 'hours'; hours: number }
  | { kind: 'list'; items: LocalizedText[] }
  | { kind: 'yes' }
  | { kind: 'split'; theory: number; practice: number }
  | { kind: 'modules'; items: Array<{ name: LocalizedText; hours?: number }> }
  | { kind: 'decision'; reference: string; date?: string }
  /** A decision type of the recognition-decision profile, translated by the page (messages.dossier.decisionTypes). */
  | { kind: 'decision-type'; value: string };

/** What a paper certificate shows, read from any VC (OB 3.0 AchievementCredential or plain). */
export interface CredentialView {
  id?: string;
  primaryLanguage?: string;
  holder?: LocalizedText;
  issuer: { name?: LocalizedText; id?: string };
  achievement: { name?: LocalizedText; description?: LocalizedText; type?: string };
  /** Levels and classifications the achievement is aligned to (frameworks, occupations). */
  alignments: Array<{ framework?: LocalizedText; code?: string; name?: LocalizedText }>;
  /** Per profile, what its reader checks first (awarding body and date, exam provider and centre, hours, units…). */
  facts: Array<{ key: FactKey; value: FactValue }>;
  /** CEFR levels reached, overall and per skill, from the one claim reader (passed results only); names are translated by the page. */
  languageLevels: Array<{ scale: CefrScale; level: string }>;
  /** Other results: a grade, a module's result or score. */
  results: Array<{ name?: LocalizedText; value: LocalizedText }>;
  validFrom?: string;
  validUntil?: string;
}

type Json = Record<string, unknown>;

/**
 * Display fields only. Identifiers (`identifier[]`, salted hashes) are never read, so
 * they cannot reach the page; a holder's `id` (a DID) is not shown either.
 */
export function viewCredential(credential: Json, language: string, issuerRecord?: IssuerRecord): CredentialView {
  const primary = primaryLanguageOf(credential);
  const text = (value: unknown) => pickText(value, language, primary);
  const subject = firstObject(credential.credentialSubject) ?? {};
  const achievement = firstObject(subject.achievement) ?? {};
  const issuer = typeof credential.issuer === 'string' ? { id: credential.issuer } : (firstObject(credential.issuer) ?? {});

  return {
    ...(typeof credential.id === 'string' ? { id: credential.id } : {}),
    ...(primary === undefined ? {} : { primaryLanguage: primary }),
    ...optional('holder', text(subject.name) ?? clearNameIdentifier(subject.identifier)),
    issuer: {
      ...optional('name', issuerName(issuerRecord, language, primary) ?? text(issuer.name)),
      ...(typeof issuer.id === 'string' ? { id: issuer.id } : {}),
    },
    achievement: {
      // Our profiles put every language in localizedName/-Description (the plain term holds the primary one).
      ...optional('name', text(achievement.localizedName) ?? text(achievement.name) ?? text(credential.name)),
      ...optional('description', text(achievement.localizedDescription) ?? text(achievement.description) ?? text(credential.description)),
      ...(typeof achievement.achievementType === 'string' ? { type: achievement.achievementType } : {}),
    },
    alignments: list(achievement.alignment).map((alignment) => ({
      ...optional('framework', text(alignment.targetFramework) ?? text(alignment.frameworkId)),
      ...(typeof alignment.targetCode === 'string' ? { code: alignment.targetCode } : {}),
      ...optional('name', text(alignment.targetName)),
    })),
    facts: factsOf(credential, subject, achievement, text),
    languageLevels: languageLevelsOf(credential),
    results: otherResults(subject, achievement, text),
    ...(typeof credential.validFrom === 'string' ? { validFrom: credential.validFrom } : {}),
    ...(typeof credential.validUntil === 'string' ? { validUntil: credential.validUntil } : {}),
  };
}

type Text = (value: unknown) => LocalizedText | undefined;

/** The name of an organisation or qualification node: every language in localizedName, else name. */
function nameOf(node: Json | undefined, text: Text): LocalizedText | undefined {
  return node === undefined ? undefined : (text(node.localizedName) ?? text(node.name));
}

const CREATOR_ROLE: Readonly<Record<string, FactKey>> = {
  diploma: 'awardingBody',
  'language-level': 'examProvider',
  'training-module': 'trainingProvider',
  'recognition-decision': 'decisionBody',
};

function factsOf(credential: Json, subject: Json, achievement: Json, text: Text): CredentialView['facts'] {
  const facts: CredentialView['facts'] = [];
  const add = (key: FactKey, value: FactValue | undefined) => {
    if (value !== undefined) facts.push({ key, value });
  };
  const asText = (value: LocalizedText | undefined): FactValue | undefined => (value === undefined ? undefined : { kind: 'text', text: value });
  const date = (value: unknown): FactValue | undefined => (typeof value === 'string' && value !== '' ? { kind: 'date', date: value } : undefined);
  const profile = claimsOf(credential).profiles[0];
  const creatorRole = profile === undefined ? (firstObject(achievement.creator) === undefined ? undefined : 'awardingBody') : CREATOR_ROLE[profile];

  if (creatorRole !== undefined) add(creatorRole, asText(nameOf(firstObject(achievement.creator), text)));
  add('awardedOn', date(credential.awardedDate));
  add('examDate', date(subject.examDate));
  add('examCentre', asText(nameOf(firstObject(subject.examCentre), text)));
  if (typeof subject.activityStartDate === 'string' || (typeof subject.activityEndDate === 'string' && subject.examDate === undefined)) {
    add('period', {
      kind: 'period',
      ...(typeof subject.activityStartDate === 'string' ? { from: subject.activityStartDate } : {}),
      ...(typeof subject.activityEndDate === 'string' ? { until: subject.activityEndDate } : {}),
    });
  }
  const hours = hoursOf(achievement.volumeOfLearning);
  if (hours !== undefined) add('hours', { kind: 'hours', hours });
  const theory = hoursOf(achievement.theoryVolume);
  const practice = hoursOf(achievement.practiceVolume);
  if (theory !== undefined || practice !== undefined) add('theoryPractice', { kind: 'split', theory: theory ?? 0, practice: practice ?? 0 });
  const modules = list(achievement.curriculumModule).flatMap((module) => {
    const name = nameOf(module, text);
    const moduleHours = hoursOf(module.volumeOfLearning);
    return name === undefined ? [] : [{ name, ...(moduleHours === undefined ? {} : { hours: moduleHours }) }];
  });
  if (modules.length > 0) add('modules', { kind: 'modules', items: modules });
  if (achievement.stateRecognised === true) add('stateRecognised', { kind: 'yes' });
  const plain = (value: unknown) => (typeof value === 'string' && value !== '' ? asText({ text: value, direction: 'ltr', fallback: false }) : undefined);
  add('certificateNumber', plain(subject.certificateNumber));
  add('candidateNumber', plain(subject.candidateNumber));
  if (typeof subject.decisionReference === 'string') {
    add('accreditationDecision', {
      kind: 'decision',
      reference: subject.decisionReference,
      ...(typeof subject.decisionDate === 'string' ? { date: subject.decisionDate } : {}),
    });
  }
  if (typeof achievement.humanCode === 'string') add('qualificationCode', asText({ text: achievement.humanCode, direction: 'ltr', fallback: false }));
  add('programme', asText(nameOf(firstObject(achievement.programme), text)));
  add('validationBody', asText(nameOf(firstObject(subject.validationBody), text)));
  const units = list(achievement.competenceUnit)
    .map((unit) => nameOf(unit, text))
    .filter((name): name is LocalizedText => name !== undefined);
  if (units.length > 0) add('validatedUnits', { kind: 'list', items: units });
  const reference = firstObject(achievement.referenceQualification);
  const referenceName = nameOf(reference, text);
  if (referenceName !== undefined) {
    const code = typeof reference?.qualificationCode === 'string' ? ` (${reference.qualificationCode})` : '';
    add('referenceQualification', asText({ ...referenceName, text: referenceName.text + code }));
  }
  const scheme = firstObject(achievement.validationScheme);
  add('legalBasis', asText(typeof scheme?.legalBasis === 'string' ? text(scheme.legalBasis) : undefined));
  // A recognition decision: what was decided, under which basis, with which measures, about which credentials.
  const decision = firstObject(subject.recognitionDecision);
  if (decision !== undefined) {
    const plain = (value: unknown) => (typeof value === 'string' && value !== '' ? asText({ text: value, direction: 'auto', fallback: false }) : undefined);
    if (typeof decision.decisionType === 'string') add('decision', { kind: 'decision-type', value: decision.decisionType });
    add('decisionNumber', plain(decision.decisionNumber));
    add('legalBasis', plain(decision.legalBasis));
    const measures = list(decision.compensatoryMeasure).map((measure): LocalizedText => {
      const description = nameOf({ name: measure.description, localizedName: measure.localizedDescription }, text);
      const months = typeof measure.durationMonths === 'number' ? ` (${measure.durationMonths})` : '';
      return {
        text: `${String(measure.measureType ?? '')}${months}${description === undefined ? '' : ` — ${description.text}`}`,
        direction: 'auto',
        fallback: false,
      };
    });
    if (measures.length > 0) add('compensatoryMeasures', { kind: 'list', items: measures });
  }
  const linked = list(credential.relatedResource).map((resource): LocalizedText => ({
    text: typeof resource.name === 'string' ? `${resource.name} (${String(resource.id)})` : String(resource.id),
    direction: 'ltr',
    fallback: false,
  }));
  if (linked.length > 0) add('assessedCredentials', { kind: 'list', items: linked });
  return facts;
}

/** Hours from an ISO 8601 duration of hours (PT120H). */
function hoursOf(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^PT(\d+(?:\.\d+)?)H$/.exec(value) : null;
  return match === null ? undefined : Number(match[1]);
}

/** Overall first, then the four skills in their usual order; each once. */
function languageLevelsOf(credential: Json): CredentialView['languageLevels'] {
  const levels: CredentialView['languageLevels'] = [];
  for (const claim of claimsOf(credential).languages) {
    if (claim.overall !== undefined) levels.push({ scale: 'overall', level: claim.overall });
    for (const skill of LANGUAGE_SKILLS) {
      const level = claim.skills[skill];
      if (level !== undefined) levels.push({ scale: skill, level });
    }
  }
  return levels;
}

/** Results that are not CEFR levels: a grade (value), a module's status and score. */
function otherResults(subject: Json, achievement: Json, text: Text): CredentialView['results'] {
  const descriptions = list(achievement.resultDescription);
  return list(subject.result).flatMap((result) => {
    const description = descriptions.find((entry) => entry.id !== undefined && entry.id === result.resultDescription);
    if (description?.resultType === 'RubricCriterionLevel') return []; // CEFR: shown as language levels
    const value = typeof result.value === 'string' ? result.value : undefined;
    if (value === undefined) return [];
    const name = nameOf(description, text);
    return [{ ...(name === undefined ? {} : { name }), value: { text: value, direction: 'ltr' as const, fallback: false } }];
  });
}

function issuerName(record: IssuerRecord | undefined, language: string, primary: string | undefined): LocalizedText | undefined {
  if (record === undefined) return undefined;
  const tagged = Object.entries(record.names).map(([tag, value]) => ({ '@value': value, '@language': tag }));
  return pickText(tagged, language, primary) ?? { text: record.legalName, direction: 'auto', fallback: false };
}

/** An OB 3.0 IdentityObject of type `name` that is explicitly not hashed is a display name. */
function clearNameIdentifier(identifiers: unknown): LocalizedText | undefined {
  const entry = list(identifiers).find((identifier) => identifier.identityType === 'name' && identifier.hashed === false);
  return typeof entry?.identityHash === 'string' ? { text: entry.identityHash, direction: 'auto', fallback: false } : undefined;
}

function list(value: unknown): Json[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (entry): entry is Json => entry !== null && typeof entry === 'object' && !Array.isArray(entry),
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
