import { ALIGNMENT_TARGETS, RESULT_TYPES } from '../../ob3/vocabulary.js';
import { distinctAlignments, escoSkillAlignment, ownAlignment, type Alignment, type EscoSkillInput } from './framework-alignment.js';
import { primaryText, textTerms, type TextInput } from './multilingual-text.js';

export interface LearningOutcomeInput {
  text: TextInput;
  escoSkills?: EscoSkillInput[];
}

/**
 * Learning outcomes as achievement alignments (`ext:LearningOutcome`, the outcome's text as
 * `targetName`), followed by the ESCO skills of all outcomes, each once: OB 3.0 wallets show
 * achievement alignments, and OB 3.0 has no term for a learning outcome of its own.
 */
export function learningOutcomes(outcomes: LearningOutcomeInput[] | undefined, achievementId: string, primaryLanguage: string): Alignment[] {
  if (outcomes === undefined || outcomes.length === 0) return [];
  return [
    ...outcomes.map((outcome, index) =>
      ownAlignment({
        targetType: ALIGNMENT_TARGETS.learningOutcome,
        targetName: primaryText(outcome.text, primaryLanguage),
        targetUrl: `${achievementId}#outcome-${index + 1}`,
      }),
    ),
    ...distinctAlignments(outcomes.flatMap((outcome) => (outcome.escoSkills ?? []).map(escoSkillAlignment))),
  ];
}

/** A fact about the holder's learning: a ResultDescription on the achievement and the Result on the subject that points at it. */
export interface FactResult {
  resultDescription: Record<string, unknown>;
  result: Record<string, unknown>;
}

/**
 * One fact (hours, a module, a work period, a decision…) in OB 3.0 terms: a ResultDescription
 * with one of our `ext:` result types (ob3/vocabulary RESULT_TYPES) and a Result with the value.
 */
export function factResult(args: {
  id: string;
  name: string;
  resultType: string;
  value?: string;
  description?: string;
  alignment?: Alignment[];
  allowedValue?: string[];
}): FactResult {
  return {
    resultDescription: {
      id: args.id,
      type: ['ResultDescription'],
      name: args.name,
      ...(args.description === undefined ? {} : { description: args.description }),
      resultType: args.resultType,
      ...(args.allowedValue === undefined ? {} : { allowedValue: args.allowedValue }),
      ...(args.alignment === undefined || args.alignment.length === 0 ? {} : { alignment: args.alignment }),
    },
    result: {
      type: ['Result'],
      resultDescription: args.id,
      ...(args.value === undefined ? {} : { value: args.value }),
      status: 'Completed',
    },
  };
}

/** Hours as an OB-friendly fact: an ISO 8601 duration of hours. */
export function volumeFact(id: string, name: string, resultType: string, hours: number): FactResult {
  return factResult({ id, name, resultType, value: `PT${hours}H` });
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

/**
 * Credits on the achievement (available) and on the subject (earned: the holder earned them
 * all), and, since OB 3.0 has no term for the credit system, a fact naming it (ECTS…).
 */
export function creditTerms(
  credits: CreditsInput | undefined,
  achievementId: string,
): { achievement: Record<string, unknown>; subject: Record<string, unknown>; facts: FactResult[] } {
  if (credits === undefined) return { achievement: {}, subject: {}, facts: [] };
  return {
    achievement: { creditsAvailable: credits.value },
    subject: { creditsEarned: credits.value },
    facts: [factResult({ id: `${achievementId}#credits`, name: credits.system, resultType: RESULT_TYPES.credits, value: String(credits.value) })],
  };
}
