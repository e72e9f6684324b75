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
