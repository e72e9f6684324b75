import { directionOf, primarySubtag } from './i18n/messages.js';

/** A text picked for a reader: in their language when the issuer gave it, else the primary one. */
export interface LocalizedText {
  text: string;
  /** BCP 47 tag of `text`, when the credential says. */
  language?: string;
  direction: 'ltr' | 'rtl' | 'auto';
  /** True when `text` is not in the requested language (the page says so). */
  fallback: boolean;
}

interface ValueObject {
  '@value': string;
  '@language'?: string;
  '@direction'?: string;
}

const isValueObject = (value: unknown): value is ValueObject =>
  value !== null && typeof value === 'object' && typeof (value as ValueObject)['@value'] === 'string';

/**
 * Reads a VC 2.0 text value — a plain string, a `{@value, @language, @direction}` object or
 * an array of them — for a reader of `wanted`. Without a match, the `primary` language (the
 * credential's own) is used, then the first value given.
 */
export function pickText(value: unknown, wanted: string, primary?: string): LocalizedText | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : { text: value, direction: 'auto', fallback: false };
  const candidates = (Array.isArray(value) ? value : [value]).filter(isValueObject);
  if (candidates.length === 0) {
    const plain = Array.isArray(value) ? value.find((entry): entry is string => typeof entry === 'string') : undefined;
    return plain === undefined ? undefined : { text: plain, direction: 'auto', fallback: false };
  }
  const inLanguage = (language: string | undefined) =>
    language === undefined
      ? undefined
      : candidates.find((entry) => entry['@language'] !== undefined && primarySubtag(entry['@language']) === primarySubtag(language));
  const untagged = candidates.find((entry) => entry['@language'] === undefined);
  const chosen = inLanguage(wanted) ?? inLanguage(primary) ?? untagged ?? candidates[0];
  if (chosen === undefined) return undefined;
  const language = chosen['@language'];
  const declared = chosen['@direction'];
  return {
    text: chosen['@value'],
    ...(language === undefined ? {} : { language }),
    direction: declared === 'rtl' || declared === 'ltr' ? declared : language === undefined ? 'auto' : directionOf(language),
    fallback: language !== undefined && primarySubtag(language) !== primarySubtag(wanted),
  };
}

/**
 * The credential's primary language: an explicit marker when a profile sets one, else
 * the language of the first tagged achievement name, else none.
 */
export function primaryLanguageOf(credential: Record<string, unknown>): string | undefined {
  const subject = firstObject(credential.credentialSubject);
  const achievement = firstObject(subject?.achievement);
  for (const marker of [credential.primaryLanguage, achievement?.primaryLanguage, credential.inLanguage, achievement?.inLanguage]) {
    if (typeof marker === 'string' && marker !== '') return marker;
  }
  for (const value of [achievement?.name, credential.name]) {
    const first = (Array.isArray(value) ? value : [value]).find(isValueObject);
    if (first?.['@language'] !== undefined) return first['@language'];
  }
  return undefined;
}

export function firstObject(value: unknown): Record<string, unknown> | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return first !== null && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : undefined;
}

/**
 * A node's `name` or `description` in every language the credential gives: the plain term (in
 * the primary language) and each OB 3.0 `related` translation (`inLanguage` + the term), as
 * language values for `pickText`. Credentials issued before issue #12 carry `localizedName` /
 * `localizedDescription` instead; those are read first.
 */
export function translatedText(node: Record<string, unknown>, term: 'name' | 'description', primary: string | undefined): unknown {
  const legacy = node[term === 'name' ? 'localizedName' : 'localizedDescription'];
  if (legacy !== undefined) return legacy;
  const plain = node[term];
  const related = (Array.isArray(node.related) ? node.related : []).filter(
    (entry): entry is Record<string, unknown> =>
      entry !== null &&
      typeof entry === 'object' &&
      typeof (entry as Record<string, unknown>).inLanguage === 'string' &&
      typeof (entry as Record<string, unknown>)[term] === 'string',
  );
  if (related.length === 0 || typeof plain !== 'string' || primary === undefined) return plain;
  return [{ '@value': plain, '@language': primary }, ...related.map((entry) => ({ '@value': entry[term], '@language': entry.inLanguage }))];
}
