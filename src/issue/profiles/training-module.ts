import { frameworkLevelErrors, qualificationLevelErrors } from './claimed-level-rules.js';
import type { FieldError } from '../../shared/problems.js';
import { assessmentNode, type AssessmentInput } from './assessment.js';
import type { FrameworkLevelInput } from './framework-alignment.js';
import { textTerms, type TextInput } from './multilingual-text.js';
import {
  achievementId,
  commonRequestErrors,
  dateTime,
  hoursAsDuration,
  issuerProfile,
  ob3Credential,
  organisationProfile,
  primaryLanguageErrors,
  type CommonRequest,
  type OrganisationInput,
  qualificationNode,
} from './ob3-credential.js';
import {
  creditTerms,
  criteriaOf,
  gradeResult,
  learningOutcomes,
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

function programmeNode(programme: NonNullable<TrainingModuleRequest['programme']>, primary: string): Record<string, unknown> {
  const target = programme.targetQualification;
  return {
    id: programme.id,
    type: ['Programme'],
    ...textTerms('name', programme.name, primary),
    ...(target === undefined ? {} : { targetQualification: qualificationNode(target, primary) }),
  };
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
    const outcomes = learningOutcomes(request.learningOutcomes, primary);
    const grade = request.assessment?.grade === undefined ? undefined : gradeResult(request.assessment.grade, `${id}#grade`, primary);
    const credits = creditTerms(request.credits);
    const achievement = {
      id,
      type: ['Achievement'],
      achievementType: request.achievementType ?? 'Course',
      ...textTerms('name', request.title, primary),
      ...textTerms('description', request.description, primary),
      criteria: criteriaOf(request.criteria, request.learningOutcomes, request.description, primary),
      creator: request.provider === undefined ? issuerProfile(context.issuer, primary) : organisationProfile(request.provider, primary),
      ...(request.moduleCode === undefined ? {} : { humanCode: request.moduleCode }),
      volumeOfLearning: hoursAsDuration(request.hours),
      learningMode: request.mode,
      ...credits.achievement,
      ...(outcomes.skills.length === 0 ? {} : { alignment: outcomes.skills }),
      ...(outcomes.learningOutcome === undefined ? {} : { learningOutcome: outcomes.learningOutcome }),
      ...(request.programme === undefined ? {} : { programme: programmeNode(request.programme, primary) }),
      ...(grade === undefined ? {} : { resultDescription: [grade.resultDescription] }),
    };
    return ob3Credential({
      profile: 'training-module',
      request,
      context,
      achievement,
      subject: {
        activityStartDate: dateTime(request.startDate),
        activityEndDate: dateTime(request.endDate),
        ...credits.subject,
        ...(request.assessment === undefined ? {} : { assessment: [assessmentNode(request.assessment, primary)] }),
        // The module was completed: that is what this credential attests, graded or not.
        result: [grade === undefined ? { type: ['Result'], status: 'Completed' } : grade.result],
      },
      awardedDate: request.endDate,
    });
  },
};
