import QRCode from 'qrcode';
import { QR_ERROR_CORRECTION, QR_QUIET_ZONE } from './qr-content.js';

/** Scalable: what print layouts should use. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE });
}

/** 8 px per module: sharp on screens and enough for a 3 cm print at 600 dpi or less. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE, scale: 8 });
}

/** The module matrix, for drawing the code into a PDF as vector squares. */
export function qrModules(text: string): { size: number; isDark(row: number, column: number): boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return { size: modules.size, isDark: (row, column) => Boolean(modules.get(row, column)) };
}
