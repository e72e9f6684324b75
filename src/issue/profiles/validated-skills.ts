import { frameworkLevelErrors, qualificationLevelErrors } from './claimed-level-rules.js';
import type { FieldError } from '../../shared/problems.js';
import { assessmentNode, type AssessmentInput } from './assessment.js';
import {
  distinctAlignments,
  escoSkillAlignment,
  frameworkLevelAlignment,
  occupationAlignments,
  occupationErrors,
  type EscoSkillInput,
  type FrameworkLevelInput,
  type OccupationInput,
} from './framework-alignment.js';
import { primaryText, textTerms, type TextInput } from './multilingual-text.js';
import {
  achievementId,
  commonRequestErrors,
  ob3Credential,
  organisationProfile,
  primaryLanguageErrors,
  type CommonRequest,
  type OrganisationInput,
  qualificationNode,
} from './ob3-credential.js';
import type { ProfileDefinition } from './profile-definition.js';
import { linkedCredentialErrors, relatedResources, type AssessedCredentialInput } from './related-credentials.js';

export interface CompetenceUnitInput {
  /** The unit's code in the reference qualification, e.g. a Spanish "UC0869_1". */
  code?: string;
  title: TextInput;
  escoSkills?: EscoSkillInput[];
}

export interface WorkExperienceInput {
  employer: OrganisationInput;
  /** Where the work was done (ISO 3166-1 alpha-2): at home or abroad. */
  country: string;
  startDate: string;
  endDate?: string;
  hours?: number;
  jobTitle: string;
  occupation?: OccupationInput;
  /** URLs of entries in /evidence that attest this period (employer attestations, social-security records). */
  attestations?: string[];
}

export interface ValidatedSkillsRequest extends CommonRequest {
  profile: 'validated-skills';
  title: TextInput;
  description: TextInput;
  validationExtent: 'full' | 'partial';
  learningSetting?: 'informal' | 'non-formal';
  validatedUnits: CompetenceUnitInput[];
  referenceQualification?: { id?: string; name: TextInput; code?: string; level?: FrameworkLevelInput; unitCount?: number };
  referenceOccupation?: OccupationInput;
  assessments: AssessmentInput[];
  validationBody: OrganisationInput & { id: string };
  validationScheme?: { name: TextInput; legalBasis?: string };
  validationDate: string;
  /** The official accreditation decision, as case officers cite it. */
  decision?: { number: string; date: string };
  workExperience: WorkExperienceInput[];
  pathToFullQualification?: { description: TextInput; remainingUnits?: CompetenceUnitInput[] };
  criteria?: TextInput;
  /** Foreign credentials and work attestations the validation relied on, linked by id and digest (relatedResource). */
  reliedOn?: AssessedCredentialInput[];
}

function unitNode(unit: CompetenceUnitInput, primary: string): Record<string, unknown> {
  return {
    type: ['CompetenceUnit'],
    ...(unit.code === undefined ? {} : { unitCode: unit.code }),
    ...textTerms('name', unit.title, primary),
    ...(unit.escoSkills === undefined || unit.escoSkills.length === 0 ? {} : { alignment: unit.escoSkills.map(escoSkillAlignment) }),
  };
}

function workExperienceNode(experience: WorkExperienceInput, primary: string): Record<string, unknown> {
  return {
    type: ['WorkExperience'],
    employer: organisationProfile(experience.employer, primary),
    workCountry: experience.country,
    jobTitle: experience.jobTitle,
    startDate: experience.startDate,
    ...(experience.endDate === undefined ? {} : { endDate: experience.endDate }),
    ...(experience.hours === undefined ? {} : { hoursWorked: experience.hours }),
    ...(experience.occupation === undefined ? {} : { alignment: occupationAlignments(experience.occupation) }),
    ...(experience.attestations === undefined ? {} : { attestation: experience.attestations }),
  };
}

export const validatedSkillsProfile: ProfileDefinition<ValidatedSkillsRequest> = {
  name: 'validated-skills',
  title: 'Validated skills (non-formal and informal learning)',
  summary:
    'Skills learnt on the job, at home or abroad, and validated afterwards: the units or ESCO skills validated, the reference qualification or occupation, full or partial validation, how they were assessed and by whom, the validation body and scheme, the work experience with its attestations, and the path to the full qualification.',

  requestErrors(request) {
    const errors: FieldError[] = [
      ...commonRequestErrors(request),
      ...primaryLanguageErrors(request.primaryLanguage, [
        [request.title, '/title'],
        [request.description, '/description'],
        [request.criteria, '/criteria'],
        [request.validationBody.name, '/validationBody/name'],
        [request.validationScheme?.name, '/validationScheme/name'],
        [request.referenceQualification?.name, '/referenceQualification/name'],
        [request.pathToFullQualification?.description, '/pathToFullQualification/description'],
        ...request.validatedUnits.map((unit, index): [TextInput, string] => [unit.title, `/validatedUnits/${index}/title`]),
        ...(request.pathToFullQualification?.remainingUnits ?? []).map((unit, index): [TextInput, string] => [
          unit.title,
          `/pathToFullQualification/remainingUnits/${index}/title`,
        ]),
        ...request.assessments.map((assessment, index): [TextInput | undefined, string] => [assessment.description, `/assessments/${index}/description`]),
        ...request.workExperience.map((experience, index): [TextInput, string] => [experience.employer.name, `/workExperience/${index}/employer/name`]),
      ]),
    ];
    if (request.referenceQualification === undefined && request.referenceOccupation === undefined) {
      errors.push({ pointer: '/referenceQualification', detail: 'is required when /referenceOccupation is absent: validated skills count towards something' });
    }
    errors.push(...occupationErrors(request.referenceOccupation, '/referenceOccupation'));
    errors.push(
      ...frameworkLevelErrors(request.referenceQualification?.level, '/referenceQualification/level'),
      ...qualificationLevelErrors(request.referenceQualification?.level, '/referenceQualification/level'),
    );
    if (request.validationExtent === 'partial' && request.pathToFullQualification === undefined) {
      errors.push({ pointer: '/pathToFullQualification', detail: 'is required for a partial validation: say what remains to be done' });
    }
    if (request.validationExtent === 'full' && (request.pathToFullQualification?.remainingUnits?.length ?? 0) > 0) {
      errors.push({ pointer: '/pathToFullQualification/remainingUnits', detail: 'must be empty for a full validation' });
    }
    errors.push(...linkedCredentialErrors(request.reliedOn ?? [], '/reliedOn'));
    const evidenceUrls = new Set((request.evidence ?? []).map((item) => item.url));
    for (const [index, experience] of request.workExperience.entries()) {
      errors.push(...occupationErrors(experience.occupation, `/workExperience/${index}/occupation`));
      if (experience.endDate !== undefined && experience.endDate < experience.startDate) {
        errors.push({ pointer: `/workExperience/${index}/endDate`, detail: 'must not be before startDate' });
      }
      for (const [position, url] of (experience.attestations ?? []).entries()) {
        // An attestation is only worth something if the verifier can check its digest, which /evidence carries.
        if (!evidenceUrls.has(url))
          errors.push({ pointer: `/workExperience/${index}/attestations/${position}`, detail: 'must be the url of an entry in /evidence' });
      }
    }
    return errors;
  },

  build(request, context) {
    const primary = request.primaryLanguage;
    const units = request.validatedUnits;
    const id = achievementId(context.issuer.did, 'validated-skills', {
      title: request.title,
      validationBody: request.validationBody.id,
      extent: request.validationExtent,
      referenceQualification: request.referenceQualification ?? null,
      referenceOccupation: request.referenceOccupation ?? null,
      units: units.map((unit) => unit.code ?? unit.title),
    });
    const level = request.referenceQualification?.level;
    const achievement = {
      id,
      type: ['Achievement'],
      // Full validation awards the qualification; partial validation certifies competences towards it.
      achievementType: request.validationExtent === 'full' ? 'Certification' : 'Competency',
      ...textTerms('name', request.title, primary),
      ...textTerms('description', request.description, primary),
      criteria:
        request.criteria === undefined
          ? { narrative: units.map((unit) => `- ${unit.code === undefined ? '' : `${unit.code} `}${primaryText(unit.title, primary)}`).join('\n') }
          : textTerms('narrative', request.criteria, primary),
      // The validation body defines what it validated: the units, against its reference.
      creator: organisationProfile(request.validationBody, primary),
      alignment: distinctAlignments([
        // Only a full validation reaches the qualification's level; a partial one states it on referenceQualification alone.
        ...(request.validationExtent === 'full' && level !== undefined ? [frameworkLevelAlignment(level)] : []),
        ...(request.referenceOccupation === undefined ? [] : occupationAlignments(request.referenceOccupation)),
        ...units.flatMap((unit) => (unit.escoSkills ?? []).map(escoSkillAlignment)),
      ]),
      competenceUnit: units.map((unit) => unitNode(unit, primary)),
      ...(request.referenceQualification === undefined ? {} : { referenceQualification: qualificationNode(request.referenceQualification, primary) }),
      ...(request.validationScheme === undefined
        ? {}
        : {
            validationScheme: {
              type: ['ValidationScheme'],
              ...textTerms('name', request.validationScheme.name, primary),
              ...(request.validationScheme.legalBasis === undefined ? {} : { legalBasis: request.validationScheme.legalBasis }),
            },
          }),
    };
    const path = request.pathToFullQualification;
    const credential = ob3Credential({
      profile: 'validated-skills',
      request,
      context,
      achievement,
      subject: {
        validationExtent: request.validationExtent,
        learningSetting: request.learningSetting ?? 'informal',
        validationBody: organisationProfile(request.validationBody, primary),
        ...(request.decision === undefined ? {} : { decisionReference: request.decision.number, decisionDate: request.decision.date }),
        assessment: request.assessments.map((assessment) => assessmentNode(assessment, primary)),
        workExperience: request.workExperience.map((experience) => workExperienceNode(experience, primary)),
        ...(path === undefined
          ? {}
          : {
              pathToQualification: {
                type: ['QualificationPath'],
                ...textTerms('description', path.description, primary),
                ...(path.remainingUnits === undefined || path.remainingUnits.length === 0
                  ? {}
                  : { remainingUnit: path.remainingUnits.map((unit) => unitNode(unit, primary)) }),
              },
            }),
        result: [{ type: ['Result'], status: 'Completed' }],
      },
      awardedDate: request.validationDate,
    });
    return request.reliedOn === undefined || request.reliedOn.length === 0
      ? credential
      : { ...credential, relatedResource: relatedResources(request.reliedOn) };
  },
};
