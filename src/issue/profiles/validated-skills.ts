import { frameworkLevelErrors, qualificationLevelErrors } from './claimed-level-rules.js';
import type { FieldError } from '../../shared/problems.js';
import { assessmentEvidence, type AssessmentInput } from './assessment.js';
import { ALIGNMENT_TARGETS, EVIDENCE_GENRES, RESULT_TYPES } from '../../ob3/vocabulary.js';
import { factResult, type FactResult } from './outcomes-and-results.js';
import {
  countryAlignment,
  distinctAlignments,
  escoSkillAlignment,
  ownAlignment,
  type Alignment,
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
  qualificationAlignments,
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

/**
 * A unit of competence as an achievement alignment: validated (`ext:CompetenceUnit`) or still to
 * be done for the full qualification (`ext:RemainingUnit`); its code, its title, and the
 * reference qualification as the framework it belongs to.
 */
function unitAlignment(unit: CompetenceUnitInput, targetType: string, url: string, framework: string | undefined, primary: string): Alignment {
  return ownAlignment({
    targetType,
    targetName: primaryText(unit.title, primary),
    targetUrl: url,
    ...(unit.code === undefined ? {} : { targetCode: unit.code }),
    ...(framework === undefined ? {} : { targetFramework: framework }),
  });
}

/** ISO 8601 interval of a work period; an open end is `..` (ISO 8601-2). */
function periodOf(experience: WorkExperienceInput): string {
  return `${experience.startDate}/${experience.endDate ?? '..'}`;
}

/**
 * A period of work as facts (OB 3.0 has no work-experience class): a ResultDescription named by
 * the job title, the employer as its description, aligned to the country and the occupation,
 * with a Result whose value is the period (an ISO 8601 interval); the hours, when given, a
 * second fact (`<id>-hours`).
 */
function workExperienceFacts(experience: WorkExperienceInput, id: string, primary: string): FactResult[] {
  return [
    factResult({
      id,
      name: experience.jobTitle,
      description: primaryText(experience.employer.name, primary),
      resultType: RESULT_TYPES.workExperience,
      value: periodOf(experience),
      alignment: [countryAlignment(experience.country), ...(experience.occupation === undefined ? [] : occupationAlignments(experience.occupation))],
    }),
    ...(experience.hours === undefined
      ? []
      : [factResult({ id: `${id}-hours`, name: `${experience.jobTitle}: hours`, resultType: RESULT_TYPES.hoursWorked, value: String(experience.hours) })]),
  ];
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
    const reference = request.referenceQualification;
    const referenceName = reference === undefined ? undefined : primaryText(reference.name, primary);
    const path = request.pathToFullQualification;
    const facts: FactResult[] = [
      factResult({
        id: `${id}#extent`,
        name: 'Validation',
        resultType: RESULT_TYPES.validationExtent,
        value: request.validationExtent,
        allowedValue: ['partial', 'full'],
        // The path to the full qualification: what remains, in the issuer's words.
        ...(path === undefined ? {} : { description: primaryText(path.description, primary) }),
      }),
      factResult({
        id: `${id}#setting`,
        name: 'Learning setting',
        resultType: RESULT_TYPES.learningSetting,
        value: request.learningSetting ?? 'informal',
        allowedValue: ['informal', 'non-formal'],
      }),
      ...request.workExperience.flatMap((experience, index) => workExperienceFacts(experience, `${id}#work-${index + 1}`, primary)),
    ];
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
        // Only a full validation reaches the qualification's level; a partial one states it as the reference's level alone.
        ...(request.validationExtent === 'full' && level !== undefined ? [frameworkLevelAlignment(level)] : []),
        ...(reference === undefined ? [] : qualificationAlignments(reference, 'reference', `${id}#reference-qualification`, primary)),
        ...(request.referenceOccupation === undefined ? [] : occupationAlignments(request.referenceOccupation)),
        ...units.map((unit, index) => unitAlignment(unit, ALIGNMENT_TARGETS.competenceUnit, `${id}#unit-${index + 1}`, referenceName, primary)),
        ...(path?.remainingUnits ?? []).map((unit, index) =>
          unitAlignment(unit, ALIGNMENT_TARGETS.remainingUnit, `${id}#remaining-unit-${index + 1}`, referenceName, primary),
        ),
        ...units.flatMap((unit) => (unit.escoSkills ?? []).map(escoSkillAlignment)),
        ...(request.validationScheme === undefined
          ? []
          : [
              ownAlignment({
                targetType: ALIGNMENT_TARGETS.validationScheme,
                targetName: primaryText(request.validationScheme.name, primary),
                ...(request.validationScheme.legalBasis === undefined ? {} : { targetDescription: request.validationScheme.legalBasis }),
                targetUrl: `${id}#validation-scheme`,
              }),
            ]),
      ]),
      resultDescription: facts.map((fact) => fact.resultDescription),
    };
    const credential = ob3Credential({
      profile: 'validated-skills',
      request,
      context,
      achievement,
      texts: { name: request.title, description: request.description },
      subject: {
        // OB 3.0 `source`: who assessed on behalf of the issuer — the validation body.
        source: organisationProfile(request.validationBody, primary),
        result: [{ type: ['Result'], status: 'Completed' }, ...facts.map((fact) => fact.result)],
      },
      otherEvidence: [
        ...request.assessments.map((assessment) => assessmentEvidence(assessment, primary)),
        // The official accreditation decision, as case officers cite it: its number, and its date as narrative.
        ...(request.decision === undefined
          ? []
          : [{ type: ['Evidence'], genre: EVIDENCE_GENRES.accreditationDecision, name: request.decision.number, narrative: request.decision.date }]),
      ],
      awardedDate: request.validationDate,
    });
    return request.reliedOn === undefined || request.reliedOn.length === 0
      ? credential
      : { ...credential, relatedResource: relatedResources(request.reliedOn) };
  },
};
