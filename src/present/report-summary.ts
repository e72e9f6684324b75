import type { VerificationReport } from '../verify/report.js';
import { messagesFor, type PageLanguage } from './i18n/messages.js';

/**
 * The report in the reader's language: the verdict and each check's name and outcome in
 * fr/en/de/es/ar, from the same messages as the page. The checks' technical detail
 * (message, reason, problems) stays in English beside it, and the summary says so.
 */
export interface ReportSummary {
  language: PageLanguage;
  verdict: { title: string; text: string };
  checks: Array<{ check: string; name: string; outcome: string }>;
  /** Each requirement preset asked for: its title and outcome (met / not met / cannot tell) in the reader's language. */
  presets?: Array<{ preset: string; title: string; outcome: string }>;
  /** The language of the checks' `message`, `reason` and problem details. */
  detailLanguage: 'en';
}

export function summarizeReport(report: Pick<VerificationReport, 'verdict' | 'checks' | 'requirements'>, language: PageLanguage): ReportSummary {
  const m = messagesFor(language);
  return {
    language,
    verdict: m.verdicts[report.verdict],
    checks: report.checks.map((outcome) => ({
      check: outcome.check,
      name: m.checkNames[outcome.check] ?? outcome.check,
      outcome:
        outcome.status === 'success'
          ? m.outcomes.success
          : outcome.status === 'failure'
            ? m.outcomes.failure
            : outcome.cause === 'not-applicable'
              ? m.outcomes.notApplicable
              : outcome.cause === 'not-run'
                ? m.outcomes.notRun
                : outcome.cause === 'not-recognized'
                  ? m.outcomes.notRecognized
                  : m.outcomes.couldNotCheck,
    })),
    ...(report.requirements === undefined
      ? {}
      : {
          presets: report.requirements.presets.map((preset) => ({
            preset: preset.preset,
            title: preset.title,
            outcome: m.requirementOutcomes[preset.outcome],
          })),
        }),
    detailLanguage: 'en',
  };
}
