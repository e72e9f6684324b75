import {
  CEFR_LEVELS,
  FIELD_OF_STUDY_TARGET,
  FRAMEWORK_LEVEL_TARGET,
  LANGUAGE_SKILLS,
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
 * Recognises the alignments the profiles write (`targetType: 'ext:FrameworkLevel'`,
 * `frameworkId`, `targetCode`) and, since `frameworkId` is not an OB 3.0 term, also
 * level URLs alone: EQF concept URIs and https://w3id.org/passerelle/frameworks/<id>/levels/<code>.
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

export function readLevelAlignment(entry: unknown): LevelClaim | undefined {
  if (!isObject(entry)) return undefined;
  const url = asString(entry.targetUrl);
  const name = asString(entry.targetName);
  const extras = { ...(name === undefined ? {} : { name }), ...(url === undefined ? {} : { url }) };
  const code = asString(entry.targetCode);
  const frameworkId = asString(entry.frameworkId);
  if (frameworkId !== undefined && entry.targetType === FRAMEWORK_LEVEL_TARGET && code !== undefined) return { framework: frameworkId, level: code, ...extras };
  const eqf = url === undefined ? null : EQF_URL.exec(url);
  if (eqf !== null) return { framework: 'eqf', level: eqf[1] as string, ...extras };
  const own = url === undefined ? null : OWN_LEVEL_URL.exec(url);
  if (own !== null) return { framework: own[1] as string, level: decodeURIComponent(own[2] as string), ...extras };
  return undefined;
}

/** Every plain and language-tagged text of a `name`/`localizedName` pair. */
function texts(object: Json | undefined): string[] {
  if (object === undefined) return [];
  const values = [...asArray(object.name), ...asArray(object.localizedName)].map((value) => (isObject(value) ? value['@value'] : value));
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

const SCALE_WORDS: Array<[LanguageSkill | 'overall', RegExp]> = [
  ['listening', /listening|hören|compréhension de l.oral|comprensión auditiva/i],
  ['reading', /reading|lesen|compréhension des écrits|comprensión de lectura/i],
  ['writing', /writing|schreiben|production écrite|expresión escrita/i],
  ['speaking', /speaking|sprechen|production orale|expresión oral/i],
  ['overall', /overall|global|gesamt/i],
];

function scaleOf(description: Json): LanguageSkill | 'overall' | undefined {
  const declared = asArray(description.languageSkill).find((value) => typeof value === 'string') as string | undefined;
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
  const examDate = asString(subject.examDate) ?? asString(credential.awardedDate) ?? asString(subject.activityEndDate) ?? asString(credential.validFrom);
  const inLanguage = asString(achievement.inLanguage);
  const language = inLanguage === undefined ? undefined : normaliseLanguage(inLanguage);
  // A passed result with its own exam date (a module taken separately).
  const moduleDates = results
    .filter((result) => isPassedResult(result.status))
    .map((result) => asString(result.examDate))
    .filter((date): date is string => date !== undefined);
  const examName = asString(achievement.name);
  return {
    ...(language === undefined ? {} : { language: language.toLowerCase() }),
    ...(overall === undefined ? {} : { overall }),
    skills,
    ...(providerNames.length > 0 || providerId !== undefined
      ? { provider: { ...(providerId === undefined ? {} : { id: providerId }), names: providerNames } }
      : {}),
    ...(examName === undefined ? {} : { examName }),
    ...(examDate === undefined ? {} : { examDate }),
    ...(moduleDates.length === 0 ? {} : { moduleDates }),
    ...(notPassed.length === 0 ? {} : { notPassed }),
  };
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
          .map((level) => ({ ...level, role })),
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
    const decision = isObject(subject.recognitionDecision) ? subject.recognitionDecision : undefined;
    const decisionType = asString(decision?.decisionType);
    if (decision !== undefined && decisionType !== undefined) {
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
}

function occupationOf(alignments: unknown): { isco08?: string; kldb?: string; name?: string } {
  const out: { isco08?: string; kldb?: string; name?: string } = {};
  for (const entry of asArray(alignments).filter(isObject)) {
    const code = asString(entry.targetCode);
    const name = asString(entry.targetName);
    if (entry.frameworkId === 'isco-08' && code !== undefined) out.isco08 = code;
    if (entry.frameworkId === 'kldb-2010' && code !== undefined) out.kldb = code;
    if (name !== undefined && out.name === undefined && (entry.frameworkId === 'isco-08' || entry.frameworkId === 'kldb-2010')) out.name = name;
  }
  return out;
}

/** Reads what the dossier report sums up; like claimsOf, it says nothing about whether any of it is true. */
export function recordClaimsOf(credential: unknown): RecordClaims {
  const record: RecordClaims = { holder: { identifiers: [] }, validatedUnits: [], workExperience: [], relatedResources: [] };
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
  const birthDate = asString(subject.birthDate);
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
  const achievementName = texts(achievement)[0];
  if (achievementName !== undefined) record.achievementName = achievementName;
  const hours = typeof achievement.volumeOfLearning === 'string' ? /^PT(\d+(?:\.\d+)?)H$/.exec(achievement.volumeOfLearning) : null;
  const start = asString(subject.activityStartDate);
  const end = asString(subject.activityEndDate);
  if (hours !== null || start !== undefined || end !== undefined) {
    record.training = {
      ...(hours === null ? {} : { hours: Number(hours[1]) }),
      ...(start === undefined ? {} : { startDate: start }),
      ...(end === undefined ? {} : { endDate: end }),
    };
  }
  record.validatedUnits = asArray(achievement.competenceUnit)
    .filter(isObject)
    .map((unit) => {
      const code = asString(unit.unitCode);
      const unitName = texts(unit)[0];
      return { ...(code === undefined ? {} : { code }), ...(unitName === undefined ? {} : { name: unitName }) };
    });
  const extent = asString(subject.validationExtent);
  if (extent !== undefined) record.validationExtent = extent;
  record.workExperience = asArray(subject.workExperience)
    .filter(isObject)
    .map((entry) => {
      const occupation = occupationOf(entry.alignment);
      const employer = isObject(entry.employer) ? texts(entry.employer)[0] : undefined;
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
  const decision = isObject(subject.recognitionDecision) ? subject.recognitionDecision : undefined;
  if (decision !== undefined) {
    const occupationNode = isObject(decision.referenceOccupation) ? decision.referenceOccupation : undefined;
    const occupation =
      occupationNode === undefined
        ? undefined
        : { ...occupationOf(occupationNode.alignment), ...(texts(occupationNode)[0] === undefined ? {} : { name: texts(occupationNode)[0] as string }) };
    const qualificationNode = isObject(achievement.referenceQualification) ? achievement.referenceQualification : undefined;
    const body = isObject(decision.decisionBody) ? texts(decision.decisionBody)[0] : undefined;
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
    if (qualificationNode !== undefined) {
      const qualificationName = texts(qualificationNode)[0];
      const code = asString(qualificationNode.qualificationCode);
      fields.referenceQualification = {
        ...(qualificationName === undefined ? {} : { name: qualificationName }),
        ...(code === undefined ? {} : { code }),
        levels: asArray(qualificationNode.alignment)
          .map(readLevelAlignment)
          .filter((level): level is LevelClaim => level !== undefined),
      };
    }
    record.decision = fields;
  }
  return record;
}
