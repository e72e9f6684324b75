import { claimsOf, recordClaimsOf } from '../ob3/claims.js';
import { ALIGNMENT_TARGETS, LANGUAGE_SKILLS, type CefrScale } from '../ob3/vocabulary.js';
import type { IssuerRecord } from '../store/ports.js';
import { firstObject, pickText, primaryLanguageOf, translatedText, type LocalizedText } from './localized-text.js';

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
      // The plain term holds the primary language; the other languages are the achievement's `related` translations.
      ...optional('name', text(translatedText(achievement, 'name', primary)) ?? text(credential.name)),
      ...optional('description', text(translatedText(achievement, 'description', primary)) ?? text(credential.description)),
      ...(typeof achievement.achievementType === 'string' ? { type: achievement.achievementType } : {}),
    },
    alignments: list(achievement.alignment)
      .filter((alignment) => SHOWN_ALIGNMENTS.has(alignment.targetType) || typeof alignment.targetType !== 'string' || !alignment.targetType.startsWith('ext:'))
      .map((alignment) => ({
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

/**
 * Alignments shown as such: levels, fields, occupations, skills. Our other `ext:` alignments
 * (units, programme, reference qualification, legal basis…) are facts, shown under their own labels.
 */
const SHOWN_ALIGNMENTS: ReadonlySet<unknown> = new Set([
  ALIGNMENT_TARGETS.frameworkLevel,
  ALIGNMENT_TARGETS.fieldOfStudy,
  ALIGNMENT_TARGETS.occupation,
  ALIGNMENT_TARGETS.competency,
]);

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
  // Facts stated in OB 3.0 terms (issue #12) are read by the one claim reader; older credentials' own terms below.
  const record = recordClaimsOf(credential);
  const display = record.display;
  const plainText = (value: string | undefined, direction: 'ltr' | 'auto' = 'auto') =>
    value === undefined || value === '' ? undefined : asText({ text: value, direction, fallback: false });
  const creatorRole = profile === undefined ? (firstObject(achievement.creator) === undefined ? undefined : 'awardingBody') : CREATOR_ROLE[profile];

  if (creatorRole !== undefined) add(creatorRole, asText(nameOf(firstObject(achievement.creator), text)));
  add('awardedOn', date(credential.awardedDate));
  add('examDate', date(display.examDate));
  add('examCentre', asText(nameOf(firstObject(subject.examCentre), text)) ?? plainText(display.examCentre));
  if (display.examDate === undefined && (typeof subject.activityStartDate === 'string' || typeof subject.activityEndDate === 'string')) {
    add('period', {
      kind: 'period',
      ...(typeof subject.activityStartDate === 'string' ? { from: subject.activityStartDate } : {}),
      ...(typeof subject.activityEndDate === 'string' ? { until: subject.activityEndDate } : {}),
    });
  }
  const hours = record.training?.hours;
  if (hours !== undefined) add('hours', { kind: 'hours', hours });
  const { theoryHours: theory, practiceHours: practice } = display;
  if (theory !== undefined || practice !== undefined) add('theoryPractice', { kind: 'split', theory: theory ?? 0, practice: practice ?? 0 });
  const legacyModules = list(achievement.curriculumModule).flatMap((module) => {
    const name = nameOf(module, text);
    const moduleHours = hoursOf(module.volumeOfLearning);
    return name === undefined ? [] : [{ name, ...(moduleHours === undefined ? {} : { hours: moduleHours }) }];
  });
  const modules =
    legacyModules.length > 0
      ? legacyModules
      : display.modules.map((module) => ({
          name: { text: module.name, direction: 'auto' as const, fallback: false },
          ...(module.hours === undefined ? {} : { hours: module.hours }),
        }));
  if (modules.length > 0) add('modules', { kind: 'modules', items: modules });
  if (display.stateRecognised === true) add('stateRecognised', { kind: 'yes' });
  add('certificateNumber', plainText(display.certificateNumber, 'ltr'));
  add('candidateNumber', plainText(display.candidateNumber, 'ltr'));
  if (display.accreditationDecision !== undefined) add('accreditationDecision', { kind: 'decision', ...display.accreditationDecision });
  if (typeof achievement.humanCode === 'string') add('qualificationCode', asText({ text: achievement.humanCode, direction: 'ltr', fallback: false }));
  add('programme', asText(nameOf(firstObject(achievement.programme), text)) ?? plainText(display.programme));
  add('validationBody', asText(nameOf(firstObject(subject.validationBody), text)) ?? plainText(display.validationBody));
  const legacyUnits = list(achievement.competenceUnit)
    .map((unit) => nameOf(unit, text))
    .filter((name): name is LocalizedText => name !== undefined);
  const units =
    legacyUnits.length > 0
      ? legacyUnits
      : record.validatedUnits.flatMap((unit) => (unit.name === undefined ? [] : [{ text: unit.name, direction: 'auto' as const, fallback: false }]));
  if (units.length > 0) add('validatedUnits', { kind: 'list', items: units });
  const reference = firstObject(achievement.referenceQualification);
  const referenceName =
    nameOf(reference, text) ??
    (display.referenceQualification === undefined ? undefined : { text: display.referenceQualification.name, direction: 'auto' as const, fallback: false });
  if (referenceName !== undefined) {
    const code = typeof reference?.qualificationCode === 'string' ? reference.qualificationCode : display.referenceQualification?.code;
    add('referenceQualification', asText({ ...referenceName, text: referenceName.text + (code === undefined ? '' : ` (${code})`) }));
  }
  add('legalBasis', plainText(display.legalBasis));
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
  } else if (record.decision?.decisionType !== undefined) {
    const decided = record.decision;
    add('decision', { kind: 'decision-type', value: decided.decisionType as string });
    add('decisionNumber', plainText(decided.decisionNumber));
    add('legalBasis', plainText(decided.legalBasis));
    const measures = decided.compensatoryMeasures.map((measure): LocalizedText => ({
      text: `${measure.measureType ?? ''}${measure.durationMonths === undefined ? '' : ` (${measure.durationMonths})`}${measure.description === undefined ? '' : ` — ${measure.description}`}`,
      direction: 'auto',
      fallback: false,
    }));
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
    // Our facts (hours, modules, work periods, the decision…) are shown as facts, not as results.
    if (typeof description?.resultType === 'string' && description.resultType.startsWith('ext:')) return [];
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
