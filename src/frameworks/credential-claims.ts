/**
 * What a credential claims about levels, read from its Open Badges 3.0 achievement:
 * framework levels from `achievement.alignment`, and language levels from CEFR rubrics
 * (`resultDescription` of type RubricCriterionLevel + `result.achievedLevel`).
 *
 * Recognises the alignments the profiles write (`targetType: 'ext:FrameworkLevel'`,
 * `frameworkId`, `targetCode`) and, since `frameworkId` is not an OB 3.0 term, also
 * level URLs alone: EQF concept URIs and https://w3id.org/passerelle/frameworks/<id>/levels/<code>.
 * Reading a claim says nothing about whether it is true: only verified credentials count.
 */

export const FRAMEWORK_LEVEL_TARGET = 'ext:FrameworkLevel';
export const LANGUAGE_SKILLS = ['listening', 'reading', 'writing', 'speaking'] as const;
export type LanguageSkill = (typeof LANGUAGE_SKILLS)[number];
export const CEFR_CODES = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

export interface LevelClaim {
  framework: string;
  level: string;
  name?: string;
  url?: string;
}

export interface LanguageClaim {
  /** ISO 639 code from `achievement.inLanguage`; undefined when the credential does not say. */
  language?: string;
  overall?: string;
  skills: Partial<Record<LanguageSkill, string>>;
  provider?: { id?: string; names: string[] };
  examName?: string;
  /** The exam (or award) date the age rules count from. */
  examDate?: string;
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
}

const ISCED_F_URL = /^https?:\/\/data\.europa\.eu\/snb\/isced-f\/(\d{2,4})$/;
const OWN_SCHEMA_URL = /^https:\/\/w3id\.org\/passerelle\/schemas\/([a-z0-9-]+)\.json$/;

function fieldOfStudy(entry: unknown): string | undefined {
  if (!isObject(entry)) return undefined;
  if (entry.frameworkId === 'isced-f' && typeof entry.targetCode === 'string' && /^\d{2,4}$/.test(entry.targetCode)) return entry.targetCode;
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
  return named !== undefined && (CEFR_CODES as readonly string[]).includes(named.toUpperCase()) ? named.toUpperCase() : undefined;
}

function languageClaim(credential: Json, subject: Json, achievement: Json): LanguageClaim | undefined {
  const skills: LanguageClaim['skills'] = {};
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
    if (scale === 'overall') overall = achieved;
    else skills[scale] = achieved;
  }
  // A CEFR level stated on the achievement itself reads as the overall level.
  if (overall === undefined) {
    const aligned = asArray(achievement.alignment)
      .map(readLevelAlignment)
      .find((claim) => claim?.framework === 'cefr');
    if (aligned !== undefined) overall = aligned.level.toUpperCase();
  }
  if (overall === undefined && Object.keys(skills).length === 0) return undefined;
  const creator = isObject(achievement.creator) ? achievement.creator : undefined;
  const issuer = isObject(credential.issuer) ? credential.issuer : undefined;
  const providerObject = creator ?? issuer;
  const providerNames = texts(providerObject);
  const providerId = asString(providerObject?.id) ?? (creator === undefined ? asString(credential.issuer) : undefined);
  const examDate = asString(subject.examDate) ?? asString(credential.awardedDate) ?? asString(subject.activityEndDate) ?? asString(credential.validFrom);
  const language = asString(achievement.inLanguage);
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
  };
}

export function claimsOf(credential: unknown): Claims {
  const claims: Claims = { levels: [], languages: [], fieldsOfStudy: [], achievementTypes: [], profiles: [] };
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
    const language = languageClaim(credential, subject, achievement);
    if (language !== undefined) claims.languages.push(language);
  }
  return claims;
}
