import { gunzipSync } from 'node:zlib';
import { Bitstring } from '@digitalbazaar/bitstring';

/** The spec's minimum list length, for herd privacy (Bitstring Status List §6.1). */
export const MIN_LIST_BITS = 131_072;

/** `encodedList`: multibase base64url (prefix "u") of the GZIP-compressed bitstring. */
export async function encodeList(size: number, setIndexes: Iterable<number>): Promise<string> {
  const bits = new Bitstring({ length: size });
  for (const index of setIndexes) bits.set(index, true);
  return `u${await bits.encodeBits()}`;
}

export class EncodedListError extends Error {
  override readonly name = 'EncodedListError';
}

/**
 * Decodes a list from a credential we did not make. GZIP is inflated with a hard cap,
 * so a small "compression bomb" cannot make the verifier allocate gigabytes.
 */
export function decodeList(encodedList: unknown, maxBits = 16 * MIN_LIST_BITS): { length: number; get(index: number): boolean } {
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new EncodedListError('encodedList must be a multibase base64url string (prefix "u").');
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: maxBits / 8 });
  } catch (error) {
    throw new EncodedListError(`encodedList is not a GZIP bitstring of at most ${maxBits} bits: ${(error as Error).message}`);
  }
  const length = bytes.length * 8;
  if (length < MIN_LIST_BITS) throw new EncodedListError(`The list has ${length} bits; the minimum is ${MIN_LIST_BITS}.`);
  const bits = new Bitstring({ buffer: new Uint8Array(bytes) });
  return { length, get: (index) => bits.get(index) };
}
