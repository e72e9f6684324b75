import PDFDocument from 'pdfkit';
import { qrModules } from '../qr/qr-image.js';
import { fontsFor, type Weight } from './pdf-fonts.js';
import { visualRuns } from './text-runs.js';

/**
 * Laying out one line of mixed-script text with pdfkit, shared by the certificate and the
 * dossier report: the text is split into visual runs, each in a font that has its glyphs.
 */

/** Any feature list makes pdfkit lay a run out whole (not word by word), which Arabic needs. */
export function featuresOf(rtl: boolean): { features?: PDFKit.Mixins.OpenTypeFeatures[] } {
  return rtl ? { features: ['rlig', 'calt'] } : {};
}

export function widthOf(doc: PDFKit.PDFDocument, text: string, size: number, weight: Weight, rtl: boolean): number {
  return visualRuns(text, rtl, fontsFor(weight)).reduce(
    (sum, run) => sum + doc.font(run.font.name).fontSize(size).widthOfString(run.text, featuresOf(run.rtl)),
    0,
  );
}

/** Greedy word wrap in logical order; each line is then laid out visually on its own. */
export function wrap(doc: PDFKit.PDFDocument, text: string, size: number, weight: Weight, rtl: boolean, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && widthOf(doc, candidate, size, weight, rtl) > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Draws the runs left to right in visual order from the x that `startAt` gives for the line's
 * total width, on one baseline for every font (Latin and Arabic files have different ascenders).
 */
export function drawRuns(
  doc: PDFKit.PDFDocument,
  text: string,
  size: number,
  weight: Weight,
  rtl: boolean,
  color: string,
  y: number,
  startAt: (totalWidth: number) => number,
): void {
  const runs = visualRuns(text, rtl, fontsFor(weight));
  const widths = runs.map((run) => doc.font(run.font.name).fontSize(size).widthOfString(run.text, featuresOf(run.rtl)));
  let x = startAt(widths.reduce((sum, value) => sum + value, 0));
  runs.forEach((run, index) => {
    doc
      .font(run.font.name)
      .fontSize(size)
      .fillColor(color)
      .text(run.text, x, y + size, { lineBreak: false, baseline: 'alphabetic', ...featuresOf(run.rtl) });
    x += widths[index] ?? 0;
  });
}

/** Both weights of every script's font, under the names the runs use. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const weight of [400, 700] as const) for (const font of fontsFor(weight)) doc.registerFont(font.name, font.path);
}

/**
 * An A4 document with no page margins (we place every line) and our fonts registered, and
 * the bytes it produces once `doc.end()` is called.
 */
export function openA4(options: { title: string; language: string; bufferPages?: boolean }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    ...(options.bufferPages === true ? { bufferPages: true } : {}),
    info: { Title: options.title, Creator: 'Passerelle' },
    lang: options.language,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  registerFonts(doc);
  return { doc, done };
}

/** A QR code of `text` drawn as vector squares in a `side` × `side` box at (x, y), quiet zone included. */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const modules = qrModules(text);
  const quiet = 4;
  const cell = side / (modules.size + 2 * quiet);
  doc.save().fillColor('#000000');
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.isDark(row, column)) doc.rect(x + (column + quiet) * cell, y + (row + quiet) * cell, cell + 0.01, cell + 0.01);
    }
  }
  doc.fill().restore();
}
