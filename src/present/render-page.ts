import type { TrustSummary, VerificationReport } from '../verify/report.js';
import type { CheckOutcome } from '../verify/report.js';
import type { CredentialView, FactValue } from './credential-view.js';
import { html, raw, type SafeHtml } from './html.js';
import { directionOf, messagesFor, PAGE_LANGUAGES, type Messages, type PageLanguage, type PageVerdict } from './i18n/messages.js';
import type { LocalizedText } from './localized-text.js';
import { PAGE_CSS, PAGE_SCRIPT } from './page-assets.js';
import { renderFrameworkLevels } from './render-framework-levels.js';
import { sayReason } from './i18n/reasons.js';
import { checkReason } from './localize-report.js';

export interface PageModel {
  language: PageLanguage;
  /** Absent on the bare paste page (GET /v). */
  verdict?: PageVerdict;
  /** The last segment of the credential id, when the page is about a stored credential. */
  pageId?: string;
  /** Present only when the credential is authentic enough to show what it says. */
  view?: CredentialView;
  checks?: CheckOutcome[];
  /** The verify report's `levels` section: claimed levels in the viewer's frameworks. */
  levels?: NonNullable<VerificationReport['levels']>;
  /** The credential checked was the one carried in the QR code's fragment. */
  carried?: boolean;
  /** The credential is stored here, so its certificate can be printed. */
  printable?: boolean;
  /** Who vouches for the issuer (the report's trust section). */
  trust?: TrustSummary;
  /** The QR payload that was checked, so the language links can carry it on. */
  carriedPayload?: string;
}

const TONE: Record<PageVerdict, { tone: 'good' | 'bad' | 'warn'; icon: string }> = {
  valid: { tone: 'good', icon: '✓' },
  'unrecognized-issuer': { tone: 'warn', icon: '!' },
  'out-of-scope': { tone: 'warn', icon: '!' },
  expired: { tone: 'warn', icon: '!' },
  'not-yet-valid': { tone: 'warn', icon: '!' },
  revoked: { tone: 'bad', icon: '✗' },
  // Suspended is temporary: amber, not the red of a withdrawal.
  suspended: { tone: 'warn', icon: '!' },
  'not-genuine': { tone: 'bad', icon: '✗' },
  malformed: { tone: 'bad', icon: '✗' },
  'could-not-check': { tone: 'warn', icon: '?' },
  'not-found': { tone: 'warn', icon: '?' },
  unreadable: { tone: 'warn', icon: '?' },
};

/** Verdict first, then what the credential says, then how we know; one self-contained document. */
export function renderPage(model: PageModel): string {
  const m = messagesFor(model.language);
  const verdict = model.verdict === undefined ? undefined : { ...m.verdicts[model.verdict], ...TONE[model.verdict] };
  const pagePath = model.pageId === undefined ? '/v' : `/v/${encodeURIComponent(model.pageId)}`;
  const keepFragment = model.carriedPayload === undefined ? '' : `#vc=${model.carriedPayload}`;
  const page = html`<!doctype html>
<html lang="${model.language}" dir="${directionOf(model.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${verdict === undefined ? '' : `${verdict.title} — `}${m.pageTitle}</title>
<style>${raw(PAGE_CSS)}</style>
</head>
<body${model.carried === true ? raw(' data-carried') : ''} data-verdict="${model.verdict ?? ''}">
<a class="skip" href="#result">${m.skipToContent}</a>
<header>
<p class="brand">Passerelle · ${m.pageTitle}</p>
<nav aria-label="${m.languageSwitcher}"><ul>${PAGE_LANGUAGES.map((language) => {
    const name = messagesFor(language).languageName;
    return html`<li><a href="${pagePath}?lang=${language}${keepFragment}" hreflang="${language}" lang="${language}" data-keep-fragment${language === model.language ? raw(' aria-current="true"') : ''}>${name}</a></li>`;
  })}</ul></nav>
</header>
<main id="result" tabindex="-1">
<p id="carried-status" role="status">${m.checkingCarried}</p>
${
  verdict === undefined
    ? html`<h1>${m.pageTitle}</h1>`
    : html`<section class="verdict ${verdict.tone}" role="status" aria-labelledby="verdict-title">
<h1 id="verdict-title"><span aria-hidden="true">${verdict.icon} </span>${verdict.title}</h1>
<p>${verdict.text}</p>
${model.verdict === 'could-not-check' && model.checks !== undefined ? html`<p>${couldNotCheckAdvice(model.checks, m)}</p>` : ''}
${model.carried === true ? html`<p class="note">${m.carriedInQr}</p>` : ''}
</section>`
}
${model.view === undefined ? '' : renderView(model.view, m, model.language, model.trust)}
${model.levels === undefined ? '' : renderFrameworkLevels(model.levels, m, model.language)}
${model.checks === undefined ? '' : renderChecks(model.checks, m, model.language)}
${model.pageId !== undefined && model.view !== undefined && model.printable === true ? html`<p><a href="/credentials/${encodeURIComponent(model.pageId)}/certificate.pdf">${m.certificateLink}</a></p>` : ''}
${model.pageId === undefined ? '' : renderCarriedForm(pagePath, model.language, m)}
${renderPasteForm(model.language, m)}
</main>
<footer><p class="note">${m.privacyNote}</p></footer>
<script>${raw(PAGE_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}

function renderView(view: CredentialView, m: Messages, language: string, trust: TrustSummary | undefined): SafeHtml {
  const rows: Array<[string, SafeHtml | undefined]> = [
    [m.holder, text(view.holder, m, language)],
    [m.achievement, text(view.achievement.name, m, language)],
    [
      m.achievementType,
      view.achievement.type === undefined ? undefined : html`<bdi>${m.achievementTypes[view.achievement.type] ?? view.achievement.type}</bdi>`,
    ],
    [m.description, text(view.achievement.description, m, language)],
    [m.issuer, issuer(view, m, language, trust)],
    ...view.facts.map((fact): [string, SafeHtml | undefined] => [m.facts[fact.key], factValue(fact.value, m, language)]),
    [m.validFrom, date(view.validFrom, language)],
    [m.validUntil, date(view.validUntil, language)],
  ];
  return html`<section aria-labelledby="h-credential"><h2 id="h-credential">${m.achievement}</h2><dl>${rows
    .filter((row): row is [string, SafeHtml] => row[1] !== undefined)
    .map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl></section>
${
  view.alignments.length === 0
    ? ''
    : html`<section aria-labelledby="h-levels"><h2 id="h-levels">${m.levels}</h2><ul class="plain">${view.alignments.map(
        (alignment) =>
          html`<li>${alignment.framework === undefined ? '' : html`${text(alignment.framework, m, language)}: `}<strong>${alignment.code === undefined ? '' : html`<bdi>${alignment.code}</bdi> `}</strong>${text(alignment.name, m, language)}</li>`,
      )}</ul></section>`
}
${
  view.languageLevels.length === 0
    ? ''
    : html`<section aria-labelledby="h-language-levels"><h2 id="h-language-levels">${m.languageLevels}</h2><table><thead><tr><th scope="col">${m.skill}</th><th scope="col">${m.level}</th></tr></thead><tbody>${view.languageLevels.map(
        (entry) => html`<tr><td>${m.skillNames[entry.scale]}</td><td><strong><bdi>${entry.level}</bdi></strong></td></tr>`,
      )}</tbody></table></section>`
}
${
  view.results.length === 0
    ? ''
    : html`<section aria-labelledby="h-results"><h2 id="h-results">${m.results}</h2><dl>${view.results.map(
        (result) => html`<dt>${text(result.name, m, language) ?? m.results}</dt><dd><bdi>${result.value.text}</bdi></dd>`,
      )}</dl></section>`
}`;
}

function factValue(value: FactValue, m: Messages, language: string): SafeHtml | undefined {
  switch (value.kind) {
    case 'text':
      return text(value.text, m, language);
    case 'date':
      return date(value.date, language);
    case 'period': {
      const from = date(value.from, language);
      const until = date(value.until, language);
      return html`${from ?? ''}${from !== undefined && until !== undefined ? ' – ' : ''}${until ?? ''}`;
    }
    case 'hours':
      return html`${m.hoursValue.replace('{hours}', new Intl.NumberFormat(language).format(value.hours))}`;
    case 'list':
      return html`<ul class="plain">${value.items.map((item) => html`<li>${text(item, m, language)}</li>`)}</ul>`;
    case 'yes':
      return html`${m.yes}`;
    case 'split':
      return html`${m.theoryPracticeValue.replace('{theory}', new Intl.NumberFormat(language).format(value.theory)).replace('{practice}', new Intl.NumberFormat(language).format(value.practice))}`;
    case 'modules':
      return html`<ul class="plain">${value.items.map(
        (item) =>
          html`<li>${text(item.name, m, language)}${item.hours === undefined ? '' : html` — ${m.hoursValue.replace('{hours}', new Intl.NumberFormat(language).format(item.hours))}`}</li>`,
      )}</ul>`;
    case 'decision':
      return html`<bdi>${value.reference}</bdi>${value.date === undefined ? '' : html`, ${date(value.date, language) ?? value.date}`}`;
    case 'decision-type':
      return html`${m.dossier.decisionTypes[value.value as keyof Messages['dossier']['decisionTypes']] ?? value.value}`;
  }
}

/**
 * A recognized issuer is named as its authority names it, with that authority; any other
 * name is what the issuer says of itself, and the page says so.
 */
function issuer(view: CredentialView, m: Messages, language: string, trust: TrustSummary | undefined): SafeHtml | undefined {
  if (view.issuer.name === undefined && view.issuer.id === undefined) return undefined;
  const id = view.issuer.id === undefined ? '' : html`<br><span class="note" dir="ltr"><bdi>${view.issuer.id}</bdi></span>`;
  if (trust?.recognized === true && trust.legalName !== undefined) {
    const recognizedName = trust.legalName[language] ?? trust.legalName.en ?? Object.values(trust.legalName)[0] ?? '';
    const nameLanguage = trust.legalName[language] !== undefined ? language : trust.legalName.en !== undefined ? 'en' : Object.keys(trust.legalName)[0];
    const authority = trust.recognizedBy?.name ?? trust.recognizedBy?.id ?? '';
    return html`<strong data-recognized-name${nameLanguage === undefined ? '' : html` lang="${nameLanguage}"`}>${recognizedName}</strong><br><span class="recognized">${m.recognizedBy.replace('{authority}', authority)}</span>${id}`;
  }
  const name = text(view.issuer.name, m, language);
  return html`${name === undefined ? '' : html`${name} <span class="note" data-own-claim>(${m.issuerOwnClaim})</span>`}${id}`;
}

/** One sentence on what to do, for the first check that could not be completed. */
function couldNotCheckAdvice(checks: CheckOutcome[], m: Messages): string {
  const first = checks.find((outcome) => outcome.status === 'skipped' && outcome.cause === 'could-not-check');
  switch (first?.check) {
    case 'issuer-key':
      return m.couldNotCheckAdvice['issuer-key'];
    case 'status':
      return m.couldNotCheckAdvice.status;
    case 'trust':
      return m.couldNotCheckAdvice.trust;
    default:
      return m.couldNotCheckAdvice.other;
  }
}

/** Text from the credential, marked with its own language and direction, and a note when it is a fallback. */
function text(value: LocalizedText | undefined, m: Messages, language: string): SafeHtml | undefined {
  if (value === undefined) return undefined;
  const languageName = value.language === undefined ? undefined : languageNameOf(value.language, language);
  return html`<span${value.language === undefined ? '' : html` lang="${value.language}"`} dir="${value.direction}">${value.text}</span>${
    value.fallback && languageName !== undefined ? html` <span class="note">(${m.shownInOtherLanguage.replace('{language}', languageName)})</span>` : ''
  }`;
}

function languageNameOf(tag: string, inLanguage: string): string | undefined {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag);
  } catch {
    return tag; // not a well-formed tag: show it as written
  }
}

function date(value: string | undefined, language: string): SafeHtml | undefined {
  const time = value === undefined ? NaN : Date.parse(value);
  if (!Number.isFinite(time)) return undefined;
  return html`<time datetime="${value}">${new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(time)}</time>`;
}

/** A passed check needs no sentence beyond its label; anything else says what was found. */
function checkSentence(outcome: CheckOutcome, language: PageLanguage): SafeHtml | string {
  const reason = checkReason(outcome);
  return reason.code === 'check.passed' ? '' : html` <span class="note" data-check-reason="${reason.code}">${sayReason(reason, language)}</span>`;
}

function renderChecks(checks: CheckOutcome[], m: Messages, language: PageLanguage): SafeHtml {
  return html`<section aria-labelledby="h-checks"><h2 id="h-checks">${m.checks}</h2><ul class="plain checks">${checks.map((outcome) => {
    const [label, css] =
      outcome.status === 'success'
        ? [m.outcomes.success, 'ok']
        : outcome.status === 'failure'
          ? [m.outcomes.failure, 'ko']
          : outcome.cause === 'not-applicable'
            ? [m.outcomes.notApplicable, 'na']
            : outcome.cause === 'not-run'
              ? [m.outcomes.notRun, 'na']
              : outcome.cause === 'not-recognized'
                ? [m.outcomes.notRecognized, 'unsure']
                : [m.outcomes.couldNotCheck, 'unsure'];
    const detail =
      outcome.status === 'success'
        ? outcome.message
        : outcome.status === 'failure'
          ? outcome.problems.map((problem) => problem.detail ?? problem.title).join(' ')
          : outcome.reason;
    // What the check found in the reader's words; the check's own English stays below as the technical detail.
    return html`<li data-check="${outcome.check}">${m.checkNames[outcome.check] ?? outcome.check}: <span class="${css}">${label}</span> ${checkSentence(outcome, language)}<details><summary>${m.detailsInEnglish}</summary><p lang="en" dir="ltr">${detail}</p></details></li>`;
  })}</ul></section>`;
}

/** Filled and submitted by the page script when the link's fragment carries the credential. */
function renderCarriedForm(pagePath: string, language: PageLanguage, m: Messages): SafeHtml {
  return html`<form id="carried-form" method="post" action="${pagePath}?lang=${language}" hidden><input type="hidden" name="vc" value=""></form><noscript><p class="note">${m.noScript}</p></noscript>`;
}

function renderPasteForm(language: PageLanguage, m: Messages): SafeHtml {
  return html`<section aria-labelledby="h-paste"><h2 id="h-paste">${m.pasteTitle}</h2>
<form method="post" action="/v?lang=${language}">
<label for="credential">${m.pasteLabel}</label>
<textarea id="credential" name="credential" dir="ltr" spellcheck="false" autocomplete="off" aria-describedby="paste-help" required></textarea>
<p id="paste-help" class="note">${m.pasteHelp}</p>
<label for="upload">${m.uploadLabel}</label>
<input id="upload" type="file" accept=".json,.jwt,.txt,application/json,application/vc+jwt,text/plain">
<p><button type="submit">${m.verifyButton}</button></p>
</form></section>`;
}
