import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Digits in the transaction code (PIN) the school hands over apart from the QR code. */
export const TX_CODE_LENGTH = 6;

/**
 * The pre-authorized code: 32 random bytes, base64url. It is also the last segment of the
 * offer URI, so whoever holds the QR code holds the code; the PIN is the second factor.
 */
export function newPreAuthorizedCode(): string {
  return randomBytes(32).toString('base64url');
}

/** A numeric PIN, as OpenID4VCI's `tx_code` with `input_mode: numeric`. */
export function newTxCode(): string {
  return Array.from({ length: TX_CODE_LENGTH }, () => String(randomInt(10))).join('');
}

export function codeHash(code: string): string {
  return createHash('sha256').update(`passerelle-offer-code\n${code}`, 'utf8').digest('hex');
}

/**
 * A 6-digit PIN hashed alone would be found from its hash in a second (10^6 candidates);
 * hashed with the pre-authorized code, which the database holds only as a hash too, a copy
 * of the database gives neither away.
 */
export function txCodeHash(code: string, txCode: string): string {
  return createHash('sha256').update(`passerelle-offer-tx-code\n${code}\n${txCode}`, 'utf8').digest('hex');
}

export function sameHash(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(actual, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
