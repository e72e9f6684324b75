import { claimsOf } from '../ob3/claims.js';
import { cefrRank, isCefrLevel, normaliseLanguage, type CefrLevel, type CefrScale } from '../ob3/vocabulary.js';

/**
 * "At least B1 in German?" answered from a language credential alone, through the one
 * claim reader (ob3/claims.ts), so it agrees with the requirements and the report: a
 * failed result states no level. Call it on a credential that has been verified: it
 * does not check proofs.
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

export { normaliseLanguage } from '../ob3/vocabulary.js';

/** Every CEFR level the credential states, from the one claim reader (ob3/claims.ts): passed results only. */
export function languageLevelsOf(credential: Json): LanguageLevelStatement[] {
  return claimsOf(credential).languages.flatMap((claim) => {
    if (claim.language === undefined) return [];
    const language = claim.language;
    const statements: LanguageLevelStatement[] = [];
    if (claim.overall !== undefined && isCefrLevel(claim.overall)) statements.push({ language, scale: 'overall', level: claim.overall });
    for (const [skill, level] of Object.entries(claim.skills)) {
      if (isCefrLevel(level)) statements.push({ language, scale: skill as CefrScale, level });
    }
    return statements;
  });
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
