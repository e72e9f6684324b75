import { normaliseLanguage } from '../../ob3/vocabulary.js';
import type { FieldError } from '../../shared/problems.js';
import { LANGUAGE_SKILLS, cefrResult, cefrRubric, languageSkillAlignment, type CefrLevel, type CefrScale, type LanguageSkill } from './cefr.js';
import { CLEAR_IDENTITY_TYPES } from '../../ob3/vocabulary.js';
import { clearIdentity } from './holder-identity.js';
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
import type { ProfileDefinition } from './profile-definition.js';

export interface LanguageLevelRequest extends CommonRequest {
  profile: 'language-level';
  /** ISO 639 code of the language assessed, e.g. "de". */
  language: string;
  overallLevel?: CefrLevel;
  skillLevels?: Partial<Record<LanguageSkill, CefrLevel>>;
  exam: {
    /** e.g. "Goethe-Zertifikat B1", "DELE B2", "TCF tout public". */
    name: TextInput;
    provider: OrganisationInput & { id: string };
    date: string;
    centre?: OrganisationInput;
    /** The level the exam is set at, when it is set at one (Goethe B1: B1; TCF: none). */
    targetLevel?: CefrLevel;
    /** As printed on the certificate, so a recognition officer can have it confirmed by the provider. */
    certificateNumber?: string;
    candidateNumber?: string;
  };
  /** `date`: when the module was passed, where modules were taken on different dates (visa rules count from the oldest). */
  modulesPassed?: Array<{ name: TextInput; skills?: LanguageSkill[]; score?: string; date?: string }>;
  description?: TextInput;
  /** Date on the certificate, when it differs from the exam date. */
  certificateDate?: string;
}

/** The scales this credential states, overall first, then skills in CEFR order. */
function scalesOf(request: LanguageLevelRequest): Array<[CefrScale, CefrLevel]> {
  const scales: Array<[CefrScale, CefrLevel]> = request.overallLevel === undefined ? [] : [['overall', request.overallLevel]];
  for (const skill of LANGUAGE_SKILLS) {
    const level = request.skillLevels?.[skill];
    if (level !== undefined) scales.push([skill, level]);
  }
  return scales;
}

/** Language-neutral, since it is generated: "Goethe-Zertifikat B1 — de: CEFR B1 (listening B1, …)". */
function generatedDescription(request: LanguageLevelRequest): string {
  const skills = LANGUAGE_SKILLS.filter((skill) => request.skillLevels?.[skill] !== undefined).map((skill) => `${skill} ${request.skillLevels?.[skill]}`);
  const overall = request.overallLevel === undefined ? '' : `CEFR ${request.overallLevel}`;
  const detail = skills.length === 0 ? '' : `${overall === '' ? 'CEFR ' : ' '}(${skills.join(', ')})`;
  return `${primaryText(request.exam.name, request.primaryLanguage)} — ${request.language}: ${overall}${detail}`;
}

export const languageLevelProfile: ProfileDefinition<LanguageLevelRequest> = {
  name: 'language-level',
  title: 'Language level (CEFR)',
  summary:
    'A language certificate: the language (ISO 639), the CEFR level overall and per skill (listening, reading, writing, speaking) as OB 3.0 rubric levels aligned to CEFR, exam provider, exam name, date, centre and modules passed.',

  requestErrors(request) {
    const errors: FieldError[] = [
      ...commonRequestErrors(request),
      ...primaryLanguageErrors(request.primaryLanguage, [
        [request.exam.name, '/exam/name'],
        [request.exam.provider.name, '/exam/provider/name'],
        [request.exam.centre?.name, '/exam/centre/name'],
        [request.description, '/description'],
        ...(request.modulesPassed ?? []).map((module, index): [TextInput, string] => [module.name, `/modulesPassed/${index}/name`]),
      ]),
    ];
    if (request.overallLevel === undefined && (request.skillLevels === undefined || Object.keys(request.skillLevels).length === 0)) {
      // A language credential that states no level answers no question a verifier has.
      errors.push({ pointer: '/overallLevel', detail: 'is required when /skillLevels gives no skill' });
    }
    if (request.certificateDate !== undefined && request.certificateDate < request.exam.date) {
      errors.push({ pointer: '/certificateDate', detail: 'must not be before /exam/date' });
    }
    return errors;
  },

  build(request, context) {
    const primary = request.primaryLanguage;
    const id = achievementId(context.issuer.did, 'language-level', {
      exam: request.exam.name,
      provider: request.exam.provider.id,
      language: normaliseLanguage(request.language),
      targetLevel: request.exam.targetLevel ?? null,
    });
    const scales = scalesOf(request);
    const modules = (request.modulesPassed ?? []).map((module, index) => ({
      resultDescription: {
        id: `${id}#module-${index + 1}`,
        type: ['ResultDescription'],
        ...textTerms('name', module.name, primary),
        resultType: 'Status',
        ...(module.skills === undefined ? {} : { alignment: module.skills.map(languageSkillAlignment) }),
      },
      result: {
        type: ['Result'],
        resultDescription: `${id}#module-${index + 1}`,
        status: 'Completed',
        ...(module.score === undefined ? {} : { value: module.score }),
      },
    }));
    // Modules taken on other dates: the activity began with the oldest (age rules count from it); OB 3.0 dates results no other way.
    const moduleDates = (request.modulesPassed ?? []).map((module) => module.date).filter((date): date is string => date !== undefined);
    const oldest = [...moduleDates, request.exam.date].sort()[0] as string;
    const description = request.description ?? generatedDescription(request);
    const achievement = {
      id,
      type: ['Achievement'],
      achievementType: 'Certificate',
      ...textTerms('name', request.exam.name, primary),
      ...textTerms('description', description, primary),
      criteria: { narrative: primaryText(description, primary) },
      creator: organisationProfile(request.exam.provider, primary),
      // One form for a language (deu, ger, de-AT → de), so verifiers and requirements agree on it.
      inLanguage: normaliseLanguage(request.language),
      resultDescription: [
        // The target level is required on the overall scale only: that is what "passing a B1 exam" means.
        ...scales.map(([scale]) => cefrRubric(id, scale, primary, scale === 'overall' ? request.exam.targetLevel : undefined)),
        ...modules.map((module) => module.resultDescription),
      ],
    };
    return ob3Credential({
      profile: 'language-level',
      request,
      context,
      achievement,
      texts: { name: request.exam.name, description },
      // The candidate number identifies the holder at the exam provider: an IdentityObject in clear.
      holderIdentifiers: request.exam.candidateNumber === undefined ? [] : [clearIdentity(CLEAR_IDENTITY_TYPES.candidateNumber, request.exam.candidateNumber)],
      subject: {
        // The certificate number is "the license number issued with this credential" (OB 3.0 licenseNumber).
        ...(request.exam.certificateNumber === undefined ? {} : { licenseNumber: request.exam.certificateNumber }),
        ...(oldest < request.exam.date ? { activityStartDate: dateTime(oldest) } : {}),
        // The exam date: the end of the activity assessed.
        activityEndDate: dateTime(request.exam.date),
        // OB 3.0 `source`: who assessed on behalf of the issuer — the exam centre.
        // OB 3.0 requires a Profile id: a centre given without one gets a stable UUID from the issuer and its name and address.
        ...(request.exam.centre === undefined
          ? {}
          : { source: organisationProfile({ id: achievementId(context.issuer.did, 'exam-centre', request.exam.centre), ...request.exam.centre }, primary) }),
        result: [...scales.map(([scale, level]) => cefrResult(id, scale, level)), ...modules.map((module) => module.result)],
      },
      awardedDate: request.certificateDate ?? request.exam.date,
    });
  },
};
