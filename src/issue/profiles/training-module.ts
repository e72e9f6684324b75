import { frameworkLevelErrors, qualificationLevelErrors } from './claimed-level-rules.js';
import type { FieldError } from '../../shared/problems.js';
import { assessmentEvidence, type AssessmentInput } from './assessment.js';
import { ownAlignment } from './framework-alignment.js';
import { ALIGNMENT_TARGETS, RESULT_TYPES } from '../../ob3/vocabulary.js';
import type { Alignment, FrameworkLevelInput } from './framework-alignment.js';
import { primaryText, textTerms, type TextInput } from './multilingual-text.js';
import {
  achievementId,
  commonRequestErrors,
  dateTime,
  issuerProfile,
  ob3Credential,
  organisationProfile,
  primaryLanguageErrors,
  type CommonRequest,
  type OrganisationInput,
  qualificationAlignments,
} from './ob3-credential.js';
import {
  creditTerms,
  criteriaOf,
  factResult,
  gradeResult,
  learningOutcomes,
  volumeFact,
  type CreditsInput,
  type GradeInput,
  type LearningOutcomeInput,
} from './outcomes-and-results.js';
import type { ProfileDefinition } from './profile-definition.js';

export interface TrainingModuleRequest extends CommonRequest {
  profile: 'training-module';
  title: TextInput;
  description: TextInput;
  achievementType?: 'Course' | 'CertificateOfCompletion' | 'MicroCredential' | 'LearningProgram' | 'Assessment';
  moduleCode?: string;
  /** Who ran the module; the issuer when absent. */
  provider?: OrganisationInput & { id: string };
  hours: number;
  startDate: string;
  endDate: string;
  mode: 'in-person' | 'online' | 'blended';
  learningOutcomes?: LearningOutcomeInput[];
  criteria?: TextInput;
  assessment?: AssessmentInput & { grade?: GradeInput };
  credits?: CreditsInput;
  /** The programme the module belongs to; modules sharing its `id` add up towards its target qualification. */
  programme?: { id: string; name: TextInput; targetQualification?: { id?: string; name: TextInput; level?: FrameworkLevelInput } };
}

/**
 * The programme as achievement alignments: the programme itself (its id, so modules sharing it
 * add up), the qualification it leads to and that qualification's level, each with a target
 * type that says what it is — the holder reached none of them with this module.
 */
function programmeAlignments(programme: NonNullable<TrainingModuleRequest['programme']>, primary: string): Alignment[] {
  return [
    ownAlignment({ targetType: ALIGNMENT_TARGETS.programme, targetName: primaryText(programme.name, primary), targetUrl: programme.id }),
    ...(programme.targetQualification === undefined
      ? []
      : qualificationAlignments(programme.targetQualification, 'target', `${programme.id}#target-qualification`, primary)),
  ];
}

export const trainingModuleProfile: ProfileDefinition<TrainingModuleRequest> = {
  name: 'training-module',
  title: 'Training module',
  summary:
    'A module or course (pre-departure, vocational, language course): title, provider, hours, dates, mode, learning outcomes with ESCO skills, assessment and result, credits, and the programme it belongs to, so modules add up to a qualification.',

  requestErrors(request) {
    const errors: FieldError[] = [
      ...commonRequestErrors(request),
      ...primaryLanguageErrors(request.primaryLanguage, [
        [request.title, '/title'],
        [request.description, '/description'],
        [request.provider?.name, '/provider/name'],
        [request.criteria, '/criteria'],
        [request.assessment?.description, '/assessment/description'],
        [request.assessment?.grade?.name, '/assessment/grade/name'],
        [request.programme?.name, '/programme/name'],
        [request.programme?.targetQualification?.name, '/programme/targetQualification/name'],
        ...(request.learningOutcomes ?? []).map((outcome, index): [TextInput, string] => [outcome.text, `/learningOutcomes/${index}/text`]),
      ]),
    ];
    if (request.endDate < request.startDate) errors.push({ pointer: '/endDate', detail: 'must not be before /startDate' });
    errors.push(
      ...frameworkLevelErrors(request.programme?.targetQualification?.level, '/programme/targetQualification/level'),
      ...qualificationLevelErrors(request.programme?.targetQualification?.level, '/programme/targetQualification/level'),
    );
    return errors;
  },

  build(request, context) {
    const primary = request.primaryLanguage;
    const id = achievementId(context.issuer.did, 'training-module', {
      title: request.title,
      provider: request.provider?.id ?? null,
      moduleCode: request.moduleCode ?? null,
      programme: request.programme?.id ?? null,
      hours: request.hours,
    });
    const grade = request.assessment?.grade === undefined ? undefined : gradeResult(request.assessment.grade, `${id}#grade`, primary);
    const credits = creditTerms(request.credits, id);
    const facts = [
      volumeFact(`${id}#volume`, 'Volume of learning', RESULT_TYPES.volumeOfLearning, request.hours),
      factResult({
        id: `${id}#mode`,
        name: 'Learning mode',
        resultType: RESULT_TYPES.learningMode,
        value: request.mode,
        allowedValue: ['in-person', 'online', 'blended'],
      }),
      ...credits.facts,
    ];
    const alignment = [
      ...learningOutcomes(request.learningOutcomes, id, primary),
      ...(request.programme === undefined ? [] : programmeAlignments(request.programme, primary)),
    ];
    const achievement = {
      id,
      type: ['Achievement'],
      achievementType: request.achievementType ?? 'Course',
      ...textTerms('name', request.title, primary),
      ...textTerms('description', request.description, primary),
      criteria: criteriaOf(request.criteria, request.learningOutcomes, request.description, primary),
      creator: request.provider === undefined ? issuerProfile(context.issuer, primary) : organisationProfile(request.provider, primary),
      ...(request.moduleCode === undefined ? {} : { humanCode: request.moduleCode }),
      ...credits.achievement,
      ...(alignment.length === 0 ? {} : { alignment }),
      resultDescription: [...(grade === undefined ? [] : [grade.resultDescription]), ...facts.map((fact) => fact.resultDescription)],
    };
    return ob3Credential({
      profile: 'training-module',
      request,
      context,
      achievement,
      texts: { name: request.title, description: request.description },
      subject: {
        activityStartDate: dateTime(request.startDate),
        activityEndDate: dateTime(request.endDate),
        ...credits.subject,
        // The module was completed: that is what this credential attests, graded or not.
        result: [grade === undefined ? { type: ['Result'], status: 'Completed' } : grade.result, ...facts.map((fact) => fact.result)],
      },
      otherEvidence: request.assessment === undefined ? [] : [assessmentEvidence(request.assessment, primary)],
      awardedDate: request.endDate,
    });
  },
};
