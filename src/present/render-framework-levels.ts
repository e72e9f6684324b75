import { html, type SafeHtml } from './html.js';
import type { Messages } from './i18n/messages.js';
import { pickText } from './localized-text.js';

/**
 * The verify report's `levels` section (frameworks issue), when present: every level the
 * credential claims, expressed in other frameworks with the basis of each equivalence.
 * Read defensively — the page must not break if that section's shape grows.
 */
export function renderFrameworkLevels(levels: unknown, messages: Messages, language: string): SafeHtml | undefined {
  const entries = (Array.isArray(levels) ? levels : asArray(record(levels)?.claims ?? record(levels)?.entries)).map(record).filter(isDefined);
  const rows = entries.flatMap((entry) => {
    const claimed = describe(record(entry.claimed ?? entry.source ?? entry.from) ?? entry, language);
    const targets = asArray(entry.expressed ?? entry.mappings ?? entry.results ?? entry.to).map(record).filter(isDefined);
    return claimed === undefined ? [] : targets.map((target) => ({ claimed, target: describe(target, language), basis: basisOf(target, messages) }));
  });
  const shown = rows.filter((row) => row.target !== undefined);
  if (shown.length === 0) return undefined;
  return html`<section aria-labelledby="h-framework-levels"><h2 id="h-framework-levels">${messages.frameworkLevels}</h2><ul class="plain">${shown.map(
    (row) => html`<li><bdi>${row.claimed}</bdi> → <bdi>${row.target}</bdi>${row.basis === undefined ? '' : html` <span class="note">(${row.basis})</span>`}</li>`,
  )}</ul></section>`;
}

function describe(value: Record<string, unknown>, language: string): string | undefined {
  const framework = value.frameworkName ?? value.framework ?? value.frameworkId;
  const level = value.level ?? value.code ?? value.levelCode;
  const label = pickText(value.label ?? value.name, language)?.text;
  const frameworkText = typeof framework === 'string' ? framework : pickText(record(framework)?.name, language)?.text ?? stringOf(record(framework)?.id);
  const levelText = stringOf(level) ?? stringOf(record(level)?.code);
  if (frameworkText === undefined && levelText === undefined) return undefined;
  return [frameworkText, levelText, label === undefined ? undefined : `— ${label}`].filter(isDefined).join(' ');
}

function basisOf(value: Record<string, unknown>, messages: Messages): string | undefined {
  const basis = value.basis;
  return basis === 'official' || basis === 'indicative' || basis === 'none' ? messages.basis[basis] : undefined;
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
const isDefined = <T>(value: T | undefined): value is T => value !== undefined;
