import type { CredentialRecord, IssuerRecord } from '../../store/ports.js';
import { parseVerifiable } from '../../verify/parse-input.js';
import { viewCredential, type CredentialView, type FactValue } from '../credential-view.js';
import { directionOf, isPageLanguage, messagesFor, primarySubtag, type Messages } from '../i18n/messages.js';
import type { LocalizedText } from '../localized-text.js';
import { qrContent } from '../qr/qr-content.js';
import type { PageDeps } from '../verification-page.js';
import type { Weight } from './pdf-fonts.js';
import { drawQrCode, drawRuns, openA4, wrap } from './pdf-layout.js';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, margin: 20 * MM };

/**
 * An A4 certificate in the credential's primary language: holder, achievement, levels,
 * issuer, issue date and the QR code. It is a rendering of the stored credential, not a
 * verification: the QR code leads to the live check.
 */
export async function certificatePdf(
  deps: Pick<PageDeps, 'store' | 'publicUrl'>,
  record: CredentialRecord,
  /** An open wallet offer URI (src/deliver/): drawn as a second QR code, "add to your wallet". */
  walletOffer?: string,
): Promise<Buffer> {
  const credential = parseVerifiable(record.credential).credential;
  const issuer = await deps.store.issuers.findById(record.issuerId);
  const primary = primaryOf(credential, issuer);
  const view = viewCredential(credential, primary, issuer);
  const code = primarySubtag(primary);
  const messages = messagesFor(isPageLanguage(code) ? code : 'en');
  const qr = qrContent(deps.publicUrl, record, 'certificate');
  return draw({
    view,
    messages,
    primary,
    qrText: qr.text,
    qrVersion: qr.version,
    issuedAt: record.issuedAt,
    ...(walletOffer === undefined ? {} : { walletOffer }),
  });
}

function primaryOf(credential: Record<string, unknown>, issuer: IssuerRecord | undefined): string {
  return viewCredential(credential, 'und').primaryLanguage ?? Object.keys(issuer?.names ?? {})[0] ?? 'en';
}

interface Layout {
  view: CredentialView;
  messages: Messages;
  primary: string;
  qrText: string;
  qrVersion: number;
  issuedAt: string;
  walletOffer?: string;
}

function draw(layout: Layout): Promise<Buffer> {
  const { view, messages, primary } = layout;
  const rtl = directionOf(primary) === 'rtl';
  const { doc, done } = openA4({ title: `${messages.certificateTitle} — ${view.achievement.name?.text ?? ''}`, language: primary });

  const width = PAGE.width - 2 * PAGE.margin;
  let y = PAGE.margin;
  const line = (text: string | undefined, size: number, options: { weight?: Weight; color?: string; gap?: number; rtl?: boolean } = {}) => {
    if (text === undefined || text === '') return;
    for (const wrapped of wrap(doc, text, size, options.weight ?? 400, options.rtl ?? rtl, width)) {
      drawLine(doc, wrapped, size, options.weight ?? 400, options.rtl ?? rtl, options.color ?? '#1a1a1a', y);
      y += size * 1.45;
    }
    y += options.gap ?? 0;
  };
  const localized = (value: LocalizedText | undefined) => value?.text;
  const textRtl = (value: LocalizedText | undefined) => (value?.direction === 'auto' || value === undefined ? rtl : value.direction === 'rtl');

  doc
    .rect(10 * MM, 10 * MM, PAGE.width - 20 * MM, PAGE.height - 20 * MM)
    .lineWidth(1.5)
    .strokeColor('#1a4fd6')
    .stroke();
  y += 6 * MM;
  line(localized(view.issuer.name), 13, { color: '#444444', gap: 10, rtl: textRtl(view.issuer.name) });
  line(messages.certificateTitle, 30, { weight: 700, color: '#1a4fd6', gap: 16 });
  line(messages.awardedTo, 12, { color: '#444444' });
  line(localized(view.holder), 24, { weight: 700, gap: 14, rtl: textRtl(view.holder) });
  line(localized(view.achievement.name), 18, { weight: 700, gap: 4, rtl: textRtl(view.achievement.name) });
  line(localized(view.achievement.description), 11, { color: '#333333', gap: 10, rtl: textRtl(view.achievement.description) });
  for (const alignment of view.alignments) {
    line([localized(alignment.framework), alignment.code, localized(alignment.name)].filter(Boolean).join(' · '), 11);
  }
  for (const fact of view.facts) {
    const value = factText(fact.value, messages, primary, localized);
    if (value !== undefined) line(`${messages.facts[fact.key]}: ${value}`, 10);
  }
  if (view.languageLevels.length > 0) {
    line(messages.languageLevels, 12, { weight: 700, gap: 4 });
    for (const entry of view.languageLevels) line(`${messages.skillNames[entry.scale]}: ${entry.level}`, 11);
  }
  if (view.results.length > 0) {
    y += 4;
    line(messages.results, 12, { weight: 700 });
    for (const result of view.results) line(`${localized(result.name) ?? messages.results}: ${result.value.text}`, 11);
  }
  y += 10;
  line(`${messages.issuedBy}: ${localized(view.issuer.name) ?? view.issuer.id ?? ''}`, 11);
  if (view.issuer.id !== undefined) line(view.issuer.id, 7, { color: '#555555', rtl: false });
  line(`${messages.issuedOn}: ${formatDate(view.validFrom ?? layout.issuedAt, primary)}`, 11);
  if (view.validUntil !== undefined) line(`${messages.validUntil}: ${formatDate(view.validUntil, primary)}`, 11);

  drawQr(doc, layout, rtl);
  if (layout.walletOffer !== undefined) drawWalletQr(doc, layout.walletOffer, layout.messages.addToWallet, rtl);
  doc.end();
  return done;
}

/** 3 cm for a short URL; 5.5 cm (modules of at least 0.4 mm) when the code carries the credential. */
function drawQr(doc: PDFKit.PDFDocument, layout: Layout, rtl: boolean): void {
  const side = (layout.qrVersion > 18 ? 55 : 30) * MM;
  const x0 = rtl ? PAGE.margin : PAGE.width - PAGE.margin - side;
  const y0 = PAGE.height - PAGE.margin - side - 8 * MM;
  drawQrCode(doc, layout.qrText, x0, y0, side);
  const caption = layout.messages.scanToVerify;
  const url = layout.qrText.split('#')[0] ?? layout.qrText;
  drawLine(doc, caption, 9, 700, rtl, '#1a1a1a', y0 + side + 1 * MM, { x: x0, width: side });
  const urlBox = { x: Math.max(12 * MM, x0 - 20 * MM), width: side + 40 * MM };
  urlBox.x = Math.min(urlBox.x, PAGE.width - 12 * MM - urlBox.width);
  drawLine(doc, url, 6, 400, false, '#555555', y0 + side + 5 * MM, urlBox);
}

function factText(
  value: FactValue,
  messages: Messages,
  language: string,
  localized: (value: LocalizedText | undefined) => string | undefined,
): string | undefined {
  switch (value.kind) {
    case 'text':
      return localized(value.text);
    case 'date':
      return formatDate(value.date, language);
    case 'period':
      return [value.from, value.until]
        .filter((date): date is string => date !== undefined)
        .map((date) => formatDate(date, language))
        .join(' – ');
    case 'hours':
      return messages.hoursValue.replace('{hours}', new Intl.NumberFormat(language).format(value.hours));
    case 'list':
      return value.items.map((item) => item.text).join('; ');
    case 'yes':
      return messages.yes;
    case 'split':
      return messages.theoryPracticeValue.replace('{theory}', String(value.theory)).replace('{practice}', String(value.practice));
    case 'modules':
      return value.items
        .map((item) => `${item.name.text}${item.hours === undefined ? '' : ` (${messages.hoursValue.replace('{hours}', String(item.hours))})`}`)
        .join('; ');
    case 'decision':
      return `${value.reference}${value.date === undefined ? '' : `, ${formatDate(value.date, language)}`}`;
    case 'decision-type':
      return messages.dossier.decisionTypes[value.value as keyof Messages['dossier']['decisionTypes']] ?? value.value;
  }
}

/** The wallet offer, 3.5 cm, in the other bottom corner; its URI is not printed (it holds the offer's code). */
function drawWalletQr(doc: PDFKit.PDFDocument, offerUri: string, caption: string, rtl: boolean): void {
  const side = 35 * MM;
  const x0 = rtl ? PAGE.width - PAGE.margin - side : PAGE.margin;
  const y0 = PAGE.height - PAGE.margin - side - 8 * MM;
  drawQrCode(doc, offerUri, x0, y0, side);
  drawLine(doc, caption, 9, 700, rtl, '#1a1a1a', y0 + side + 1 * MM, { x: x0, width: side });
}

function formatDate(value: string, language: string): string {
  const time = Date.parse(value);
  if (!Number.isFinite(time)) return value;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(time);
  } catch {
    return value.slice(0, 10);
  }
}

/** Centred by default; the runs are drawn left to right in visual order. */
function drawLine(
  doc: PDFKit.PDFDocument,
  text: string,
  size: number,
  weight: Weight,
  rtl: boolean,
  color: string,
  y: number,
  box = { x: PAGE.margin, width: PAGE.width - 2 * PAGE.margin },
): void {
  drawRuns(doc, text, size, weight, rtl, color, y, (total) => box.x + (box.width - total) / 2);
}
