/**
 * The Open Badges 3.0 vocabulary Passerelle reads and writes, in one place: the CEFR
 * scale, the language skills, result statuses, the alignment target types of our
 * profiles, and language codes. Issue (profiles), verify, requirements, the page and
 * the PDF all import from here.
 */

/** In order: a level's index is its rank, so "at least" is a comparison of indexes. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export const LANGUAGE_SKILLS = ['listening', 'reading', 'writing', 'speaking'] as const;
export type LanguageSkill = (typeof LANGUAGE_SKILLS)[number];

/** A CEFR scale in a language credential: the overall level, or one skill. */
export type CefrScale = 'overall' | LanguageSkill;

export function isCefrLevel(value: unknown): value is CefrLevel {
  return typeof value === 'string' && (CEFR_LEVELS as readonly string[]).includes(value);
}

/** -1 for anything that is not a CEFR level (case-insensitive). */
export function cefrRank(level: string): number {
  return (CEFR_LEVELS as readonly string[]).indexOf(level.toUpperCase());
}

/**
 * OB 3.0 ResultStatusType. Only a completed result (or one that states no status) is
 * a level reached: a Failed exam names the level it did not reach.
 */
export const RESULT_STATUSES = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'] as const;
export function isPassedResult(status: unknown): boolean {
  return status === undefined || status === 'Completed';
}

/**
 * Our alignment target types (OB 3.0 AlignmentTargetType allows `ext:` extensions). Each says
 * what an `achievement.alignment` entry stands for, so nothing needs a term of our own
 * (docs/vocabulary.md): a level the holder reached, the level of a qualification the
 * achievement only refers to, a unit, a programme…
 */
export const FRAMEWORK_LEVEL_TARGET = 'ext:FrameworkLevel';
export const FIELD_OF_STUDY_TARGET = 'ext:FieldOfStudy';
export const ALIGNMENT_TARGETS = {
  /** A level in a framework the holder reached (EQF, a national framework, CEFR on a rubric level). */
  frameworkLevel: FRAMEWORK_LEVEL_TARGET,
  fieldOfStudy: FIELD_OF_STUDY_TARGET,
  occupation: 'ext:Occupation',
  competency: 'ceasn:Competency',
  /** The qualification a validation or a decision refers to, and its level (not reached unless also a frameworkLevel). */
  referenceQualification: 'ext:ReferenceQualification',
  referenceQualificationLevel: 'ext:ReferenceQualificationLevel',
  /** The programme a module belongs to, the qualification it leads to, and that qualification's level. */
  programme: 'ext:Programme',
  targetQualification: 'ext:TargetQualification',
  targetQualificationLevel: 'ext:TargetQualificationLevel',
  /** A unit of competence validated, or one that remains to be done for the full qualification. */
  competenceUnit: 'ext:CompetenceUnit',
  remainingUnit: 'ext:RemainingUnit',
  learningOutcome: 'ext:LearningOutcome',
  validationScheme: 'ext:ValidationScheme',
  legalBasis: 'ext:LegalBasis',
  /** On a ResultDescription: which CEFR scale it is (overall, listening…). */
  languageSkill: 'ext:LanguageSkill',
  /** On a ResultDescription: the kind of a compensatory measure; the country of a work period. */
  measureType: 'ext:CompensatoryMeasureType',
  country: 'ext:Country',
} as const;

/**
 * Our ResultDescription result types (OB 3.0 ResultType allows `ext:` extensions): facts about
 * the holder's learning, each a ResultDescription on the achievement and a Result on the subject.
 */
export const RESULT_TYPES = {
  /** Hours of learning, as an ISO 8601 duration (PT120H). */
  volumeOfLearning: 'ext:VolumeOfLearning',
  theoryVolume: 'ext:TheoryVolume',
  practiceVolume: 'ext:PracticeVolume',
  /** A module of the programme followed; its value, when given, is its volume (PT420H). */
  curriculumModule: 'ext:CurriculumModule',
  /** Credits earned in a named credit system (the description's name: ECTS…). */
  credits: 'ext:Credits',
  learningMode: 'ext:LearningMode',
  learningSetting: 'ext:LearningSetting',
  validationExtent: 'ext:ValidationExtent',
  /** A period of work: the value is an ISO 8601 interval (2019-04-01/2019-10-31, or open: 2019-04-01/..). */
  workExperience: 'ext:WorkExperience',
  hoursWorked: 'ext:HoursWorked',
  recognitionDecision: 'ext:RecognitionDecision',
  substantialDifference: 'ext:SubstantialDifference',
  /** The value, when given, is the measure's duration (P6M). */
  compensatoryMeasure: 'ext:CompensatoryMeasure',
} as const;

/** OB 3.0 IdentityObject types of ours: values given in clear (`hashed: false`), not the hashed document numbers. */
export const CLEAR_IDENTITY_TYPES = { dateOfBirth: 'ext:dateOfBirth', candidateNumber: 'ext:candidateNumber' } as const;

/** Evidence genres of ours: how the holder was assessed; the official accreditation decision of a validation. */
export const EVIDENCE_GENRES = { assessment: 'Assessment', accreditationDecision: 'AccreditationDecision' } as const;

/** Base of the URLs our alignments use where the thing has no published URI (never dereferenced). */
export const OWN_TARGET_BASE = 'https://w3id.org/passerelle/';

/** ISO 639-2/B and 639-2/T (and 639-3) codes of the languages our users certify, to ISO 639-1. */
const ISO_639_1: Readonly<Record<string, string>> = {
  deu: 'de',
  ger: 'de',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  eng: 'en',
  ara: 'ar',
  arb: 'ar',
  ary: 'ar',
  por: 'pt',
  lit: 'lt',
  nld: 'nl',
  dut: 'nl',
  ita: 'it',
  cat: 'ca',
  eus: 'eu',
  baq: 'eu',
  glg: 'gl',
  pol: 'pl',
  ron: 'ro',
  rum: 'ro',
  tur: 'tr',
  zgh: 'zgh',
  ber: 'ber',
  wol: 'wo',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
};

/**
 * One form for a language: ISO 639-1 where it exists, lower case, without region or
 * script ("deu", "ger", "de-AT", "DE" → "de"). Applied at issue and at query, so
 * "German" is one language whatever code the credential or the question used.
 */
export function normaliseLanguage(tag: string): string {
  const primary = (tag.trim().toLowerCase().split(/[-_]/)[0] ?? '').trim();
  return ISO_639_1[primary] ?? primary;
}
