import type { FieldError } from '../../shared/problems.js';
import { eqfLevelErrors, frameworkLevelErrors, qualificationLevelErrors } from './claimed-level-rules.js';
import type { EvidenceInput } from './evidence.js';
import {
  frameworkLevelAlignment,
  iscedFieldAlignment,
  occupationAlignments,
  occupationErrors,
  type FrameworkLevelInput,
  type OccupationInput,
} from './framework-alignment.js';
import { primaryText, textTerms, type TextInput } from './multilingual-text.js';
import {
  achievementId,
  commonRequestErrors,
  dateTime,
  hoursAsDuration,
  ob3Credential,
  organisationProfile,
  primaryLanguageErrors,
  type CommonRequest,
  type OrganisationInput,
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

export interface DiplomaRequest extends CommonRequest {
  profile: 'diploma';
  title: TextInput;
  description: TextInput;
  /** OB 3.0 achievementType: Diploma, Certificate, ApprenticeshipCertificate, Degree… */
  achievementType: string;
  qualificationCode?: string;
  awardingBody: OrganisationInput & { id: string };
  awardDate: string;
  /** The level in the qualification's own framework, e.g. {framework: "ma-cnc", level: "5"}. */
  level: FrameworkLevelInput;
  /** Only where the native framework is referenced to the EQF; nothing is inferred. */
  eqfLevel?: number;
  fieldOfStudy: { iscedF: string; name?: TextInput };
  targetOccupation?: OccupationInput;
  hours?: number;
  credits?: CreditsInput;
  grade?: GradeInput;
  learningOutcomes?: LearningOutcomeInput[];
  criteria?: TextInput;
  transcript?: EvidenceInput;
  /** What recognition officers ask: training dates, theory/practice split, modules with hours. */
  training?: { startDate?: string; endDate?: string; theoryHours?: number; practiceHours?: number; modules?: Array<{ name: TextInput; hours?: number }> };
  stateRecognised?: boolean;
}

export const diplomaProfile: ProfileDefinition<DiplomaRequest> = {
  name: 'diploma',
  title: 'Diploma or qualification',
  summary:
    'A formal qualification: title, awarding body, award date, type, level in its own framework (and the EQF level only where that framework is referenced), ISCED-F field, target occupation, volume, credits, grade, learning outcomes with ESCO skills, transcript.',

  requestErrors(request) {
    const errors = [
      ...commonRequestErrors(request),
      ...primaryLanguageErrors(request.primaryLanguage, [
        [request.title, '/title'],
        [request.description, '/description'],
        [request.awardingBody.name, '/awardingBody/name'],
        [request.fieldOfStudy.name, '/fieldOfStudy/name'],
        [request.criteria, '/criteria'],
        [request.grade?.name, '/grade/name'],
        ...(request.learningOutcomes ?? []).map((outcome, index): [TextInput, string] => [outcome.text, `/learningOutcomes/${index}/text`]),
      ]),
    ];
    errors.push(
      ...frameworkLevelErrors(request.level, '/level'),
      ...qualificationLevelErrors(request.level, '/level', request.awardingBody.country),
      ...eqfLevelErrors(request.level, request.eqfLevel, '/eqfLevel'),
    );
    errors.push(...occupationErrors(request.targetOccupation, '/targetOccupation'));
    errors.push(...trainingErrors(request));
    return errors;
  },

  build(request, context) {
    const primary = request.primaryLanguage;
    const id = achievementId(context.issuer.did, 'diploma', {
      title: request.title,
      achievementType: request.achievementType,
      awardingBody: request.awardingBody.id,
      level: request.level,
      qualificationCode: request.qualificationCode ?? null,
    });
    const outcomes = learningOutcomes(request.learningOutcomes, primary);
    const grade = request.grade === undefined ? undefined : gradeResult(request.grade, `${id}#grade`, primary);
    const credits = creditTerms(request.credits);
    const achievement = {
      id,
      type: ['Achievement'],
      achievementType: request.achievementType,
      ...textTerms('name', request.title, primary),
      ...textTerms('description', request.description, primary),
      criteria: criteriaOf(request.criteria, request.learningOutcomes, request.description, primary),
      creator: organisationProfile(request.awardingBody, primary),
      ...(request.qualificationCode === undefined ? {} : { humanCode: request.qualificationCode }),
      ...(request.fieldOfStudy.name === undefined ? {} : { fieldOfStudy: primaryText(request.fieldOfStudy.name, primary) }),
      ...(request.hours === undefined ? {} : { volumeOfLearning: hoursAsDuration(request.hours) }),
      ...(request.training?.theoryHours === undefined ? {} : { theoryVolume: hoursAsDuration(request.training.theoryHours) }),
      ...(request.training?.practiceHours === undefined ? {} : { practiceVolume: hoursAsDuration(request.training.practiceHours) }),
      ...(request.training?.modules === undefined
        ? {}
        : {
            curriculumModule: request.training.modules.map((module) => ({
              type: ['CurriculumModule'],
              ...textTerms('name', module.name, primary),
              ...(module.hours === undefined ? {} : { volumeOfLearning: hoursAsDuration(module.hours) }),
            })),
          }),
      ...(request.stateRecognised === undefined ? {} : { stateRecognised: request.stateRecognised }),
      ...credits.achievement,
      alignment: [
        frameworkLevelAlignment(request.level),
        ...(request.eqfLevel === undefined ? [] : [frameworkLevelAlignment({ framework: 'eqf', level: String(request.eqfLevel) })]),
        iscedFieldAlignment(request.fieldOfStudy.iscedF, request.fieldOfStudy.name === undefined ? undefined : primaryText(request.fieldOfStudy.name, primary)),
        ...(request.targetOccupation === undefined ? [] : occupationAlignments(request.targetOccupation)),
        ...outcomes.skills,
      ],
      ...(outcomes.learningOutcome === undefined ? {} : { learningOutcome: outcomes.learningOutcome }),
      ...(grade === undefined ? {} : { resultDescription: [grade.resultDescription] }),
    };
    return ob3Credential({
      profile: 'diploma',
      request,
      context,
      achievement,
      subject: {
        ...credits.subject,
        ...(request.training?.startDate === undefined ? {} : { activityStartDate: dateTime(request.training.startDate) }),
        ...(request.training?.endDate === undefined ? {} : { activityEndDate: dateTime(request.training.endDate) }),
        ...(grade === undefined ? {} : { result: [grade.result] }),
      },
      evidence: request.transcript === undefined ? [] : [{ genre: 'Transcript', ...request.transcript }],
      awardedDate: request.awardDate,
    });
  },
};

/** Dates in order, and parts that add up to no more than the whole. */
function trainingErrors(request: DiplomaRequest): FieldError[] {
  const training = request.training;
  if (training === undefined) return [];
  const errors: FieldError[] = [];
  if (training.startDate !== undefined && training.endDate !== undefined && training.endDate < training.startDate) {
    errors.push({ pointer: '/training/endDate', detail: `must not be before /training/startDate (${training.startDate})` });
  }
  if (training.endDate !== undefined && training.endDate > request.awardDate) {
    errors.push({ pointer: '/training/endDate', detail: `must not be after /awardDate (${request.awardDate})` });
  }
  const split = (training.theoryHours ?? 0) + (training.practiceHours ?? 0);
  if (request.hours !== undefined && split > request.hours) {
    errors.push({ pointer: '/training/practiceHours', detail: `theory and practice (${split} hours) must not exceed /hours (${request.hours})` });
  }
  const modules = (training.modules ?? []).reduce((sum, module) => sum + (module.hours ?? 0), 0);
  if (request.hours !== undefined && modules > request.hours) {
    errors.push({ pointer: '/training/modules', detail: `the modules' hours (${modules}) must not exceed /hours (${request.hours})` });
  }
  return errors;
}
