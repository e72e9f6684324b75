import type { FieldError } from '../../shared/problems.js';

/** A display text in a request: one string (in the primary language) or a map by BCP 47 tag. */
export type TextInput = string | Readonly<Record<string, string>>;

/** A VC 2.0 language value object (VC DM 2.0 §11.1). */
export interface LanguageValue {
  '@value': string;
  '@language': string;
}

/**
 * Open Badges 3.0 types `name`, `description` and `narrative` as plain strings (the 1EdTech
 * schema refuses language value objects there), so they carry the primary-language text that
 * every OB 3.0 wallet shows. The achievement's other languages are OB 3.0 `related` entries,
 * one per language (`achievementTranslations`); other nodes keep the primary language only,
 * since OB 3.0 has no standard place for their translations (docs/vocabulary.md).
 *
 * No `@direction`: eddsa-rdfc-2022 canonicalises in JSON-LD safe mode, which refuses
 * `@direction` ("rdfDirection not set"), so a signed credential could not carry it.
 * The direction follows from the language tag instead (see `directionOf`).
 */
export function primaryText(text: TextInput, primaryLanguage: string): string {
  if (typeof text === 'string') return text;
  // The request check guarantees the primary language is present; this is the fallback for code paths without one.
  return text[primaryLanguage] ?? Object.values(text)[0] ?? '';
}

export function languageValues(text: TextInput, primaryLanguage: string): LanguageValue[] {
  const entries = typeof text === 'string' ? [[primaryLanguage, text] as const] : Object.entries(text);
  // The primary language first, then the others in the order given: readers that take the first value get the primary one.
  return [...entries]
    .sort(([a], [b]) => Number(b === primaryLanguage) - Number(a === primaryLanguage))
    .map(([language, value]) => ({ '@value': value, '@language': language }));
}

/** `{name}` (or description / narrative) for one text: the primary-language string. */
export function textTerms<K extends 'name' | 'description' | 'narrative'>(
  term: K,
  text: TextInput | undefined,
  primaryLanguage: string,
): Partial<Record<K, string>> {
  if (text === undefined) return {};
  return { [term]: primaryText(text, primaryLanguage) } as Partial<Record<K, string>>;
}

/**
 * The achievement in its other languages, as OB 3.0 `Related` entries (id, `inLanguage`, and the
 * `name` and `description` in that language): the one standard place OB 3.0 has for "the same
 * achievement in another language". The primary language is the achievement itself.
 */
export function achievementTranslations(
  achievementId: string,
  name: TextInput,
  description: TextInput | undefined,
  primaryLanguage: string,
): Array<Record<string, unknown>> {
  const names = typeof name === 'string' ? {} : name;
  const descriptions = description === undefined || typeof description === 'string' ? {} : description;
  const languages = [...new Set([...Object.keys(names), ...Object.keys(descriptions)])].filter((language) => language !== primaryLanguage);
  return languages.map((language) => ({
    id: `${achievementId}#${language}`,
    type: ['Related'],
    inLanguage: language,
    ...(names[language] === undefined ? {} : { name: names[language] }),
    ...(descriptions[language] === undefined ? {} : { description: descriptions[language] }),
  }));
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg']);

/**
 * The base direction a display should use for a language tag: an explicit script
 * subtag decides (`ber-Tfng` is LTR, `ms-Arab` RTL), else the language's usual script.
 * N'Ko (`nqo`) and Adlam (`ff-Adlm`, used for Pular in Senegal) are RTL too.
 */
export function directionOf(languageTag: string): 'ltr' | 'rtl' {
  const [language = '', ...subtags] = languageTag.toLowerCase().split('-');
  const script = subtags.find((subtag) => subtag.length === 4);
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(language) || language === 'nqo' ? 'rtl' : 'ltr';
}

/**
 * A text given as a map must contain the primary language: otherwise the plain
 * `name` that OB 3.0 readers show would be in a language nobody chose.
 */
export function missingPrimary(text: TextInput | undefined, primaryLanguage: string, pointer: string): FieldError[] {
  if (text === undefined || typeof text === 'string' || text[primaryLanguage] !== undefined) return [];
  return [{ pointer, detail: `must have a text in the primary language "${primaryLanguage}" (has ${Object.keys(text).join(', ')})` }];
}
