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

/** Our alignment target types (OB 3.0 allows `ext:` extensions). */
export const FRAMEWORK_LEVEL_TARGET = 'ext:FrameworkLevel';
export const FIELD_OF_STUDY_TARGET = 'ext:FieldOfStudy';

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
