import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Item {
  str: string;
  dir: string;
  x: number;
  y: number;
}

/**
 * The text of every page in reading order, as a person reads it: line by line from the
 * top; a line with right-to-left text is read from its right edge. pdf.js gives each text
 * item back in logical order, but items in drawing order (left to right), and it splits a
 * shaped Arabic run wherever the glyph positions jump.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    const items: Item[] = content.items.flatMap((item) =>
      'str' in item && item.str !== '' ? [{ str: item.str, dir: item.dir, x: item.transform[4] as number, y: Math.round(item.transform[5] as number) }] : [],
    );
    const lines = new Map<number, Item[]>();
    for (const item of items) lines.set(item.y, [...(lines.get(item.y) ?? []), item]);
    pages.push(
      [...lines.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, line]) => {
          const rtl = line.some((item) => item.dir === 'rtl');
          return line
            .sort((a, b) => (rtl ? b.x - a.x : a.x - b.x))
            .map((item) => item.str)
            .join('');
        })
        .join('\n'),
    );
  }
  await document.destroy();
  // Glyphs with no Unicode value come out as control characters; lines and pages stay.
  return [...pages.join('\n\f')].filter((char) => char === '\n' || char === '\f' || !/\p{Cc}/u.test(char)).join('');
}

/** Every text item of every page with its position, in drawing order: for tests of visual order (bidi). */
export async function pdfTextItems(pdf: Buffer): Promise<Array<{ page: number; str: string; x: number; y: number; width: number }>> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const items: Array<{ page: number; str: string; x: number; y: number; width: number }> = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) {
      if ('str' in item && item.str.trim() !== '')
        items.push({ page: number, str: item.str, x: item.transform[4] as number, y: Math.round(item.transform[5] as number), width: item.width });
    }
  }
  await document.destroy();
  return items;
}

/** Spaces differ between how runs are drawn and how they are extracted: compare without them. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');
