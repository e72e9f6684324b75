import type { Verdict } from '../../verify/report.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

/** The page's languages, in the order the switcher shows them. */
export const PAGE_LANGUAGES = ['fr', 'en', 'de', 'es', 'ar'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

export type PageVerdict = Verdict | 'not-found';

/** Every string the page and the certificate show. One file per language implements it. */
export interface Messages {
  languageName: string;
  pageTitle: string;
  skipToContent: string;
  languageSwitcher: string;
  verdicts: Record<PageVerdict, { title: string; text: string }>;
  issuer: string;
  holder: string;
  achievement: string;
  achievementType: string;
  description: string;
  levels: string;
  languageLevels: string;
  skill: string;
  level: string;
  validFrom: string;
  validUntil: string;
  credentialId: string;
  checks: string;
  checkNames: Record<string, string>;
  outcomes: { success: string; failure: string; notApplicable: string; notRun: string; couldNotCheck: string; notRecognized: string };
  /** Shown beside a name the issuer gives itself when no authority recognizes it. */
  issuerOwnClaim: string;
  /** `{authority}` is replaced by the recognizing authority's name (or DID). */
  recognizedBy: string;
  /** What the reader can do when a check could not be completed, by the check that could not. */
  couldNotCheckAdvice: { 'issuer-key': string; status: string; trust: string; other: string };
  /** `{language}` is replaced by the language's name. */
  shownInOtherLanguage: string;
  detailsInEnglish: string;
  carriedInQr: string;
  checkingCarried: string;
  noScript: string;
  pasteTitle: string;
  pasteLabel: string;
  pasteHelp: string;
  uploadLabel: string;
  verifyButton: string;
  certificateLink: string;
  privacyNote: string;
  frameworkLevels: string;
  basis: { official: string; indicative: string; none: string };
  certificateTitle: string;
  awardedTo: string;
  issuedBy: string;
  issuedOn: string;
  scanToVerify: string;
  /** Caption of the optional OpenID4VCI offer QR code on the certificate. */
  addToWallet: string;
}

const MESSAGES: Record<PageLanguage, Messages> = { fr, en, de, es, ar };

export function messagesFor(language: PageLanguage): Messages {
  return MESSAGES[language];
}

export function isPageLanguage(value: unknown): value is PageLanguage {
  return typeof value === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 primary subtag, lower case: "de-AT" → "de". */
export function primarySubtag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * `?lang=` wins; then the first Accept-Language entry (by q) that we speak; then French,
 * the language most of our issuers and employers share.
 */
export function negotiateLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (isPageLanguage(query)) return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(
        params
          .find((param) => param.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { language: primarySubtag(tag), q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked.map((entry) => entry.language).find(isPageLanguage) ?? 'fr';
}

export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(primarySubtag(language)) ? 'rtl' : 'ltr';
}
