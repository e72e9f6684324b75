import type { CefrScale } from '../../ob3/vocabulary.js';
import type { Verdict } from '../../verify/report.js';
import type { FactKey } from '../credential-view.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

/** The page's languages, in the order the switcher shows them. */
export const PAGE_LANGUAGES = ['fr', 'en', 'de', 'es', 'ar'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

/** `unreadable`: the QR payload or pasted text could not be decoded, which says nothing about the credential. */
export type PageVerdict = Verdict | 'not-found' | 'unreadable';

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
  /** Labels of what each profile's reader checks first (credential-view FactKey). */
  facts: Record<FactKey, string>;
  /** OB 3.0 achievement types, translated; an unknown type is shown as written. */
  achievementTypes: Record<string, string>;
  /** CEFR scales: the overall level and the four skills. */
  skillNames: Record<CefrScale, string>;
  results: string;
  /** `{hours}` is replaced by the number. */
  hoursValue: string;
  /** `{theory}` and `{practice}` are replaced by hours. */
  theoryPracticeValue: string;
  yes: string;
  credentialId: string;
  checks: string;
  checkNames: Record<string, string>;
  /** Outcome of a requirement or preset. */
  requirementOutcomes: { met: string; 'not-met': string; 'cannot-tell': string };
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
  /** Points from the claimed level to its equivalent: → in left-to-right languages, ← in right-to-left ones. */
  levelArrow: string;
  /** Under DQR equivalents: German recognition compares with a reference occupation, not a DQR level. */
  dqrCaveat: string;
  /** A level the holder did not reach but that the credential refers to. */
  levelRoles: { 'reference-qualification': string; 'target-qualification': string };
  basis: { official: string; indicative: string; none: string };
  certificateTitle: string;
  awardedTo: string;
  issuedBy: string;
  issuedOn: string;
  scanToVerify: string;
  /** Caption of the optional OpenID4VCI offer QR code on the certificate. */
  addToWallet: string;
  dossier: DossierMessages;
}

/** The dossier report (src/dossier/): page and PDF for a case officer. `{n}`, `{months}`, `{hours}` are replaced. */
export interface DossierMessages {
  title: string;
  intro: string;
  summary: string;
  allVerified: string;
  notAllVerified: string;
  problems: string;
  couldNotCheck: string;
  nothing: string;
  credentials: string;
  credential: string;
  presentation: string;
  holders: string;
  oneHolder: string;
  holdersDiffer: string;
  passport: Record<'matches' | 'does-not-match' | 'no-passport-hash', string>;
  passportNotEntered: string;
  qualifications: string;
  issuerNotRecognized: string;
  languages: string;
  examAge: string;
  training: string;
  totalHours: string;
  validatedUnits: string;
  workExperience: string;
  totalMonths: string;
  monthsValue: string;
  country: string;
  occupation: string;
  occupationNotStated: string;
  openEnded: string;
  requirements: string;
  outcomes: Record<'met' | 'not-met' | 'cannot-tell', string>;
  decisions: string;
  decisionTypes: Record<'full-equivalence' | 'partial-equivalence' | 'units-validated' | 'refused', string>;
  reference: string;
  legalBasis: string;
  decisionNumber: string;
  decisionDate: string;
  differences: string;
  compensatoryMeasures: string;
  measureTypes: Record<'adaptation-period' | 'aptitude-test' | 'knowledge-test' | 'training', string>;
  linkedCredentials: string;
  linkStatus: Record<'matches' | 'does-not-match' | 'not-provided' | 'could-not-check', string>;
  validations: string;
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
 * `?lang=` wins; then the first Accept-Language entry (by q) that we speak; then English,
 * the language a reader of none of the five is likeliest to read.
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
  return ranked.map((entry) => entry.language).find(isPageLanguage) ?? 'en';
}

export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(primarySubtag(language)) ? 'rtl' : 'ltr';
}

/**
 * A left-to-right piece (a level, a code, a name) inside text of a right-to-left language,
 * isolated (FSI … PDI, Unicode bidi) so that it keeps its place and the punctuation and
 * arrows around it take the sentence's direction. Browsers and the PDF layout both honour it.
 */
export function isolatedIn(language: string, text: string): string {
  return directionOf(language) === 'rtl' ? `\u2068${text}\u2069` : text;
}
