import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import type { StatusListRecord, StatusPosition, Store } from '../store/ports.js';
import { MIN_LIST_BITS } from './bitstring.js';

export interface StatusPositions {
  /** A position no credential has had or will have, in one of the issuer's lists. */
  take(issuerId: string): Promise<{ list: StatusListRecord; position: StatusPosition }>;
  /**
   * `count` fresh positions straight from the store, for a batch: one store write per
   * list touched instead of one per block of 32. Positions left unused stay 0 forever.
   */
  takeMany(issuerId: string, count: number): Promise<Array<{ list: StatusListRecord; position: StatusPosition }>>;
}

/**
 * Positions reserved from the store in blocks, then handed out from memory. One store
 * write (a durable, fsynced transaction on SQLite) per block instead of one per
 * credential. A process that stops leaves the rest of its block unused: those bits
 * stay 0 forever, which costs list space, never correctness, since a reserved
 * position is never handed out twice.
 */
export function createStatusPositions(deps: { store: Store; clock: Clock; listSize?: number; blockSize?: number }): StatusPositions {
  const listSize = deps.listSize ?? MIN_LIST_BITS;
  const blockSize = deps.blockSize ?? 32;
  const blocks = new Map<string, { list: StatusListRecord; next: number; end: number }>();
  const refills = new Map<string, Promise<void>>();

  function refill(issuerId: string): Promise<void> {
    let pending = refills.get(issuerId);
    if (pending === undefined) {
      pending = deps.store.status
        .allocate(issuerId, () => newList(issuerId, listSize, deps.clock), blockSize)
        .then(({ list, ordinal, count }) => {
          blocks.set(issuerId, { list, next: ordinal, end: ordinal + count });
        })
        .finally(() => refills.delete(issuerId));
      refills.set(issuerId, pending);
    }
    return pending;
  }

  return {
    async takeMany(issuerId, count) {
      const taken: Array<{ list: StatusListRecord; position: StatusPosition }> = [];
      // A list may have fewer positions left than asked: the store gives what it has, then opens the next list.
      while (taken.length < count) {
        const block = await deps.store.status.allocate(issuerId, () => newList(issuerId, listSize, deps.clock), count - taken.length);
        for (let ordinal = block.ordinal; ordinal < block.ordinal + block.count; ordinal += 1) {
          taken.push({ list: block.list, position: { listId: block.list.id, ordinal } });
        }
      }
      return taken;
    },
    async take(issuerId) {
      for (;;) {
        const block = blocks.get(issuerId);
        if (block !== undefined && block.next < block.end) {
          const ordinal = block.next;
          block.next += 1;
          return { list: block.list, position: { listId: block.list.id, ordinal } };
        }
        // Everyone waiting on the same refill then races for its positions; whoever
        // finds it empty again simply asks for the next block.
        await refill(issuerId);
      }
    },
  };
}

function newList(issuerId: string, size: number, clock: Clock): StatusListRecord {
  return {
    id: randomUUID(),
    issuerId,
    size,
    allocated: 0,
    permutationKey: randomBytes(32).toString('hex'),
    version: 0,
    createdAt: clock.now().toISOString(),
  };
}
