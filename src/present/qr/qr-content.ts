import QRCode from 'qrcode';
import type { CredentialRecord } from '../../store/ports.js';
import { encodeQrPayload, type QrCarried } from './qr-payload.js';

/**
 * What a printed code must survive, and why (docs/qr-payload.md):
 * - printed 3 cm wide including the 4-module quiet zone, a version-V code is 4V+17+8
 *   modules wide; at version 18 that is 97 modules, 0.31 mm each — the smallest module a
 *   phone camera still resolves reliably from 10–15 cm and a 300 dpi printer still draws
 *   with 3–4 dots. So 18 is the largest version we print.
 * - level M restores 15% of damaged codewords: a fold, a stain, a worn corner. Level L
 *   (7%) buys 30% more bytes but fails on scuffed paper.
 */
export const QR_ERROR_CORRECTION = 'M' as const;
export const QR_QUIET_ZONE = 4;

/**
 * Largest version per medium. A signed credential rarely fits a 3 cm code (docs/qr-payload.md
 * has the figures), so the certificate prints a larger code when that lets it carry the
 * credential, and a phone screen (no ink, no scuffs, high resolution) takes any version.
 */
export const QR_MAX_VERSION = {
  /** 3 cm with quiet zone: 97 modules of 0.31 mm. */
  print3cm: 18,
  /** 5 cm on the A4 certificate: 125 modules of 0.40 mm. */
  certificate: 25,
  screen: 40,
} as const;
export type QrMedium = keyof typeof QR_MAX_VERSION;

export interface QrContent {
  /** The text encoded: the page URL, with `#vc=` when the credential fits. */
  text: string;
  /** Whether the credential itself rides in the fragment. */
  carriesCredential: boolean;
  version: number;
}

/** The last path segment of the credential id names its public page: `<PUBLIC_URL>/v/<segment>`. */
export function pageIdOf(credentialId: string): string {
  return credentialId.split('/').pop() ?? credentialId;
}

export function verificationUrl(publicUrl: string, credentialId: string): string {
  return `${publicUrl}/v/${encodeURIComponent(pageIdOf(credentialId))}`;
}

/** The richest content that still fits the printable budget; the short URL otherwise. */
export function qrContent(publicUrl: string, record: CredentialRecord, medium: QrMedium = 'print3cm'): QrContent {
  const url = verificationUrl(publicUrl, record.id);
  const carried = carriedOf(record);
  const payload = carried === undefined ? undefined : encodeQrPayloadOrUndefined(carried);
  if (payload !== undefined) {
    const text = `${url}#vc=${payload}`;
    const version = versionFor(text);
    if (version !== undefined && version <= QR_MAX_VERSION[medium]) return { text, carriesCredential: true, version };
  }
  return { text: url, carriesCredential: false, version: versionFor(url) ?? 40 };
}

function carriedOf(record: CredentialRecord): QrCarried | undefined {
  if (record.format === 'jwt' && record.jwt !== undefined) return { kind: 'jwt', jwt: record.jwt };
  if (record.format === 'di') return { kind: 'di', credential: record.credential };
  return undefined;
}

function versionFor(text: string): number | undefined {
  try {
    return QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION }).version;
  } catch {
    return undefined; // longer than version 40 can hold
  }
}

/** A JWS that would not rebuild byte for byte is simply not carried. */
function encodeQrPayloadOrUndefined(carried: QrCarried): string | undefined {
  try {
    return encodeQrPayload(carried);
  } catch {
    return undefined;
  }
}
