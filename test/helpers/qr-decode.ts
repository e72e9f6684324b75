import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS typed as an ES module: at run time the default import is the function itself.
const jsQR = (typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default) as typeof jsQRModule.default;

/** Decodes a QR code from a PNG, as a phone would from a photo: pixels in, text out. */
export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/**
 * Decodes the SVG that `qrcode` writes (one stroked path of horizontal runs: `M x y.5`,
 * `h n`, `m dx dy`) by drawing its modules into pixels, then reading them with jsQR.
 */
export function decodeQrSvg(svg: string, scale = 6): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
  if (!Number.isInteger(size) || path === undefined) return undefined;
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([MmHh])([\d.]+)(?: ([\d.]+))?/g)) {
    const first = Number(a);
    const second = Number(b);
    if (command === 'M') [x, y] = [first, second];
    else if (command === 'm') [x, y] = [x + first, y + second];
    else {
      for (let column = x; column < x + first; column += 1) dark.add(`${column},${Math.floor(y)}`);
      x += first;
    }
  }
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let py = 0; py < width; py += 1) {
    for (let px = 0; px < width; px += 1) {
      if (dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`)) pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
    }
  }
  return jsQR(pixels, width, width)?.data;
}
