import type { PageLanguage } from './i18n/messages.js';

/**
 * The frameworks a viewer of the page most likely thinks in, from the page language:
 * an employer reading German in Nuremberg knows DQR levels, one reading Spanish in
 * Huelva the MECU. French speakers may be in France or Wallonia-Brussels; France's
 * grid is the more widely known. Everyone also gets the EQF, the common yardstick.
 * A verifier who needs another framework asks the API with `options.frameworks`.
 */
const BY_LANGUAGE: Record<PageLanguage, string[]> = {
  de: ['de-dqr', 'eqf'],
  es: ['es-mecu', 'eqf'],
  fr: ['fr-cncp', 'eqf'],
  en: ['eqf'],
  ar: ['eqf'],
};

export function viewerFrameworks(language: PageLanguage): string[] {
  return BY_LANGUAGE[language];
}
