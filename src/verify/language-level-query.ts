import { cefrRank, isCefrLevel, type CefrLevel, type CefrScale } from '../issue/profiles/cefr.js';

/**
 * "At least B1 in German?" answered from a language credential alone.
 *
 * Reads the Open Badges 3.0 structure, not our builder's ids: each Result's
 * `achievedLevel` is looked up among the RubricCriterionLevels of its
 * ResultDescription, and the level is the one that level is aligned to in CEFR
 * (`frameworkId: cefr`, or an alignment whose framework is named CEFR). So it also
 * answers for another issuer's OB 3.0 credential modelled the same way. The scale
 * (overall or one skill) is our `languageSkill`; a rubric without it is the overall
 * level. Call it on a credential that has been verified: it does not check proofs.
 */

export interface LanguageLevelStatement {
  /** As the credential gives it (`inLanguage`), e.g. "de". */
  language: string;
  scale: CefrScale;
  level: CefrLevel;
}

export interface LanguageQuestion {
  /** ISO 639-1 or 639-2/3 code, or a BCP 47 tag: "de", "deu", "de-AT". */
  language: string;
  minimum: CefrLevel;
  /** The overall level when absent. */
  skill?: CefrScale;
}

export type LanguageAnswer = { answer: 'yes' | 'no'; achieved: CefrLevel; statement: LanguageLevelStatement } | { answer: 'unknown'; reason: string };

type Json = Record<string, unknown>;

const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** ISO 639-2/3 codes of the languages our users certify, to their ISO 639-1 code. */
const ISO_639_1: Record<string, string> = {
  deu: 'de',
  ger: 'de',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  eng: 'en',
  ara: 'ar',
  por: 'pt',
  lit: 'lt',
  nld: 'nl',
  dut: 'nl',
  ita: 'it',
};

export function normaliseLanguage(tag: string): string {
  const primary = (tag.toLowerCase().split('-')[0] ?? '').trim();
  return ISO_639_1[primary] ?? primary;
}

function cefrLevelOfRubricLevel(level: Json): CefrLevel | undefined {
  for (const alignment of asArray(level.alignment)) {
    if (!isObject(alignment)) continue;
    const isCefr =
      alignment.frameworkId === 'cefr' ||
      (typeof alignment.targetFramework === 'string' && /\bCEFR\b|Common European Framework of Reference/i.test(alignment.targetFramework));
    if (isCefr && isCefrLevel(alignment.targetCode)) return alignment.targetCode;
  }
  return undefined;
}

function scaleOf(rubric: Json): CefrScale | undefined {
  const skills = asArray(rubric.languageSkill);
  if (skills.length === 0) return 'overall';
  const [skill] = skills;
  return skills.length === 1 && (skill === 'overall' || skill === 'listening' || skill === 'reading' || skill === 'writing' || skill === 'speaking')
    ? skill
    : undefined;
}

/** Every CEFR level the credential states: per subject, per result that reaches a CEFR-aligned rubric level. */
export function languageLevelsOf(credential: Json): LanguageLevelStatement[] {
  const statements: LanguageLevelStatement[] = [];
  for (const subject of asArray(credential.credentialSubject)) {
    if (!isObject(subject) || !isObject(subject.achievement)) continue;
    const achievement = subject.achievement;
    if (typeof achievement.inLanguage !== 'string') continue;
    const rubrics = new Map<string, Json>();
    for (const description of asArray(achievement.resultDescription)) {
      if (isObject(description) && typeof description.id === 'string' && description.resultType === 'RubricCriterionLevel')
        rubrics.set(description.id, description);
    }
    for (const result of asArray(subject.result)) {
      if (!isObject(result) || typeof result.resultDescription !== 'string' || typeof result.achievedLevel !== 'string') continue;
      // A failed exam states a level it did not reach.
      if (result.status !== undefined && result.status !== 'Completed') continue;
      const rubric = rubrics.get(result.resultDescription);
      const scale = rubric === undefined ? undefined : scaleOf(rubric);
      if (rubric === undefined || scale === undefined) continue;
      const reached = asArray(rubric.rubricCriterionLevel).find((level) => isObject(level) && level.id === result.achievedLevel);
      const level = isObject(reached) ? cefrLevelOfRubricLevel(reached) : undefined;
      if (level !== undefined) statements.push({ language: achievement.inLanguage, scale, level });
    }
  }
  return statements;
}

/**
 * Yes or no when the credential states a level on that scale in that language;
 * "unknown" when it does not (an overall level says nothing about one skill, and
 * per-skill levels do not add up to an overall level). The highest statement counts.
 */
export function meetsLanguageLevel(credential: Json, question: LanguageQuestion): LanguageAnswer {
  const scale = question.skill ?? 'overall';
  const language = normaliseLanguage(question.language);
  const matching = languageLevelsOf(credential).filter((statement) => statement.scale === scale && normaliseLanguage(statement.language) === language);
  if (matching.length === 0) {
    return {
      answer: 'unknown',
      reason: `The credential states no CEFR ${scale === 'overall' ? 'overall level' : `${scale} level`} in "${question.language}".`,
    };
  }
  const best = matching.reduce((a, b) => (cefrRank(b.level) > cefrRank(a.level) ? b : a));
  return { answer: cefrRank(best.level) >= cefrRank(question.minimum) ? 'yes' : 'no', achieved: best.level, statement: best };
}
