import { distinctAlignments, escoSkillAlignment, type Alignment, type EscoSkillInput } from './framework-alignment.js';
import { primaryText, textTerms, type TextInput } from './multilingual-text.js';

export interface LearningOutcomeInput {
  text: TextInput;
  escoSkills?: EscoSkillInput[];
}

/**
 * Learning outcomes as our `learningOutcome` nodes, each aligned to its ESCO skills;
 * the skills are also returned flat, for the achievement's own `alignment`, because
 * OB 3.0 wallets show achievement alignments and know nothing of learning outcomes.
 */
export function learningOutcomes(
  outcomes: LearningOutcomeInput[] | undefined,
  primaryLanguage: string,
): { learningOutcome?: Array<Record<string, unknown>>; skills: Alignment[] } {
  if (outcomes === undefined || outcomes.length === 0) return { skills: [] };
  const learningOutcome = outcomes.map((outcome) => ({
    type: ['LearningOutcome'],
    ...textTerms('description', outcome.text, primaryLanguage),
    ...(outcome.escoSkills === undefined || outcome.escoSkills.length === 0 ? {} : { alignment: outcome.escoSkills.map(escoSkillAlignment) }),
  }));
  return { learningOutcome, skills: distinctAlignments(outcomes.flatMap((outcome) => (outcome.escoSkills ?? []).map(escoSkillAlignment))) };
}

/**
 * OB 3.0 requires `criteria`. The issuer's own words when given; otherwise the
 * learning outcomes are what was required, listed in the primary language; the
 * description is the last resort.
 */
export function criteriaOf(
  criteria: TextInput | undefined,
  outcomes: LearningOutcomeInput[] | undefined,
  description: TextInput,
  primaryLanguage: string,
): Record<string, unknown> {
  if (criteria !== undefined) return textTerms('narrative', criteria, primaryLanguage);
  if (outcomes !== undefined && outcomes.length > 0) {
    return { narrative: outcomes.map((outcome) => `- ${primaryText(outcome.text, primaryLanguage)}`).join('\n') };
  }
  return { narrative: primaryText(description, primaryLanguage) };
}

export type GradeType = 'GradePointAverage' | 'LetterGrade' | 'Percent' | 'RawScore' | 'ScaledScore' | 'Result';

export interface GradeInput {
  value: string;
  type?: GradeType;
  /** Bounds of the scale, e.g. "0" and "20" for the Moroccan and French /20 scale. */
  min?: string;
  max?: string;
  /** What the grade is called, e.g. "Moyenne générale". */
  name?: TextInput;
}

/** A grade as an OB 3.0 ResultDescription (on the achievement) plus the Result that points at it. */
export function gradeResult(
  grade: GradeInput,
  resultDescriptionId: string,
  primaryLanguage: string,
): { resultDescription: Record<string, unknown>; result: Record<string, unknown> } {
  return {
    resultDescription: {
      id: resultDescriptionId,
      type: ['ResultDescription'],
      ...textTerms('name', grade.name ?? 'Grade', primaryLanguage),
      resultType: grade.type ?? 'Result',
      ...(grade.min === undefined ? {} : { valueMin: grade.min }),
      ...(grade.max === undefined ? {} : { valueMax: grade.max }),
    },
    result: { type: ['Result'], resultDescription: resultDescriptionId, value: grade.value, status: 'Completed' },
  };
}

export interface CreditsInput {
  value: number;
  /** e.g. ECTS, or a national credit system. */
  system: string;
}

/** Credits on the achievement (available) and on the subject (earned: the holder earned them all). */
export function creditTerms(credits: CreditsInput | undefined): { achievement: Record<string, unknown>; subject: Record<string, unknown> } {
  if (credits === undefined) return { achievement: {}, subject: {} };
  return {
    achievement: { creditsAvailable: credits.value, creditSystem: credits.system },
    subject: { creditsEarned: credits.value },
  };
}
