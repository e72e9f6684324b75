import bidiModule from 'bidi-js';
import type { PdfFont } from './pdf-fonts.js';

/** A piece of a line drawn with one font, in visual (left-to-right drawing) order. */
export interface VisualRun {
  text: string;
  font: PdfFont;
  /** Right-to-left text is shaped and reversed by fontkit; pdfkit needs features to lay it out whole. */
  rtl: boolean;
}

// bidi-js is CommonJS (module.exports = the factory) while its types declare an ES default export.
const bidi = (bidiModule as unknown as typeof bidiModule.default)();

/** Letters of a right-to-left script: these are shaped together by fontkit (joining forms, ligatures). */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const NEUTRAL = /[\s\p{P}]/u;
/** Explicit bidi controls (isolates, embeddings, marks): they steer the order and are never drawn. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * One line in drawing order, by the Unicode Bidirectional Algorithm (UAX #9, through bidi-js):
 * embedding levels for the paragraph's direction, isolates (FSI … PDI) honoured, runs reordered
 * and brackets mirrored in right-to-left scope. A name, a code, "B1", a date or "EQF 4" inside
 * an Arabic line stays one left-to-right run at its logical place; Arabic letters are handed to
 * fontkit in logical order, which shapes and reverses them.
 *
 * In a right-to-left line every left-to-right piece (a name, a code, "B1", a date, "EQF 4") is
 * isolated first: otherwise the algorithm, correctly, reads a date after an Arabic word as
 * Arabic numbers and draws 2026-10-30 as 30-10-2026.
 */
export function visualRuns(text: string, paragraphRtl: boolean, fonts: PdfFont[]): VisualRun[] {
  const line = paragraphRtl ? isolateLeftToRight(text) : text;
  const embedding = bidi.getEmbeddingLevels(line, paragraphRtl ? 'rtl' : 'ltr');
  const mirrored = bidi.getMirroredCharactersMap(line, embedding.levels);
  const runs: VisualRun[] = [];
  for (const index of bidi.getReorderedIndices(line, embedding)) {
    const unit = line.charAt(index);
    // A low surrogate travels with its high one (the reordering keeps a pair's levels equal).
    if (unit >= '\uDC00' && unit <= '\uDFFF') continue;
    const char = String.fromCodePoint(line.codePointAt(index) ?? 0);
    if (BIDI_CONTROL.test(char)) continue;
    const rtlLetter = (embedding.levels[index] ?? 0) % 2 === 1 && RTL_LETTER.test(char);
    const drawn = mirrored.get(index) ?? char;
    const codePoint = drawn.codePointAt(0) ?? 0;
    const last = runs[runs.length - 1];
    const font = fonts.find((candidate) => candidate.covers(codePoint)) ?? (fonts[0] as PdfFont);
    // Stay in the current run for a character of its font, or a space or punctuation it has (words are not split).
    if (last !== undefined && last.rtl === rtlLetter && (last.font === font || (NEUTRAL.test(drawn) && last.font.covers(codePoint)))) {
      last.text += drawn;
      continue;
    }
    runs.push({ text: drawn, font, rtl: rtlLetter && font.script === 'arabic' });
  }
  // The indices above are in visual order; fontkit wants right-to-left letters in logical order.
  return runs.map((run) => (run.rtl ? { ...run, text: [...run.text].reverse().join('') } : run));
}

const LTR_START = '[0-9\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}]';
/** From a Latin letter or digit to the last one before an Arabic letter or an isolate boundary. */
const LTR_PIECE = new RegExp(`${LTR_START}(?:[^\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF\\u2066-\\u2069]*${LTR_START})?`, 'gu');

/** Each left-to-right piece of a right-to-left line between FSI and PDI (UAX #9 isolates). */
export function isolateLeftToRight(line: string): string {
  return line.replace(LTR_PIECE, (piece) => `\u2068${piece}\u2069`);
}
