import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { systemClock } from '../../src/shared/clock.js';
import { createStatusPositions } from '../../src/status/status-positions.js';
import type { Store } from '../../src/store/ports.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

describe('status positions (blocks reserved from the store)', () => {
  let dir: string;
  let store: Store;
  let issuerId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-positions-'));
    store = openSqliteStore(join(dir, 'store.sqlite'));
    issuerId = randomUUID();
    await store.issuers.create({
      id: issuerId,
      slug: `s-${issuerId}`,
      legalName: 'Centre',
      country: 'MA',
      names: {},
      didMethod: 'key',
      did: `did:key:z${issuerId}`,
      createdAt: new Date().toISOString(),
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out each position once to concurrent callers of two "processes", filling lists and opening new ones', async () => {
    // Two reserves on one store behave as two processes would.
    const a = createStatusPositions({ store, clock: systemClock, listSize: 20, blockSize: 6 });
    const b = createStatusPositions({ store, clock: systemClock, listSize: 20, blockSize: 6 });

    const taken = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? a : b).take(issuerId)));

    const keys = taken.map(({ position }) => `${position.listId}/${position.ordinal}`);
    expect(new Set(keys).size).to.equal(100);
    for (const { list, position } of taken) {
      expect(position.listId).to.equal(list.id);
      expect(position.ordinal).to.be.within(0, 19);
    }
  });

  it('writes to the store once per block, not once per credential', async () => {
    const positions = createStatusPositions({ store, clock: systemClock, listSize: 1000, blockSize: 10 });
    for (let i = 0; i < 25; i += 1) await positions.take(issuerId);

    const { list } = await positions.take(issuerId);
    // 26 positions taken → 3 blocks of 10 reserved.
    expect((await store.status.findList(list.id))?.allocated).to.equal(30);
  });
});
