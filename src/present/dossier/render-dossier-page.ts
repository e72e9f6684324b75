import type { DossierReport } from '../../dossier/verify-dossier.js';
import { html, raw } from '../html.js';
import { directionOf } from '../i18n/messages.js';
import { PAGE_CSS } from '../page-assets.js';
import { dossierDocument } from './dossier-document.js';

const ICON = { good: '✓', bad: '✗', warn: '!' } as const;

/**
 * The dossier report as one accessible page: the overall verdict first (role=status), then
 * what failed and what could not be checked, then the summary and each credential; every
 * section has a heading, every coloured line also says its state in words and an icon.
 */
export function renderDossierPage(report: DossierReport): string {
  const document = dossierDocument(report);
  const tone = document.verdict.tone ?? 'warn';
  return html`<!doctype html>
<html lang="${document.language}" dir="${directionOf(document.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${document.title} — Passerelle</title>
<style>${raw(PAGE_CSS)}</style>
</head>
<body data-all-verified="${String(report.allVerified)}">
<a class="skip" href="#result">${document.title}</a>
<header><p class="brand">Passerelle · ${document.title}</p></header>
<main id="result" tabindex="-1">
<section class="verdict ${tone}" role="status" aria-labelledby="verdict-title">
<h1 id="verdict-title"><span aria-hidden="true">${ICON[tone]} </span>${document.title}</h1>
<p>${document.verdict.text}</p>
</section>
<p class="note">${document.intro}${document.note === '' ? '' : ` ${document.note}`}</p>
${document.sections.map(
  (section) => html`<section id="${section.id}" aria-labelledby="h-${section.id}">
<h2 id="h-${section.id}">${section.heading}</h2>
<ul class="plain checks">${section.lines.map(
    (line) =>
      html`<li${line.mark === undefined ? '' : html` data-mark="${line.mark}"`}>${line.tone === undefined ? '' : html`<span class="${line.tone === 'good' ? 'ok' : line.tone === 'bad' ? 'ko' : 'unsure'}" aria-hidden="true">${ICON[line.tone]} </span>`}<bdi>${line.text}</bdi></li>`,
  )}</ul>
</section>`,
)}
</main>
</body>
</html>`.value;
}
