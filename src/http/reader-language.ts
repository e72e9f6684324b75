import type { Request } from 'express';
import { negotiateLanguage, primarySubtag, type PageLanguage } from '../present/i18n/messages.js';

/**
 * The language a JSON report answers in: the body's own `lang` when the request has one,
 * else `?lang=`, else Accept-Language; fr, en, de, es or ar, anything else English.
 */
export function readerLanguage(req: Request, bodyLang: unknown): PageLanguage {
  return languageAsked(bodyLang, req.query.lang, req.headers['accept-language']);
}

/** readerLanguage from its three sources, for a request Express never parsed. */
export function languageAsked(bodyLang: unknown, queryLang: unknown, acceptLanguage: string | undefined): PageLanguage {
  const asked = typeof bodyLang === 'string' ? primarySubtag(bodyLang) : typeof queryLang === 'string' ? primarySubtag(queryLang) : undefined;
  return negotiateLanguage(asked, acceptLanguage);
}
