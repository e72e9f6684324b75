import type { FieldError } from '../../shared/problems.js';
import { frameworkLevelErrors } from './claimed-level-rules.js';
import { frameworkLevelAlignment, type FrameworkLevelInput } from './framework-alignment.js';
import { primaryText, textTerms, type TextInput } from './multilingual-text.js';
import {
  achievementId,
  commonRequestErrors,
  ob3Credential,
  organisationProfile,
  primaryLanguageErrors,
  qualificationNode,
  type CommonRequest,
  type OrganisationInput,
} from './ob3-credential.js';
import type { ProfileDefinition } from './profile-definition.js';
import { linkedCredentialErrors, relatedResources, type AssessedCredentialInput } from './related-credentials.js';

export type DecisionType = 'full-equivalence' | 'partial-equivalence' | 'units-validated' | 'refused';

export interface RecognitionDecisionRequest extends CommonRequest {
  profile: 'recognition-decision';
  title: TextInput;
  description: TextInput;
  decisionType: DecisionType;
  decisionBody: OrganisationInput & { id: string };
  decisionNumber: string;
  decisionDate: string;
  legalBasis: string;
  reference: {
    occupation?: { name: TextInput; kldb?: string; isco08?: string };
    qualification?: { id?: string; name: TextInput; code?: string; level?: FrameworkLevelInput };
  };
  differences?: TextInput[];
  validatedUnits?: Array<{ code?: string; title: TextInput }>;
  compensatoryMeasures?: Array<{
    type: 'adaptation-period' | 'aptitude-test' | 'knowledge-test' | 'training';
    description?: TextInput;
    durationMonths?: number;
  }>;
  assessedCredentials: AssessedCredentialInput[];
}

function occupationAlignmentsOf(occupation: NonNullable<RecognitionDecisionRequest['reference']['occupation']>, primary: string): Record<string, unknown>[] {
  const name = primaryText(occupation.name, primary);
  return [
    ...(occupation.kldb === undefined
      ? []
      : [
          {
            type: ['Alignment'],
            targetType: 'ext:Occupation',
            frameworkId: 'kldb-2010',
            targetFramework: 'KldB 2010',
            targetCode: occupation.kldb,
            targetName: name,
            // KldB codes have no published URIs; ours names the code and is never dereferenced.
            targetUrl: `https://w3id.org/passerelle/classifications/kldb-2010/${occupation.kldb}`,
          },
        ]),
    ...(occupation.isco08 === undefined
      ? []
      : [
          {
            type: ['Alignment'],
            targetType: 'ext:Occupation',
            frameworkId: 'isco-08',
            targetFramework: 'ISCO-08',
            targetCode: occupation.isco08,
            targetName: name,
            targetUrl: `http://data.europa.eu/esco/isco/C${occupation.isco08}`,
          },
        ]),
  ];
}

export const recognitionDecisionProfile: ProfileDefinition<RecognitionDecisionRequest> = {
  name: 'recognition-decision',
  title: 'Recognition decision (equivalence, partial equivalence, units validated, refusal)',
  summary:
    'What a recognition or validation body decided about a dossier, for the worker to show next: the decision type, the reference (a German reference occupation by KldB/ISCO, or a national qualification and its level), legal basis, decision number and date, the differences and compensatory measures with their scope, and each credential assessed, linked by id and digest (relatedResource with digestMultibase).',

  requestErrors(request) {
    const errors: FieldError[] = [
      ...commonRequestErrors(request),
      ...primaryLanguageErrors(request.primaryLanguage, [
        [request.title, '/title'],
        [request.description, '/description'],
        [request.decisionBody.name, '/decisionBody/name'],
        [request.reference.occupation?.name, '/reference/occupation/name'],
        [request.reference.qualification?.name, '/reference/qualification/name'],
        ...(request.differences ?? []).map((text, index): [TextInput, string] => [text, `/differences/${index}`]),
        ...(request.validatedUnits ?? []).map((unit, index): [TextInput, string] => [unit.title, `/validatedUnits/${index}/title`]),
        ...(request.compensatoryMeasures ?? []).map((measure, index): [TextInput | undefined, string] => [
          measure.description,
          `/compensatoryMeasures/${index}/description`,
        ]),
      ]),
      ...frameworkLevelErrors(request.reference.qualification?.level, '/reference/qualification/level'),
    ];
    if (request.decisionType === 'partial-equivalence' && (request.differences ?? []).length === 0) {
      errors.push({ pointer: '/differences', detail: 'is required for a partial equivalence: list the substantial differences found' });
    }
    if (request.decisionType === 'units-validated' && (request.validatedUnits ?? []).length === 0) {
      errors.push({ pointer: '/validatedUnits', detail: 'is required when units are validated: list them' });
    }
    if (request.decisionType === 'full-equivalence' && (request.compensatoryMeasures ?? []).length > 0) {
      errors.push({ pointer: '/compensatoryMeasures', detail: 'must be empty for a full equivalence: no measure is owed' });
    }
    errors.push(...linkedCredentialErrors(request.assessedCredentials, '/assessedCredentials'));
    return errors;
  },

  build(request, context) {
    const primary = request.primaryLanguage;
    const { occupation, qualification } = request.reference;
    const id = achievementId(context.issuer.did, 'recognition-decision', {
      title: request.title,
      decisionBody: request.decisionBody.id,
      decisionType: request.decisionType,
      reference: request.reference,
    });
    const level = qualification?.level;
    const achievement = {
      id,
      type: ['Achievement'],
      achievementType: 'ext:RecognitionDecision',
      ...textTerms('name', request.title, primary),
      ...textTerms('description', request.description, primary),
      criteria: { narrative: `${request.legalBasis} — ${request.decisionType}` },
      creator: organisationProfile(request.decisionBody, primary),
      alignment: [
        // Only a full equivalence gives the holder the reference qualification's level.
        ...(request.decisionType === 'full-equivalence' && level !== undefined ? [frameworkLevelAlignment(level)] : []),
        ...(occupation === undefined ? [] : occupationAlignmentsOf(occupation, primary)),
      ],
      ...(qualification === undefined ? {} : { referenceQualification: qualificationNode(qualification, primary) }),
      ...((request.validatedUnits ?? []).length === 0
        ? {}
        : {
            competenceUnit: (request.validatedUnits ?? []).map((unit) => ({
              type: ['CompetenceUnit'],
              ...(unit.code === undefined ? {} : { unitCode: unit.code }),
              ...textTerms('name', unit.title, primary),
            })),
          }),
    };
    const credential = ob3Credential({
      profile: 'recognition-decision',
      request,
      context,
      achievement,
      subject: {
        recognitionDecision: {
          type: ['RecognitionDecision'],
          decisionType: request.decisionType,
          decisionNumber: request.decisionNumber,
          decisionDate: request.decisionDate,
          legalBasis: request.legalBasis,
          decisionBody: organisationProfile(request.decisionBody, primary),
          ...(occupation === undefined
            ? {}
            : {
                referenceOccupation: {
                  type: ['Occupation'],
                  ...textTerms('name', occupation.name, primary),
                  alignment: occupationAlignmentsOf(occupation, primary),
                },
              }),
          ...((request.differences ?? []).length === 0
            ? {}
            : { difference: (request.differences ?? []).map((text) => ({ type: ['Difference'], ...textTerms('description', text, primary) })) }),
          ...((request.compensatoryMeasures ?? []).length === 0
            ? {}
            : {
                compensatoryMeasure: (request.compensatoryMeasures ?? []).map((measure) => ({
                  type: ['CompensatoryMeasure'],
                  measureType: measure.type,
                  ...(measure.description === undefined ? {} : textTerms('description', measure.description, primary)),
                  ...(measure.durationMonths === undefined ? {} : { durationMonths: measure.durationMonths }),
                })),
              }),
        },
        result: [{ type: ['Result'], status: 'Completed' }],
      },
      awardedDate: request.decisionDate,
    });
    return { ...credential, relatedResource: relatedResources(request.assessedCredentials) };
  },
};
