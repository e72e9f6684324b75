import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

/**
 * Noto Sans for Latin, Greek and Cyrillic, Amiri for Arabic, Noto Sans Math for arrows and check marks, from the @fontsource packages
 * (installed with npm, never fetched at run time). Not Noto Sans Arabic: it draws dots as
 * separate mark glyphs, so ز and ر share a glyph and copied text came out wrong; Amiri has
 * one glyph per letter form, so the PDF's ToUnicode map gives the right letters back.
 * Fontsource splits a family by Unicode range, so each file covers one script; the
 * certificate picks, per character, the first file that has a glyph for it.
 */
const FILES = {
  latin: '@fontsource/noto-sans/files/noto-sans-latin-{w}-normal.woff',
  'latin-ext': '@fontsource/noto-sans/files/noto-sans-latin-ext-{w}-normal.woff',
  arabic: '@fontsource/amiri/files/amiri-arabic-{w}-normal.woff',
  greek: '@fontsource/noto-sans/files/noto-sans-greek-{w}-normal.woff',
  cyrillic: '@fontsource/noto-sans/files/noto-sans-cyrillic-{w}-normal.woff',
  // Last resort for the arrows (→ ←) of level mappings and the ✓ of the dossier: no text font above has them.
  // One weight only: a bold arrow is drawn regular.
  symbols: '@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff',
} as const;

export type Script = keyof typeof FILES;
export type Weight = 400 | 700;

export interface PdfFont {
  /** The name registered with pdfkit. */
  name: string;
  path: string;
  script: Script;
  covers(codePoint: number): boolean;
}

const cache = new Map<Weight, PdfFont[]>();

/** The fonts of one weight, in fallback order. Loaded once per process. */
export function fontsFor(weight: Weight): PdfFont[] {
  let fonts = cache.get(weight);
  if (fonts === undefined) {
    fonts = (Object.keys(FILES) as Script[]).map((script) => {
      const path = require.resolve(FILES[script].replace('{w}', String(weight)));
      const font = fontkit.openSync(path) as fontkit.Font;
      return { name: `${script}-${weight}`, path, script, covers: (codePoint: number) => font.hasGlyphForCodePoint(codePoint) };
    });
    cache.set(weight, fonts);
  }
  return fonts;
}
