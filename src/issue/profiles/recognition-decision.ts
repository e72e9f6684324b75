import { credentialDigestMultibase } from '../../shared/credential-digest.js';
import type { FieldError } from '../../shared/problems.js';
import { parseVerifiable } from '../../verify/parse-input.js';
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

export type DecisionType = 'full-equivalence' | 'partial-equivalence' | 'units-validated' | 'refused';

/** A credential the decision was about: the credential itself, or its id and digest. */
export type AssessedCredentialInput = { credential: unknown; name?: string } | { id: string; digestMultibase: string; name?: string };

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

/** The id a linked credential is known by: the `id` of the credential (for VC-JOSE, of the JWT payload). */
function assessedLink(input: AssessedCredentialInput): { id?: string; digestMultibase?: string; name?: string } {
  const name = input.name === undefined ? {} : { name: input.name };
  if ('id' in input) return { id: input.id, digestMultibase: input.digestMultibase, ...name };
  let id: string | undefined;
  try {
    const parsed = parseVerifiable(input.credential).credential;
    id = typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    id = undefined;
  }
  const digest = credentialDigestMultibase(input.credential);
  return { ...(id === undefined ? {} : { id }), ...(digest === undefined ? {} : { digestMultibase: digest }), ...name };
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
    const seen = new Set<string>();
    request.assessedCredentials.forEach((input, index) => {
      const link = assessedLink(input);
      if (link.id === undefined)
        errors.push({ pointer: `/assessedCredentials/${index}/credential`, detail: 'must be a credential with an id, so the link can name it' });
      else if (seen.has(link.id)) errors.push({ pointer: `/assessedCredentials/${index}`, detail: `links ${link.id} a second time` });
      else seen.add(link.id);
      if (link.digestMultibase === undefined)
        errors.push({ pointer: `/assessedCredentials/${index}/credential`, detail: 'is not JSON that a digest can be computed over' });
    });
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

/** VC DM 2.0 §5.3: each linked credential by id and digest (z-base58btc SHA-256 of its JCS form). */
export function relatedResources(inputs: AssessedCredentialInput[]): Record<string, unknown>[] {
  return inputs.map((input) => {
    const link = assessedLink(input);
    return { id: link.id, digestMultibase: link.digestMultibase, ...(link.name === undefined ? {} : { name: link.name }) };
  });
}
