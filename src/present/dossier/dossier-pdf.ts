import type { DossierReport } from '../../dossier/verify-dossier.js';
import type { Weight } from '../certificate/pdf-fonts.js';
import { drawRuns, openA4, wrap } from '../certificate/pdf-layout.js';
import { directionOf } from '../i18n/messages.js';
import { dossierDocument } from './dossier-document.js';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, margin: 18 * MM };
const COLOURS = { good: '#0b6b2e', bad: '#a4161a', warn: '#8a5300' } as const;
// Glyphs the PDF fonts have (pdf-fonts.ts): ✗ is in none of them, × is in Noto Sans.
const ICON = { good: '✓', bad: '×', warn: '!' } as const;

/**
 * The dossier report as an A4 PDF a case officer can file: the same lines as the page, in
 * the reader's language (Arabic right to left, with the certificate's fonts), page numbers
 * and the time of the check. It records a verification made at that time; it is not a credential.
 */
export function dossierPdf(report: DossierReport, checkedAt: Date): Promise<Buffer> {
  const document = dossierDocument(report);
  const rtl = directionOf(document.language) === 'rtl';
  // Pages buffered: the page numbers ("2 / 3") are drawn once the count is known.
  const { doc, done } = openA4({ title: `${document.title} — Passerelle`, language: document.language, bufferPages: true });

  const width = PAGE.width - 2 * PAGE.margin;
  let y = PAGE.margin;
  const line = (text: string, size: number, options: { weight?: Weight; color?: string; gap?: number } = {}) => {
    if (text === '') return;
    for (const wrapped of wrap(doc, text, size, options.weight ?? 400, rtl, width)) {
      if (y + size * 1.45 > PAGE.height - PAGE.margin - 8 * MM) {
        doc.addPage({ size: 'A4', margin: 0 });
        y = PAGE.margin;
      }
      drawLine(doc, wrapped, size, options.weight ?? 400, rtl, options.color ?? '#1a1a1a', y, width);
      y += size * 1.45;
    }
    y += options.gap ?? 0;
  };

  line(`Passerelle · ${document.title}`, 18, { weight: 700, color: '#1a4fd6', gap: 4 });
  line(checkedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC', 9, { color: '#555555', gap: 6 });
  const tone = document.verdict.tone ?? 'warn';
  line(`${ICON[tone]} ${document.verdict.text}`, 12, { weight: 700, color: COLOURS[tone], gap: 4 });
  line(`${document.intro}${document.note === '' ? '' : ` ${document.note}`}`, 9, { color: '#333333', gap: 6 });
  for (const section of document.sections) {
    y += 4;
    line(section.heading, 13, { weight: 700, gap: 2 });
    for (const entry of section.lines) {
      line(entry.tone === undefined ? entry.text : `${ICON[entry.tone]} ${entry.text}`, 9.5, {
        color: entry.tone === undefined ? '#1a1a1a' : COLOURS[entry.tone],
        gap: 1,
      });
    }
  }
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page += 1) {
    doc.switchToPage(page);
    drawLine(doc, `${page + 1} / ${range.count}`, 8, 400, false, '#555555', PAGE.height - PAGE.margin, width);
  }
  doc.end();
  return done;
}

/** Aligned to the start of the line: the left margin, or the right one for right-to-left text. */
function drawLine(doc: PDFKit.PDFDocument, text: string, size: number, weight: Weight, rtl: boolean, color: string, y: number, width: number): void {
  drawRuns(doc, text, size, weight, rtl, color, y, (total) => (rtl ? PAGE.margin + width - total : PAGE.margin));
}
