import { frameworkLevelAlignment, ownAlignment, type Alignment } from './framework-alignment.js';
import { textTerms } from './multilingual-text.js';

import { ALIGNMENT_TARGETS, CEFR_LEVELS, OWN_TARGET_BASE, type CefrLevel, type CefrScale } from '../../ob3/vocabulary.js';

// The scale itself is defined once, in ob3/vocabulary.ts; this file builds it into credentials.
export { CEFR_LEVELS, LANGUAGE_SKILLS, cefrRank, isCefrLevel, type CefrLevel, type CefrScale, type LanguageSkill } from '../../ob3/vocabulary.js';

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
 * Which CEFR scale a ResultDescription measures, as an alignment (`ext:LanguageSkill`, the scale
 * as `targetCode`): a reader needs no name in any language to tell "reading" from "overall".
 */
export function languageSkillAlignment(scale: CefrScale): Alignment {
  return ownAlignment({
    targetType: ALIGNMENT_TARGETS.languageSkill,
    targetFramework: 'Common European Framework of Reference for Languages',
    targetCode: scale,
    targetName: SCALE_NAMES[scale].en as string,
    targetUrl: `${OWN_TARGET_BASE}frameworks/cefr/scales/${scale}`,
  });
}

/**
 * The OB 3.0 way to state a level: a ResultDescription of type RubricCriterionLevel
 * whose six levels are each aligned to CEFR, and a Result whose `achievedLevel` is
 * the id of the level reached. Its first alignment says which scale it is.
 */
export function cefrRubric(achievementId: string, scale: CefrScale, primaryLanguage: string, requiredLevel?: CefrLevel): Record<string, unknown> {
  return {
    id: cefrRubricId(achievementId, scale),
    type: ['ResultDescription'],
    ...textTerms('name', SCALE_NAMES[scale], primaryLanguage),
    resultType: 'RubricCriterionLevel',
    alignment: [languageSkillAlignment(scale)],
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
