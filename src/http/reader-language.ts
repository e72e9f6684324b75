import type { Request } from 'express';
import { negotiateLanguage, primarySubtag, type PageLanguage } from '../present/i18n/messages.js';

/**
 * The language a JSON report answers in: the body's own `lang` when the request has one,
 * else `?lang=`, else Accept-Language; fr, en, de, es or ar, anything else English.
 */
export function readerLanguage(req: Request, bodyLang: unknown): PageLanguage {
  const asked = typeof bodyLang === 'string' ? primarySubtag(bodyLang) : typeof req.query.lang === 'string' ? primarySubtag(req.query.lang) : undefined;
  return negotiateLanguage(asked, req.headers['accept-language']);
}
