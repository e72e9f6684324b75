import type { Reason } from '../shared/reason.js';
import type { CheckOutcome } from '../verify/report.js';
import type { PageLanguage } from './i18n/messages.js';
import { REASON_SENTENCES, sayReason } from './i18n/reasons.js';

/**
 * A report of any of the JSON APIs (verify, presentations, requirements, dossiers) in the
 * reader's language. Wherever a producer left a reason as data (`why` beside `reason` or
 * `message`, `caveatReasons` beside `caveats`, `problemReasons` beside `problems`…), the
 * sentence becomes the reader's and the producer's English moves to `detail` (or
 * `caveatDetails`, `problemDetails`…), so the technical detail stays available. Checks carry
 * no `why`: theirs is read from the check, its status and its problem type.
 *
 * In English the sentences are left exactly as the producers wrote them (they are the
 * technical text, and clients match on them); `detail` repeats them there.
 */
export function localizeReport<T>(report: T, language: PageLanguage): T {
  return walk(report, language) as T;
}

/** Parallel lists: the sentences, their reasons, and where the English goes. */
const PARALLEL: Array<[sentences: string, reasons: string, details: string]> = [
  ['caveats', 'caveatReasons', 'caveatDetails'],
  ['problems', 'problemReasons', 'problemDetails'],
  ['couldNotCheck', 'couldNotCheckReasons', 'couldNotCheckDetails'],
  ['differences', 'differenceReasons', 'differenceDetails'],
];
const REASON_KEYS = new Set(['why', ...PARALLEL.map(([, reasons]) => reasons)]);

export function isReason(value: unknown): value is Reason {
  return typeof value === 'object' && value !== null && typeof (value as Reason).code === 'string' && (value as Reason).code in REASON_SENTENCES;
}

function walk(value: unknown, language: PageLanguage): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, language));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) out[key] = REASON_KEYS.has(key) ? source[key] : walk(source[key], language);

  const why = isCheckOutcome(source) ? checkReason(source) : isReason(source.why) ? source.why : undefined;
  if (why !== undefined) {
    out.why = why;
    const field = typeof source.message === 'string' && typeof source.reason !== 'string' ? 'message' : 'reason';
    const english = typeof source[field] === 'string' ? (source[field] as string) : failureDetail(source);
    if (english !== undefined) out.detail = english;
    if (language !== 'en' || typeof source[field] !== 'string') out[field] = sayReason(why, language);
  }
  for (const [sentences, reasons, details] of PARALLEL) {
    const said = source[sentences];
    const whys = source[reasons];
    if (!Array.isArray(said) || !Array.isArray(whys) || whys.length !== said.length || !whys.every(isReason)) continue;
    if (language === 'en') continue;
    out[details] = said;
    out[sentences] = whys.map((entry) => sayReason(entry, language));
  }
  return out;
}

function isCheckOutcome(value: Record<string, unknown>): value is CheckOutcome {
  return typeof value.check === 'string' && (value.status === 'success' || value.status === 'failure' || value.status === 'skipped');
}

function failureDetail(value: Record<string, unknown>): string | undefined {
  const problems = value.problems as Array<{ detail?: string; title?: string }> | undefined;
  return problems === undefined ? undefined : problems.map((problem) => problem.detail ?? problem.title).join(' ');
}

const problemCode = (outcome: CheckOutcome) => {
  const slug = outcome.status === 'success' ? undefined : outcome.problems?.[0]?.type.split('/').pop();
  const code = `problem.${slug ?? ''}`;
  return code in REASON_SENTENCES ? ({ code } as Reason) : undefined;
};

/** A check's reason, from what the check already says as data: its id, its status, its cause and its problem type. */
export function checkReason(outcome: CheckOutcome): Reason {
  switch (outcome.status) {
    case 'success':
      return outcome.check === 'trust' ? { code: 'trust.recognized' } : { code: 'check.passed', params: { check: outcome.check } };
    case 'failure':
      return problemCode(outcome) ?? { code: 'check.failed', params: { check: outcome.check } };
    case 'skipped':
      switch (outcome.cause) {
        case 'not-run':
          return { code: 'check.not-run', params: { check: outcome.check } };
        case 'not-recognized':
          return { code: 'trust.not-recognized' };
        case 'could-not-check':
          return problemCode(outcome) ?? { code: 'check.could-not-check', params: { check: outcome.check } };
        case 'not-applicable':
          return NOT_APPLICABLE[outcome.check] ?? { code: 'check.not-applicable', params: { check: outcome.check } };
      }
  }
}

const NOT_APPLICABLE: Partial<Record<CheckOutcome['check'], Reason>> = {
  schema: { code: 'check.no-schema' },
  'validity-period': { code: 'check.no-validity-period' },
  status: { code: 'check.no-status' },
  'holder-key': { code: 'check.presentation-unsigned' },
  'holder-proof': { code: 'check.presentation-unsigned' },
  holder: { code: 'check.no-holder-named' },
};
