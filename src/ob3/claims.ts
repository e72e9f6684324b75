import { definedMembers } from '../shared/defined-members.js';
import {
  ALIGNMENT_TARGETS,
  CEFR_LEVELS,
  CLEAR_IDENTITY_TYPES,
  EVIDENCE_GENRES,
  FIELD_OF_STUDY_TARGET,
  FRAMEWORK_LEVEL_TARGET,
  LANGUAGE_SKILLS,
  RESULT_TYPES,
  isPassedResult,
  normaliseLanguage,
  type LanguageSkill,
} from './vocabulary.js';

/**
 * The one reader of what a credential claims, for verify, requirements, trust scope, the
 * page and the PDF: framework levels from `achievement.alignment` (and, marked as such, the
 * level of the qualification a validation or a module refers to), language levels from
 * CEFR rubrics (`resultDescription` of type RubricCriterionLevel + `result.achievedLevel`,
 * passed results only), fields of study, achievement types and our profiles.
 *
 * Reads the profiles' credentials in OB 3.0 / VC 2.0 terms only (docs/vocabulary.md): levels
 * from level URLs (EQF concept URIs and https://w3id.org/passerelle/frameworks/<id>/levels/<code>)
 * with `targetType` saying whose level it is; facts from ResultDescription + Result pairs with
 * our `ext:` result types. Credentials issued before issue #12 with our own context
 * (`frameworkId`, `languageSkill`, `examDate`, `workExperience`, `recognitionDecision`…) are
 * read too, so they keep verifying and counting.
 * Reading a claim says nothing about whether it is true (only verified credentials count)
 * nor about whom to believe (the trust check decides that).
 */

export { FRAMEWORK_LEVEL_TARGET, LANGUAGE_SKILLS, type LanguageSkill } from './vocabulary.js';

export interface LevelClaim {
  framework: string;
  level: string;
  name?: string;
  url?: string;
  /**
   * Absent: the level the holder reached. `reference-qualification`: the qualification a
   * validation of skills counts towards (a partial validation does not reach its level);
   * `target-qualification`: the qualification a module belongs to.
   */
  role?: 'reference-qualification' | 'target-qualification';
}

export interface LanguageClaim {
  /** `achievement.inLanguage`, normalised (vocabulary.normaliseLanguage: "deu" → "de"); undefined when the credential does not say. */
  language?: string;
  overall?: string;
  skills: Partial<Record<LanguageSkill, string>>;
  provider?: { id?: string; names: string[] };
  examName?: string;
  /** The exam (or award) date. */
  examDate?: string;
  /** Dates of the passed modules, when the credential gives them: age rules count from the oldest. */
  moduleDates?: string[];
  /** CEFR results present but not passed (Failed, InProgress…): never counted as levels. */
  notPassed?: Array<{ scale: LanguageSkill | 'overall'; level: string; status: string }>;
}

export interface Claims {
  levels: LevelClaim[];
  languages: LanguageClaim[];
  /** ISCED-F 2013 codes of the achievements (ext:FieldOfStudy alignments, or ISCED-F concept URLs). */
  fieldsOfStudy: string[];
  /** Open Badges 3.0 achievementType of each achievement. */
  achievementTypes: string[];
  /** Our profiles the credential names in credentialSchema (https://w3id.org/passerelle/schemas/<profile>.json). */
  profiles: string[];
  /** Recognition decisions (the recognition-decision profile): the decision type and the types of the measures it imposes. */
  decisions: Array<{ decisionType: string; measureTypes: string[]; adaptationMonths?: number }>;
}

const ISCED_F_URL = /^https?:\/\/data\.europa\.eu\/snb\/isced-f\/(\d{2,4})$/;
const OWN_SCHEMA_URL = /^https:\/\/w3id\.org\/passerelle\/schemas\/([a-z0-9-]+)\.json$/;

function fieldOfStudy(entry: unknown): string | undefined {
  if (!isObject(entry)) return undefined;
  if (
    (entry.frameworkId === 'isced-f' || entry.targetType === FIELD_OF_STUDY_TARGET) &&
    typeof entry.targetCode === 'string' &&
    /^\d{2,4}$/.test(entry.targetCode)
  )
    return entry.targetCode;
  const url = asString(entry.targetUrl);
  return url === undefined ? undefined : ISCED_F_URL.exec(url)?.[1];
}

type Json = Record<string, unknown>;

const EQF_URL = /^https?:\/\/data\.europa\.eu\/(?:snb|esco)\/eqf\/([1-8])$/;
const OWN_LEVEL_URL = /^https:\/\/w3id\.org\/passerelle\/frameworks\/([a-z0-9-]+)\/levels\/([^/]+)$/;

const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Whose level an alignment states, by its target type: the holder's (no role), or a qualification's it only refers to. */
const LEVEL_ROLES: Readonly<Record<string, LevelClaim['role']>> = {
  [ALIGNMENT_TARGETS.referenceQualificationLevel]: 'reference-qualification',
  [ALIGNMENT_TARGETS.targetQualificationLevel]: 'target-qualification',
};

/** Alignments that name a level but are something else (a unit, a programme…) are never levels. */
const NOT_LEVELS: ReadonlySet<unknown> = new Set([
  ALIGNMENT_TARGETS.referenceQualification,
  ALIGNMENT_TARGETS.targetQualification,
  ALIGNMENT_TARGETS.programme,
  ALIGNMENT_TARGETS.competenceUnit,
  ALIGNMENT_TARGETS.remainingUnit,
  ALIGNMENT_TARGETS.learningOutcome,
  ALIGNMENT_TARGETS.validationScheme,
  ALIGNMENT_TARGETS.legalBasis,
  ALIGNMENT_TARGETS.languageSkill,
  ALIGNMENT_TARGETS.country,
  ALIGNMENT_TARGETS.measureType,
]);

export function readLevelAlignment(entry: unknown): LevelClaim | undefined {
  if (!isObject(entry) || NOT_LEVELS.has(entry.targetType)) return undefined;
  const level = readLevelOnly(entry);
  const role = typeof entry.targetType === 'string' ? LEVEL_ROLES[entry.targetType] : undefined;
  if (level !== undefined && role !== undefined) level.role = role;
  return level;
}

function readLevelOnly(entry: Json): LevelClaim | undefined {
  const url = asString(entry.targetUrl);
  const name = asString(entry.targetName);
  const code = asString(entry.targetCode);
  const frameworkId = asString(entry.frameworkId);
  if (frameworkId !== undefined && entry.targetType === FRAMEWORK_LEVEL_TARGET && code !== undefined) return levelClaim(frameworkId, code, name, url);
  const eqf = url === undefined ? null : EQF_URL.exec(url);
  if (eqf !== null) return levelClaim('eqf', eqf[1] as string, name, url);
  const own = url === undefined ? null : OWN_LEVEL_URL.exec(url);
  if (own !== null) return levelClaim(own[1] as string, decodeURIComponent(own[2] as string), name, url);
  return undefined;
}

/**
 * Built by adding to a new object, not with conditional spreads: `{ ...a, ...b }` makes a new
 * hidden class each time under Node 20, and this runs for every alignment of every profile
 * credential read (docs/architecture.md, Performance).
 */
function levelClaim(framework: string, level: string, name: string | undefined, url: string | undefined): LevelClaim {
  const claim: LevelClaim = { framework, level };
  if (name !== undefined) claim.name = name;
  if (url !== undefined) claim.url = url;
  return claim;
}

/**
 * Every plain and language-tagged text of a node's name: `name`, the names of its `related`
 * translations (an achievement's other languages) and, in credentials issued before issue #12,
 * `localizedName`.
 */
function texts(object: Json | undefined): string[] {
  if (object === undefined) return [];
  const translations = asArray(object.related)
    .filter(isObject)
    .flatMap((related) => asArray(related.name));
  const values = [...asArray(object.name), ...translations, ...asArray(object.localizedName)].map((value) => (isObject(value) ? value['@value'] : value));
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** A ResultDescription of the achievement and the subject's Result that points at it. */
export interface Fact {
  id?: string;
  resultType?: string;
  name?: string;
  description?: string;
  value?: string;
  status?: string;
  alignment: Json[];
}

/** Every ResultDescription with its Result (if any), in the achievement's order. */
export function factsOf(subject: Json, achievement: Json): Fact[] {
  const results = asArray(subject.result).filter(isObject);
  return asArray(achievement.resultDescription)
    .filter(isObject)
    .map((description) => {
      const id = asString(description.id);
      const result = id === undefined ? undefined : results.find((candidate) => candidate.resultDescription === id);
      const fields: Fact = { alignment: asArray(description.alignment).filter(isObject) };
      if (id !== undefined) fields.id = id;
      const resultType = asString(description.resultType);
      if (resultType !== undefined) fields.resultType = resultType;
      const name = asString(description.name);
      if (name !== undefined) fields.name = name;
      const text = asString(description.description);
      if (text !== undefined) fields.description = text;
      const value = asString(result?.value);
      if (value !== undefined) fields.value = value;
      const status = asString(result?.status);
      if (status !== undefined) fields.status = status;
      return fields;
    });
}

/** Hours from an ISO 8601 duration of hours (PT120H). */
export function hoursOf(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^PT(\d+(?:\.\d+)?)H$/.exec(value) : null;
  return match === null ? undefined : Number(match[1]);
}

/** The achievement's alignments of one target type. */
function alignmentsOf(achievement: Json, targetType: string): Json[] {
  return asArray(achievement.alignment).filter((entry): entry is Json => isObject(entry) && entry.targetType === targetType);
}

const SCALE_WORDS: Array<[LanguageSkill | 'overall', RegExp]> = [
  ['listening', /listening|hören|compréhension de l.oral|comprensión auditiva/i],
  ['reading', /reading|lesen|compréhension des écrits|comprensión de lectura/i],
  ['writing', /writing|schreiben|production écrite|expresión escrita/i],
  ['speaking', /speaking|sprechen|production orale|expresión oral/i],
  ['overall', /overall|global|gesamt/i],
];

function scaleOf(description: Json): LanguageSkill | 'overall' | undefined {
  const aligned = asArray(description.alignment).find((entry) => isObject(entry) && entry.targetType === ALIGNMENT_TARGETS.languageSkill);
  const declared =
    (isObject(aligned) ? asString(aligned.targetCode) : undefined) ??
    (asArray(description.languageSkill).find((value) => typeof value === 'string') as string | undefined);
  if (declared !== undefined && (declared === 'overall' || (LANGUAGE_SKILLS as readonly string[]).includes(declared)))
    return declared as LanguageSkill | 'overall';
  const names = texts(description);
  for (const [scale, pattern] of SCALE_WORDS) if (names.some((name) => pattern.test(name))) return scale;
  return undefined;
}

function cefrOfRubricLevel(level: Json): string | undefined {
  for (const alignment of asArray(level.alignment)) {
    const claim = readLevelAlignment(alignment);
    if (claim?.framework === 'cefr') return claim.level.toUpperCase();
  }
  const named = asString(level.level) ?? asString(level.name);
  return named !== undefined && (CEFR_LEVELS as readonly string[]).includes(named.toUpperCase()) ? named.toUpperCase() : undefined;
}

function languageClaim(credential: Json, subject: Json, achievement: Json): LanguageClaim | undefined {
  const skills: LanguageClaim['skills'] = {};
  const notPassed: NonNullable<LanguageClaim['notPassed']> = [];
  let cefrResults = 0;
  let overall: string | undefined;
  const results = asArray(subject.result).filter(isObject);
  for (const description of asArray(achievement.resultDescription).filter(isObject)) {
    if (description.resultType !== 'RubricCriterionLevel') continue;
    const levels = new Map<string, string>();
    for (const level of asArray(description.rubricCriterionLevel).filter(isObject)) {
      const code = cefrOfRubricLevel(level);
      const id = asString(level.id);
      if (code !== undefined && id !== undefined) levels.set(id, code);
    }
    if (levels.size === 0) continue;
    const result = results.find((candidate) => candidate.resultDescription === description.id);
    const achieved = result === undefined ? undefined : levels.get(String(result.achievedLevel));
    const scale = scaleOf(description);
    if (achieved === undefined || scale === undefined) continue;
    cefrResults += 1;
    if (!isPassedResult(result?.status)) {
      notPassed.push({ scale, level: achieved, status: String(result?.status) });
      continue;
    }
    if (scale === 'overall') overall = achieved;
    else skills[scale] = achieved;
  }
  // A CEFR level stated on the achievement itself (the exam's level) reads as the overall level,
  // but only for a credential that states no CEFR results: a failed exam is still "a B1 exam".
  if (overall === undefined && cefrResults === 0 && !results.some((result) => !isPassedResult(result.status))) {
    const aligned = asArray(achievement.alignment)
      .map(readLevelAlignment)
      .find((claim) => claim?.framework === 'cefr');
    if (aligned !== undefined) overall = aligned.level.toUpperCase();
  }
  if (overall === undefined && Object.keys(skills).length === 0 && notPassed.length === 0) return undefined;
  const creator = isObject(achievement.creator) ? achievement.creator : undefined;
  const issuer = isObject(credential.issuer) ? credential.issuer : undefined;
  const providerObject = creator ?? issuer;
  const providerNames = texts(providerObject);
  const providerId = asString(providerObject?.id) ?? (creator === undefined ? asString(credential.issuer) : undefined);
  // The exam is the end of the activity assessed; before issue #12, `examDate`.
  const examDate =
    asString(subject.examDate) ?? asString(subject.activityEndDate)?.slice(0, 10) ?? asString(credential.awardedDate) ?? asString(credential.validFrom);
  const inLanguage = asString(achievement.inLanguage);
  const language = inLanguage === undefined ? undefined : normaliseLanguage(inLanguage);
  // A passed result with its own exam date (a module taken separately).
  // Before issue #12 each module result had its `examDate`; now the activity starts with the oldest module.
  const started = asString(subject.activityStartDate)?.slice(0, 10);
  const moduleDates = [
    ...results
      .filter((result) => isPassedResult(result.status))
      .map((result) => asString(result.examDate))
      .filter((date): date is string => date !== undefined),
    ...(started !== undefined && examDate !== undefined && started < examDate ? [started] : []),
  ];
  const examName = asString(achievement.name);
  return definedMembers({
    language: language?.toLowerCase(),
    overall,
    skills,
    provider: providerNames.length > 0 || providerId !== undefined ? definedMembers({ id: providerId, names: providerNames }) : undefined,
    examName,
    examDate,
    moduleDates: moduleDates.length === 0 ? undefined : moduleDates,
    notPassed: notPassed.length === 0 ? undefined : notPassed,
  });
}

/** The levels of a qualification an achievement refers to (validated skills, modules), marked with their role. */
function referencedLevels(achievement: Json): LevelClaim[] {
  const roles = [
    ['referenceQualification', 'reference-qualification'],
    ['targetQualification', 'target-qualification'],
  ] as const;
  return roles.flatMap(([key, role]) =>
    asArray(achievement[key])
      .filter(isObject)
      .flatMap((qualification) =>
        asArray(qualification.alignment)
          .map(readLevelAlignment)
          .filter((level): level is LevelClaim => level !== undefined && level.framework !== 'cefr')
          // A level read here is a new object: given its role in place (not `{ ...level, role }`, see shared/defined-members.ts).
          .map((level) => Object.assign(level, { role })),
      ),
  );
}

export function claimsOf(credential: unknown): Claims {
  const claims: Claims = { levels: [], languages: [], fieldsOfStudy: [], achievementTypes: [], profiles: [], decisions: [] };
  if (!isObject(credential)) return claims;
  for (const schema of asArray(credential.credentialSchema).filter(isObject)) {
    const profile = typeof schema.id === 'string' ? OWN_SCHEMA_URL.exec(schema.id)?.[1] : undefined;
    if (profile !== undefined) claims.profiles.push(profile);
  }
  for (const subject of asArray(credential.credentialSubject).filter(isObject)) {
    const achievement = isObject(subject.achievement) ? subject.achievement : undefined;
    if (achievement === undefined) continue;
    const achievementType = asString(achievement.achievementType);
    if (achievementType !== undefined) claims.achievementTypes.push(achievementType);
    for (const entry of asArray(achievement.alignment)) {
      const field = fieldOfStudy(entry);
      if (field !== undefined) {
        claims.fieldsOfStudy.push(field);
        continue;
      }
      const level = readLevelAlignment(entry);
      if (level !== undefined && level.framework !== 'cefr') claims.levels.push(level);
    }
    claims.levels.push(...referencedLevels(achievement));
    const decided = decisionOf(subject, achievement);
    if (decided !== undefined) claims.decisions.push(decided);
    const decision = isObject(subject.recognitionDecision) ? subject.recognitionDecision : undefined;
    const decisionType = asString(decision?.decisionType);
    if (decided === undefined && decision !== undefined && decisionType !== undefined) {
      const measures = asArray(decision.compensatoryMeasure).filter(isObject);
      const adaptation = measures.find((measure) => measure.measureType === 'adaptation-period' && typeof measure.durationMonths === 'number');
      claims.decisions.push({
        decisionType,
        measureTypes: measures.map((measure) => asString(measure.measureType)).filter((type): type is string => type !== undefined),
        ...(adaptation === undefined ? {} : { adaptationMonths: adaptation.durationMonths as number }),
      });
    }
    const language = languageClaim(credential, subject, achievement);
    if (language !== undefined) claims.languages.push(language);
  }
  return claims;
}

/** A recognition decision stated as facts: the decision (ext:RecognitionDecision) and its measures (ext:CompensatoryMeasure). */
function decisionOf(subject: Json, achievement: Json): Claims['decisions'][number] | undefined {
  const facts = factsOf(subject, achievement);
  const decisionType = facts.find((fact) => fact.resultType === RESULT_TYPES.recognitionDecision)?.value;
  if (decisionType === undefined) return undefined;
  const measures = measuresOf(facts);
  const adaptation = measures.find((measure) => measure.measureType === 'adaptation-period' && measure.durationMonths !== undefined);
  return {
    decisionType,
    measureTypes: measures.map((measure) => measure.measureType).filter((type): type is string => type !== undefined),
    ...(adaptation?.durationMonths === undefined ? {} : { adaptationMonths: adaptation.durationMonths }),
  };
}

function measuresOf(facts: Fact[]): DecisionClaim['compensatoryMeasures'] {
  return facts
    .filter((fact) => fact.resultType === RESULT_TYPES.compensatoryMeasure)
    .map((fact) => {
      const typed = fact.alignment.find((entry) => entry.targetType === ALIGNMENT_TARGETS.measureType);
      const measureType = asString(typed?.targetCode);
      const months = fact.value === undefined ? null : /^P(\d+)M$/.exec(fact.value);
      return definedMembers({
        measureType,
        description: fact.name === measureType ? undefined : fact.name,
        durationMonths: months === null ? undefined : Number(months[1]),
      });
    });
}

/** A period of work a credential states (validated-skills `workExperience`). */
export interface WorkPeriodClaim {
  country?: string;
  /** ISCO-08 unit group of the occupation, when stated. */
  isco08?: string;
  occupationName?: string;
  jobTitle?: string;
  employer?: string;
  startDate?: string;
  endDate?: string;
  hours?: number;
}

/** A credential another one links to by id and digest (VC DM 2.0 §5.3 `relatedResource`). */
export interface RelatedResourceClaim {
  id: string;
  digestMultibase?: string;
  name?: string;
}

/** What a recognition or validation body decided (the recognition-decision profile). */
export interface DecisionClaim {
  decisionType?: string;
  decisionNumber?: string;
  decisionDate?: string;
  legalBasis?: string;
  decisionBody?: string;
  referenceOccupation?: { name?: string; kldb?: string; isco08?: string };
  referenceQualification?: { name?: string; code?: string; levels: LevelClaim[] };
  differences: string[];
  compensatoryMeasures: Array<{ measureType?: string; description?: string; durationMonths?: number }>;
}

/** The parts of a record a dossier sums up, beside `claimsOf`: training, validated units, work, decisions, links. */
export interface RecordClaims {
  holder: { id?: string; name?: string; birthDate?: string; identifiers: Array<{ identityType: string; identityHash: string; salt: string }> };
  achievementName?: string;
  training?: { hours?: number; startDate?: string; endDate?: string };
  validatedUnits: Array<{ code?: string; name?: string }>;
  validationExtent?: string;
  workExperience: WorkPeriodClaim[];
  decision?: DecisionClaim;
  relatedResources: RelatedResourceClaim[];
  /** What the page and the certificate show besides (primary-language texts; see present/credential-view). */
  display: DisplayFacts;
}

/** Facts a person reads on the page, as the credential states them. */
export interface DisplayFacts {
  examDate?: string;
  examCentre?: string;
  certificateNumber?: string;
  candidateNumber?: string;
  accreditationDecision?: { reference: string; date?: string };
  stateRecognised?: boolean;
  theoryHours?: number;
  practiceHours?: number;
  modules: Array<{ name: string; hours?: number }>;
  programme?: string;
  validationBody?: string;
  referenceQualification?: { name: string; code?: string };
  legalBasis?: string;
}

const ISCO_URL = /^https?:\/\/data\.europa\.eu\/esco\/isco\/C(\d{4})$/;
const KLDB_URL = /^https:\/\/w3id\.org\/passerelle\/classifications\/kldb-2010\/(\d+)$/;

/** ISCO-08 and KldB 2010 codes (from their URLs; before issue #12 also from `frameworkId`) and the occupation's name. */
function occupationOf(alignments: unknown): { isco08?: string; kldb?: string; name?: string } {
  const out: { isco08?: string; kldb?: string; name?: string } = {};
  for (const entry of asArray(alignments).filter(isObject)) {
    const code = asString(entry.targetCode);
    const name = asString(entry.targetName);
    const url = asString(entry.targetUrl) ?? '';
    const isco = ISCO_URL.exec(url)?.[1] ?? (entry.frameworkId === 'isco-08' ? code : undefined);
    const kldb = KLDB_URL.exec(url)?.[1] ?? (entry.frameworkId === 'kldb-2010' ? code : undefined);
    if (isco !== undefined) out.isco08 = isco;
    if (kldb !== undefined) out.kldb = kldb;
    if (name !== undefined && out.name === undefined && (isco !== undefined || kldb !== undefined)) out.name = name;
  }
  return out;
}

/** Name (of a Profile, a qualification node…) in the primary language. */
const firstName = (node: unknown): string | undefined => (isObject(node) ? texts(node)[0] : undefined);

/** A work period from its facts: `<id>` (ext:WorkExperience, the ISO 8601 interval) and `<id>-hours`. */
function workPeriodsOf(facts: Fact[]): WorkPeriodClaim[] {
  return facts
    .filter((fact) => fact.resultType === RESULT_TYPES.workExperience)
    .map((fact) => {
      const occupation = occupationOf(fact.alignment);
      const country = asString(fact.alignment.find((entry) => entry.targetType === ALIGNMENT_TARGETS.country)?.targetCode);
      const [start, end] = (fact.value ?? '').split('/');
      const hours = facts.find((other) => other.resultType === RESULT_TYPES.hoursWorked && other.id === `${fact.id}-hours`)?.value;
      const fields: WorkPeriodClaim = {};
      if (country !== undefined) fields.country = country;
      if (occupation.isco08 !== undefined) fields.isco08 = occupation.isco08;
      if (occupation.name !== undefined) fields.occupationName = occupation.name;
      if (fact.name !== undefined) fields.jobTitle = fact.name;
      if (fact.description !== undefined) fields.employer = fact.description;
      if (start !== undefined && start !== '' && start !== '..') fields.startDate = start;
      if (end !== undefined && end !== '' && end !== '..') fields.endDate = end;
      if (hours !== undefined && Number.isFinite(Number(hours))) fields.hours = Number(hours);
      return fields;
    });
}

/** Before issue #12: `workExperience` nodes on the subject. */
function legacyWorkPeriodsOf(subject: Json): WorkPeriodClaim[] {
  return asArray(subject.workExperience)
    .filter(isObject)
    .map((entry) => {
      const occupation = occupationOf(entry.alignment);
      const employer = firstName(entry.employer);
      const fields: WorkPeriodClaim = {};
      const country = asString(entry.workCountry);
      if (country !== undefined) fields.country = country;
      if (occupation.isco08 !== undefined) fields.isco08 = occupation.isco08;
      if (occupation.name !== undefined) fields.occupationName = occupation.name;
      const jobTitle = asString(entry.jobTitle);
      if (jobTitle !== undefined) fields.jobTitle = jobTitle;
      if (employer !== undefined) fields.employer = employer;
      const startDate = asString(entry.startDate);
      if (startDate !== undefined) fields.startDate = startDate;
      const endDate = asString(entry.endDate);
      if (endDate !== undefined) fields.endDate = endDate;
      if (typeof entry.hoursWorked === 'number') fields.hours = entry.hoursWorked;
      return fields;
    });
}

/** The qualification a decision or validation refers to: its alignment and its level's (before issue #12, a nested node). */
function referenceQualificationOf(achievement: Json): DecisionClaim['referenceQualification'] | undefined {
  const aligned = alignmentsOf(achievement, ALIGNMENT_TARGETS.referenceQualification)[0];
  if (aligned !== undefined) {
    const name = asString(aligned.targetName);
    const code = asString(aligned.targetCode);
    return {
      ...(name === undefined ? {} : { name }),
      ...(code === undefined ? {} : { code }),
      levels: alignmentsOf(achievement, ALIGNMENT_TARGETS.referenceQualificationLevel)
        .map(readLevelOnly)
        .filter((level): level is LevelClaim => level !== undefined),
    };
  }
  const node = isObject(achievement.referenceQualification) ? achievement.referenceQualification : undefined;
  if (node === undefined) return undefined;
  const name = texts(node)[0];
  const code = asString(node.qualificationCode);
  return {
    ...(name === undefined ? {} : { name }),
    ...(code === undefined ? {} : { code }),
    levels: asArray(node.alignment)
      .map(readLevelAlignment)
      .filter((level): level is LevelClaim => level !== undefined),
  };
}

function decisionClaimOf(credential: Json, subject: Json, achievement: Json, facts: Fact[]): DecisionClaim | undefined {
  const decisionType = facts.find((fact) => fact.resultType === RESULT_TYPES.recognitionDecision)?.value;
  if (decisionType === undefined) return legacyDecisionClaimOf(subject, achievement);
  const occupation = occupationOf(achievement.alignment);
  const reference = referenceQualificationOf(achievement);
  const fields: DecisionClaim = {
    decisionType,
    differences: facts.filter((fact) => fact.resultType === RESULT_TYPES.substantialDifference && fact.name !== undefined).map((fact) => fact.name as string),
    compensatoryMeasures: measuresOf(facts),
  };
  const number = asString(subject.licenseNumber);
  if (number !== undefined) fields.decisionNumber = number;
  const date = asString(credential.awardedDate)?.slice(0, 10);
  if (date !== undefined) fields.decisionDate = date;
  const legalBasis = asString(alignmentsOf(achievement, ALIGNMENT_TARGETS.legalBasis)[0]?.targetName);
  if (legalBasis !== undefined) fields.legalBasis = legalBasis;
  const body = firstName(achievement.creator);
  if (body !== undefined) fields.decisionBody = body;
  if (occupation.isco08 !== undefined || occupation.kldb !== undefined) fields.referenceOccupation = occupation;
  if (reference !== undefined) fields.referenceQualification = reference;
  return fields;
}

/** Before issue #12: a `recognitionDecision` node on the subject. */
function legacyDecisionClaimOf(subject: Json, achievement: Json): DecisionClaim | undefined {
  const decision = isObject(subject.recognitionDecision) ? subject.recognitionDecision : undefined;
  if (decision === undefined) return undefined;
  const occupationNode = isObject(decision.referenceOccupation) ? decision.referenceOccupation : undefined;
  const occupation =
    occupationNode === undefined
      ? undefined
      : { ...occupationOf(occupationNode.alignment), ...(texts(occupationNode)[0] === undefined ? {} : { name: texts(occupationNode)[0] as string }) };
  const body = firstName(decision.decisionBody);
  const fields: DecisionClaim = {
    differences: asArray(decision.difference)
      .map((entry) => (isObject(entry) ? texts({ name: entry.description ?? entry.name })[0] : asString(entry)))
      .filter((entry): entry is string => entry !== undefined),
    compensatoryMeasures: asArray(decision.compensatoryMeasure)
      .filter(isObject)
      .map((measure) => {
        const measureType = asString(measure.measureType);
        const description = texts({ name: measure.description })[0];
        return {
          ...(measureType === undefined ? {} : { measureType }),
          ...(description === undefined ? {} : { description }),
          ...(typeof measure.durationMonths === 'number' ? { durationMonths: measure.durationMonths } : {}),
        };
      }),
  };
  for (const key of ['decisionType', 'decisionNumber', 'decisionDate', 'legalBasis'] as const) {
    const value = asString(decision[key]);
    if (value !== undefined) fields[key] = value;
  }
  if (body !== undefined) fields.decisionBody = body;
  if (occupation !== undefined) fields.referenceOccupation = occupation;
  const reference = referenceQualificationOf(achievement);
  if (reference !== undefined) fields.referenceQualification = reference;
  return fields;
}

/** A clear (not hashed) IdentityObject value of one type. */
function clearIdentifier(subject: Json, identityType: string): string | undefined {
  const entry = asArray(subject.identifier).find((candidate) => isObject(candidate) && candidate.hashed === false && candidate.identityType === identityType);
  return isObject(entry) ? asString(entry.identityHash) : undefined;
}

function displayFactsOf(credential: Json, subject: Json, achievement: Json, facts: Fact[]): DisplayFacts {
  const display: DisplayFacts = { modules: [] };
  const ofType = (type: string) => facts.find((fact) => fact.resultType === type);
  // A language credential's exam date is the end of the activity (before issue #12: examDate).
  const isLanguage = asArray(achievement.resultDescription).some((entry) => isObject(entry) && entry.resultType === 'RubricCriterionLevel');
  const examDate = asString(subject.examDate) ?? (isLanguage ? asString(subject.activityEndDate)?.slice(0, 10) : undefined);
  if (examDate !== undefined) display.examDate = examDate;
  const centre = firstName(subject.examCentre) ?? (isLanguage ? firstName(subject.source) : undefined);
  if (centre !== undefined) display.examCentre = centre;
  const certificate = asString(subject.certificateNumber) ?? (isLanguage ? asString(subject.licenseNumber) : undefined);
  if (certificate !== undefined) display.certificateNumber = certificate;
  const candidate = asString(subject.candidateNumber) ?? clearIdentifier(subject, CLEAR_IDENTITY_TYPES.candidateNumber);
  if (candidate !== undefined) display.candidateNumber = candidate;
  const decisionEvidence = asArray(credential.evidence).find((entry) => isObject(entry) && entry.genre === EVIDENCE_GENRES.accreditationDecision);
  const reference = asString(subject.decisionReference) ?? (isObject(decisionEvidence) ? asString(decisionEvidence.name) : undefined);
  const referenceDate = asString(subject.decisionDate) ?? (isObject(decisionEvidence) ? asString(decisionEvidence.narrative) : undefined);
  if (reference !== undefined && subject.recognitionDecision === undefined) {
    display.accreditationDecision = { reference, ...(referenceDate === undefined ? {} : { date: referenceDate }) };
  }
  if (achievement.stateRecognised === true || asArray(achievement.tag).includes('state-recognised')) display.stateRecognised = true;
  const theory = hoursOf(achievement.theoryVolume) ?? hoursOf(ofType(RESULT_TYPES.theoryVolume)?.value);
  if (theory !== undefined) display.theoryHours = theory;
  const practice = hoursOf(achievement.practiceVolume) ?? hoursOf(ofType(RESULT_TYPES.practiceVolume)?.value);
  if (practice !== undefined) display.practiceHours = practice;
  const legacyModules = asArray(achievement.curriculumModule)
    .filter(isObject)
    .flatMap((module) => {
      const name = texts(module)[0];
      const hours = hoursOf(module.volumeOfLearning);
      return name === undefined ? [] : [{ name, ...(hours === undefined ? {} : { hours }) }];
    });
  const modules = facts
    .filter((fact) => fact.resultType === RESULT_TYPES.curriculumModule && fact.name !== undefined)
    .map((fact) => {
      const hours = hoursOf(fact.value);
      return { name: fact.name as string, ...(hours === undefined ? {} : { hours }) };
    });
  display.modules = [...legacyModules, ...modules];
  const programme = firstName(achievement.programme) ?? asString(alignmentsOf(achievement, ALIGNMENT_TARGETS.programme)[0]?.targetName);
  if (programme !== undefined) display.programme = programme;
  const body = firstName(subject.validationBody) ?? (ofType(RESULT_TYPES.validationExtent) === undefined ? undefined : firstName(subject.source));
  if (body !== undefined) display.validationBody = body;
  const qualification = referenceQualificationOf(achievement);
  if (qualification?.name !== undefined) {
    display.referenceQualification = { name: qualification.name, ...(qualification.code === undefined ? {} : { code: qualification.code }) };
  }
  const scheme = isObject(achievement.validationScheme) ? achievement.validationScheme : undefined;
  const legalBasis = asString(scheme?.legalBasis) ?? asString(alignmentsOf(achievement, ALIGNMENT_TARGETS.validationScheme)[0]?.targetDescription);
  if (legalBasis !== undefined) display.legalBasis = legalBasis;
  return display;
}

/** Reads what the dossier report sums up; like claimsOf, it says nothing about whether any of it is true. */
export function recordClaimsOf(credential: unknown): RecordClaims {
  const record: RecordClaims = { holder: { identifiers: [] }, validatedUnits: [], workExperience: [], relatedResources: [], display: { modules: [] } };
  if (!isObject(credential)) return record;
  for (const resource of asArray(credential.relatedResource).filter(isObject)) {
    const id = asString(resource.id);
    if (id === undefined) continue;
    const digest = asString(resource.digestMultibase);
    const name = texts(resource)[0];
    record.relatedResources.push({ id, ...(digest === undefined ? {} : { digestMultibase: digest }), ...(name === undefined ? {} : { name }) });
  }
  const subject = asArray(credential.credentialSubject).find(isObject);
  if (subject === undefined) return record;
  const id = asString(subject.id);
  const name = asString(subject.name);
  const birthDate = asString(subject.birthDate) ?? clearIdentifier(subject, CLEAR_IDENTITY_TYPES.dateOfBirth);
  record.holder = {
    ...(id === undefined ? {} : { id }),
    ...(name === undefined ? {} : { name }),
    ...(birthDate === undefined ? {} : { birthDate }),
    identifiers: asArray(subject.identifier)
      .filter(isObject)
      .flatMap((entry) => {
        const identityType = asString(entry.identityType);
        const identityHash = asString(entry.identityHash);
        const salt = typeof entry.salt === 'string' ? entry.salt : undefined;
        return entry.hashed === true && identityType !== undefined && identityHash !== undefined && salt !== undefined
          ? [{ identityType, identityHash, salt }]
          : [];
      }),
  };
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const facts = factsOf(subject, achievement);
  const achievementName = texts(achievement)[0];
  if (achievementName !== undefined) record.achievementName = achievementName;
  const hours = hoursOf(achievement.volumeOfLearning) ?? hoursOf(facts.find((fact) => fact.resultType === RESULT_TYPES.volumeOfLearning)?.value);
  const start = asString(subject.activityStartDate);
  const end = asString(subject.activityEndDate);
  if (hours !== undefined || start !== undefined || end !== undefined) {
    record.training = {
      ...(hours === undefined ? {} : { hours }),
      ...(start === undefined ? {} : { startDate: start }),
      ...(end === undefined ? {} : { endDate: end }),
    };
  }
  const unitNodes = [...asArray(achievement.competenceUnit).filter(isObject)];
  record.validatedUnits = [
    ...unitNodes.map((unit) => {
      const code = asString(unit.unitCode);
      const unitName = texts(unit)[0];
      return { ...(code === undefined ? {} : { code }), ...(unitName === undefined ? {} : { name: unitName }) };
    }),
    ...alignmentsOf(achievement, ALIGNMENT_TARGETS.competenceUnit).map((unit) => {
      const code = asString(unit.targetCode);
      const unitName = asString(unit.targetName);
      return { ...(code === undefined ? {} : { code }), ...(unitName === undefined ? {} : { name: unitName }) };
    }),
  ];
  const extent = asString(subject.validationExtent) ?? facts.find((fact) => fact.resultType === RESULT_TYPES.validationExtent)?.value;
  if (extent !== undefined) record.validationExtent = extent;
  record.workExperience = [...legacyWorkPeriodsOf(subject), ...workPeriodsOf(facts)];
  const decision = decisionClaimOf(credential, subject, achievement, facts);
  if (decision !== undefined) record.decision = decision;
  record.display = displayFactsOf(credential, subject, achievement, facts);
  return record;
}
