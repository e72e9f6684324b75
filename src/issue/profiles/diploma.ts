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
  ob3Credential,
  organisationProfile,
  primaryLanguageErrors,
  type CommonRequest,
  type OrganisationInput,
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
import { RESULT_TYPES } from '../../ob3/vocabulary.js';

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
    const grade = request.grade === undefined ? undefined : gradeResult(request.grade, `${id}#grade`, primary);
    const credits = creditTerms(request.credits, id);
    const training = request.training;
    // Hours, their split and the modules are facts about the holder's training (ResultDescription + Result).
    const facts = [
      ...(request.hours === undefined ? [] : [volumeFact(`${id}#volume`, 'Volume of learning', RESULT_TYPES.volumeOfLearning, request.hours)]),
      ...(training?.theoryHours === undefined ? [] : [volumeFact(`${id}#theory`, 'Theory', RESULT_TYPES.theoryVolume, training.theoryHours)]),
      ...(training?.practiceHours === undefined ? [] : [volumeFact(`${id}#practice`, 'Practice', RESULT_TYPES.practiceVolume, training.practiceHours)]),
      ...(training?.modules ?? []).map((module, index) =>
        factResult({
          id: `${id}#module-${index + 1}`,
          name: primaryText(module.name, primary),
          resultType: RESULT_TYPES.curriculumModule,
          ...(module.hours === undefined ? {} : { value: `PT${module.hours}H` }),
        }),
      ),
      ...credits.facts,
    ];
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
      // A keyword, as OB 3.0 `tag` is meant for: the kind of qualification this is.
      ...(request.stateRecognised === true ? { tag: ['state-recognised'] } : {}),
      ...credits.achievement,
      alignment: [
        frameworkLevelAlignment(request.level),
        ...(request.eqfLevel === undefined ? [] : [frameworkLevelAlignment({ framework: 'eqf', level: String(request.eqfLevel) })]),
        iscedFieldAlignment(request.fieldOfStudy.iscedF, request.fieldOfStudy.name === undefined ? undefined : primaryText(request.fieldOfStudy.name, primary)),
        ...(request.targetOccupation === undefined ? [] : occupationAlignments(request.targetOccupation)),
        ...learningOutcomes(request.learningOutcomes, id, primary),
      ],
      ...(grade === undefined && facts.length === 0
        ? {}
        : { resultDescription: [...(grade === undefined ? [] : [grade.resultDescription]), ...facts.map((fact) => fact.resultDescription)] }),
    };
    return ob3Credential({
      profile: 'diploma',
      request,
      context,
      achievement,
      texts: { name: request.title, description: request.description },
      subject: {
        ...credits.subject,
        ...(training?.startDate === undefined ? {} : { activityStartDate: dateTime(training.startDate) }),
        ...(training?.endDate === undefined ? {} : { activityEndDate: dateTime(training.endDate) }),
        ...(grade === undefined && facts.length === 0 ? {} : { result: [...(grade === undefined ? [] : [grade.result]), ...facts.map((fact) => fact.result)] }),
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
