import { frameworkLevelAlignment } from './framework-alignment.js';
import { textTerms } from './multilingual-text.js';

/** In order: a level's index is its rank, so "at least" is a comparison of indexes. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export const LANGUAGE_SKILLS = ['listening', 'reading', 'writing', 'speaking'] as const;
export type LanguageSkill = (typeof LANGUAGE_SKILLS)[number];

/** A CEFR scale in a language credential: the overall level, or one skill. */
export type CefrScale = 'overall' | LanguageSkill;

export function isCefrLevel(value: unknown): value is CefrLevel {
  return typeof value === 'string' && (CEFR_LEVELS as readonly string[]).includes(value);
}

export function cefrRank(level: CefrLevel): number {
  return CEFR_LEVELS.indexOf(level);
}

/** Scale names in the five display languages; English first, so it is the fallback for any other primary language. */
const SCALE_NAMES: Record<CefrScale, Record<string, string>> = {
  overall: {
    en: 'Overall level (CEFR)',
    fr: 'Niveau global (CECRL)',
    de: 'Gesamtniveau (GER)',
    es: 'Nivel global (MCER)',
    ar: 'المستوى العام (الإطار الأوروبي المرجعي)',
  },
  listening: { en: 'Listening', fr: "Compréhension de l'oral", de: 'Hören', es: 'Comprensión auditiva', ar: 'الاستماع' },
  reading: { en: 'Reading', fr: 'Compréhension des écrits', de: 'Lesen', es: 'Comprensión de lectura', ar: 'القراءة' },
  writing: { en: 'Writing', fr: 'Production écrite', de: 'Schreiben', es: 'Expresión escrita', ar: 'الكتابة' },
  speaking: { en: 'Speaking', fr: 'Production orale', de: 'Sprechen', es: 'Expresión oral', ar: 'التحدث' },
};

export function cefrRubricId(achievementId: string, scale: CefrScale): string {
  return `${achievementId}#cefr-${scale}`;
}

export function cefrLevelId(achievementId: string, scale: CefrScale, level: CefrLevel): string {
  return `${cefrRubricId(achievementId, scale)}-${level}`;
}

/**
 * The OB 3.0 way to state a level: a ResultDescription of type RubricCriterionLevel
 * whose six levels are each aligned to CEFR, and a Result whose `achievedLevel` is
 * the id of the level reached. `languageSkill` (ours) says which scale it is.
 */
export function cefrRubric(achievementId: string, scale: CefrScale, primaryLanguage: string, requiredLevel?: CefrLevel): Record<string, unknown> {
  return {
    id: cefrRubricId(achievementId, scale),
    type: ['ResultDescription'],
    ...textTerms('name', SCALE_NAMES[scale], primaryLanguage),
    resultType: 'RubricCriterionLevel',
    languageSkill: [scale],
    ...(requiredLevel === undefined ? {} : { requiredLevel: cefrLevelId(achievementId, scale, requiredLevel) }),
    rubricCriterionLevel: CEFR_LEVELS.map((level) => ({
      id: cefrLevelId(achievementId, scale, level),
      type: ['RubricCriterionLevel'],
      name: level,
      level,
      alignment: [frameworkLevelAlignment({ framework: 'cefr', level })],
    })),
  };
}

export function cefrResult(achievementId: string, scale: CefrScale, level: CefrLevel): Record<string, unknown> {
  return {
    type: ['Result'],
    resultDescription: cefrRubricId(achievementId, scale),
    achievedLevel: cefrLevelId(achievementId, scale, level),
    status: 'Completed',
  };
}
