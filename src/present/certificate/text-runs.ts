import type { PdfFont } from './pdf-fonts.js';

/** A piece of a line drawn with one font, in visual (left-to-right drawing) order. */
export interface VisualRun {
  text: string;
  font: PdfFont;
  /** Right-to-left text is shaped and reversed by fontkit; pdfkit needs features to lay it out whole. */
  rtl: boolean;
}

const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const NEUTRAL = /[\s\p{P}\p{S}]/u;
const ALL_NEUTRAL = /^[\s\p{P}\p{S}]+$/u;

/**
 * A small bidi for one line, enough for certificates: strong right-to-left (Arabic, Hebrew)
 * and left-to-right segments, neutrals (spaces, punctuation) joining the segment they
 * follow; segments ordered by the paragraph direction, the runs of a right-to-left segment
 * reversed. Within a run, fontkit does the OpenType shaping (joining forms, ligatures) and
 * the glyph reversal for Arabic.
 */
export function visualRuns(line: string, paragraphRtl: boolean, fonts: PdfFont[]): VisualRun[] {
  const segments: Array<{ rtl: boolean; chars: string[] }> = [];
  for (const char of line) {
    const strongRtl = RTL_CHAR.test(char);
    const neutral = !strongRtl && NEUTRAL.test(char);
    const last = segments[segments.length - 1];
    const rtl = neutral ? (last?.rtl ?? paragraphRtl) : strongRtl;
    if (last !== undefined && last.rtl === rtl) last.chars.push(char);
    else segments.push({ rtl, chars: [char] });
  }
  // Neutrals between two directions take the paragraph's: move them off an embedded segment's end.
  segments.forEach((segment, index) => {
    const next = segments[index + 1];
    if (segment.rtl === paragraphRtl || next === undefined) return;
    while (segment.chars.length > 1 && NEUTRAL.test(segment.chars[segment.chars.length - 1] as string)) next.chars.unshift(segment.chars.pop() as string);
  });
  const ordered = paragraphRtl ? [...segments].reverse() : segments;
  return ordered.flatMap((segment) => {
    const runs = fontRuns(segment.chars, fonts, segment.rtl);
    if (!segment.rtl) return runs;
    // Inside right-to-left text, a run of neutrals drawn by a Latin font reads right to left too.
    return runs.reverse().map((run) => (run.rtl || !ALL_NEUTRAL.test(run.text) ? run : { ...run, text: [...run.text].reverse().join('') }));
  });
}

function fontRuns(chars: string[], fonts: PdfFont[], rtl: boolean): VisualRun[] {
  const runs: VisualRun[] = [];
  for (const char of chars) {
    const codePoint = char.codePointAt(0) ?? 0;
    const last = runs[runs.length - 1];
    // Keep a neutral in the current run when its font has it, so words are not split.
    if (last !== undefined && last.font.covers(codePoint)) {
      last.text += char;
      continue;
    }
    const font = fonts.find((candidate) => candidate.covers(codePoint)) ?? (fonts[0] as PdfFont);
    runs.push({ text: char, font, rtl: rtl && font.script === 'arabic' });
  }
  return runs;
}
