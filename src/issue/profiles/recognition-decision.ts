import type { FieldError } from '../../shared/problems.js';
import { frameworkLevelErrors } from './claimed-level-rules.js';
import { frameworkLevelAlignment, ownAlignment, type Alignment, type FrameworkLevelInput } from './framework-alignment.js';
import { ALIGNMENT_TARGETS, OWN_TARGET_BASE, RESULT_TYPES } from '../../ob3/vocabulary.js';
import { factResult, type FactResult } from './outcomes-and-results.js';
import { primaryText, textTerms, type TextInput } from './multilingual-text.js';
import {
  achievementId,
  commonRequestErrors,
  ob3Credential,
  organisationProfile,
  primaryLanguageErrors,
  qualificationAlignments,
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

function occupationAlignmentsOf(occupation: NonNullable<RecognitionDecisionRequest['reference']['occupation']>, primary: string): Alignment[] {
  const name = primaryText(occupation.name, primary);
  return [
    ...(occupation.kldb === undefined
      ? []
      : [
          {
            type: ['Alignment'] as ['Alignment'],
            targetType: ALIGNMENT_TARGETS.occupation,
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
            type: ['Alignment'] as ['Alignment'],
            targetType: ALIGNMENT_TARGETS.occupation,
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
    const facts: FactResult[] = [
      // What was decided is the result of the procedure.
      factResult({
        id: `${id}#decision`,
        name: 'Decision',
        resultType: RESULT_TYPES.recognitionDecision,
        value: request.decisionType,
        allowedValue: ['refused', 'units-validated', 'partial-equivalence', 'full-equivalence'],
      }),
      ...(request.differences ?? []).map((text, index) =>
        factResult({ id: `${id}#difference-${index + 1}`, name: primaryText(text, primary), resultType: RESULT_TYPES.substantialDifference }),
      ),
      ...(request.compensatoryMeasures ?? []).map((measure, index) =>
        factResult({
          id: `${id}#measure-${index + 1}`,
          name: measure.description === undefined ? measure.type : primaryText(measure.description, primary),
          resultType: RESULT_TYPES.compensatoryMeasure,
          // Its duration, when given, as an ISO 8601 duration.
          ...(measure.durationMonths === undefined ? {} : { value: `P${measure.durationMonths}M` }),
          alignment: [
            ownAlignment({
              targetType: ALIGNMENT_TARGETS.measureType,
              targetCode: measure.type,
              targetName: measure.type,
              targetUrl: `${OWN_TARGET_BASE}compensatory-measures/${measure.type}`,
            }),
          ],
        }),
      ),
    ];
    const achievement = {
      id,
      type: ['Achievement'],
      achievementType: 'ext:RecognitionDecision',
      ...textTerms('name', request.title, primary),
      ...textTerms('description', request.description, primary),
      criteria: { narrative: `${request.legalBasis} — ${request.decisionType}` },
      // The body that decided defines what it decided.
      creator: organisationProfile(request.decisionBody, primary),
      alignment: [
        // Only a full equivalence gives the holder the reference qualification's level.
        ...(request.decisionType === 'full-equivalence' && level !== undefined ? [frameworkLevelAlignment(level)] : []),
        ...(occupation === undefined ? [] : occupationAlignmentsOf(occupation, primary)),
        ...(qualification === undefined ? [] : qualificationAlignments(qualification, 'reference', `${id}#reference-qualification`, primary)),
        ...(request.validatedUnits ?? []).map((unit, index) =>
          ownAlignment({
            targetType: ALIGNMENT_TARGETS.competenceUnit,
            targetName: primaryText(unit.title, primary),
            targetUrl: `${id}#unit-${index + 1}`,
            ...(unit.code === undefined ? {} : { targetCode: unit.code }),
          }),
        ),
        ownAlignment({ targetType: ALIGNMENT_TARGETS.legalBasis, targetName: request.legalBasis, targetUrl: `${id}#legal-basis` }),
      ],
      resultDescription: facts.map((fact) => fact.resultDescription),
    };
    const credential = ob3Credential({
      profile: 'recognition-decision',
      request,
      context,
      achievement,
      texts: { name: request.title, description: request.description },
      subject: {
        // The decision's number is "the license number issued with this credential" (OB 3.0 licenseNumber).
        licenseNumber: request.decisionNumber,
        result: facts.map((fact) => fact.result),
      },
      awardedDate: request.decisionDate,
    });
    return { ...credential, relatedResource: relatedResources(request.assessedCredentials) };
  },
};
