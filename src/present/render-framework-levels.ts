import type { ClaimedLevel } from '../frameworks/level-report.js';
import { frameworkRegistry } from '../frameworks/registry.js';
import { html, type SafeHtml } from './html.js';
import type { Messages, PageLanguage } from './i18n/messages.js';
import { sayReason } from './i18n/reasons.js';

/**
 * The verify report's `levels` section: every level the credential claims, expressed in
 * the viewer's frameworks, each with the basis of the equivalence and, on hover or for
 * screen readers, the reason. Nothing is shown for a credential that did not verify.
 */
export function renderFrameworkLevels(
  levels: { evaluated: boolean; claims: ClaimedLevel[]; frameworks?: string[] },
  messages: Messages,
  language: PageLanguage,
): SafeHtml | undefined {
  if (!levels.evaluated) return undefined;
  const rows = levels.claims.flatMap((claim) =>
    claim.in
      .filter((mapping) => mapping.toFramework !== claim.framework)
      .map((mapping) => ({
        claimed: `${abbreviation(claim.framework)} ${claim.level}`,
        role: claim.source === 'reference-qualification' || claim.source === 'target-qualification' ? messages.levelRoles[claim.source] : undefined,
        target:
          mapping.to.length === 0
            ? abbreviation(mapping.toFramework)
            : `${abbreviation(mapping.toFramework)} ${mapping.to.map((level) => level.code).join(' / ')}${mapping.to[0]?.label === undefined ? '' : ` — ${mapping.to.map((level) => level.label).join(' / ')}`}`,
        basis: messages.basis[mapping.basis],
        reason: sayReason(mapping.why, language),
      })),
  );
  if (rows.length === 0) return undefined;
  return html`<section aria-labelledby="h-framework-levels"><h2 id="h-framework-levels">${messages.frameworkLevels}</h2><ul class="plain">${rows.map(
    (row) =>
      html`<li><bdi>${row.claimed}</bdi>${row.role === undefined ? '' : html` <span class="note" data-level-role>(${row.role})</span>`} ${messages.levelArrow} <bdi>${row.target}</bdi> <span class="note" title="${row.reason}">(${row.basis})</span></li>`,
  )}</ul>${levels.frameworks?.includes('de-dqr') === true ? html`<p class="note" data-dqr-caveat>${messages.dqrCaveat}</p>` : ''}</section>`;
}

function abbreviation(id: string): string {
  return (
    frameworkRegistry()
      .list()
      .find((framework) => framework.id === id)?.abbreviation ?? id
  );
}
