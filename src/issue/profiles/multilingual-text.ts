import type { FieldError } from '../../shared/problems.js';

/** A display text in a request: one string (in the primary language) or a map by BCP 47 tag. */
export type TextInput = string | Readonly<Record<string, string>>;

/** A VC 2.0 language value object (VC DM 2.0 §11.1). */
export interface LanguageValue {
  '@value': string;
  '@language': string;
}

/**
 * Open Badges 3.0 types `name`, `description` and `narrative` as plain strings, so
 * they carry the primary-language text that every OB 3.0 wallet shows; every
 * language, the primary one included, goes into the matching `localized…` term as
 * language value objects.
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

/** `{name, localizedName}` (or description / narrative) for one text. */
export function textTerms<K extends 'name' | 'description' | 'narrative'>(
  term: K,
  text: TextInput | undefined,
  primaryLanguage: string,
): Partial<Record<K | `localized${Capitalize<K>}`, unknown>> {
  if (text === undefined) return {};
  const localized = `localized${term.charAt(0).toUpperCase()}${term.slice(1)}` as `localized${Capitalize<K>}`;
  return { [term]: primaryText(text, primaryLanguage), [localized]: languageValues(text, primaryLanguage) } as Partial<
    Record<K | `localized${Capitalize<K>}`, unknown>
  >;
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
