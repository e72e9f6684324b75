import { createHmac } from 'node:crypto';

/**
 * Maps allocation ordinals 0, 1, 2… to list indexes that look random, without
 * replacement: a keyed pseudorandom permutation of [0, size).
 *
 * Bitstring Status List asks for random positions so that neighbours in a list say
 * nothing about each other (herd privacy). A counter in the store makes allocation
 * atomic and O(1); this permutation makes its output unpredictable to anyone without
 * the list's key. It is a 4-round balanced Feistel network over the smallest even
 * number of bits that covers `size`, with cycle walking to stay below `size`: a
 * bijection, so two ordinals never share an index and a full list uses every index.
 */
export function indexForOrdinal(ordinal: number, size: number, key: string): number {
  if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= size) {
    throw new RangeError(`Ordinal ${ordinal} is outside a list of ${size} positions.`);
  }
  const halfBits = Math.ceil(Math.ceil(Math.log2(size)) / 2);
  const keyBytes = Buffer.from(key, 'hex');
  let value = ordinal;
  do {
    value = feistel(value, halfBits, keyBytes);
  } while (value >= size);
  return value;
}

const ROUNDS = 4;

function feistel(value: number, halfBits: number, key: Buffer): number {
  const mask = (1 << halfBits) - 1;
  let left = (value >>> halfBits) & mask;
  let right = value & mask;
  for (let round = 0; round < ROUNDS; round += 1) {
    const next = left ^ (roundFunction(key, round, right) & mask);
    left = right;
    right = next;
  }
  return ((left << halfBits) | right) >>> 0;
}

function roundFunction(key: Buffer, round: number, input: number): number {
  const data = Buffer.alloc(5);
  data.writeUInt8(round, 0);
  data.writeUInt32BE(input, 1);
  return createHmac('sha256', key).update(data).digest().readUInt32BE(0);
}
