import { expect } from 'chai';
import { indexForOrdinal } from '../../src/status/position-permutation.js';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('status list positions: the keyed permutation of ordinals', () => {
  it('gives every ordinal of a list its own index inside the list (a full 131,072-entry list, and small ones)', () => {
    for (const size of [20, 1000, 131_072]) {
      const seen = new Set<number>();
      for (let ordinal = 0; ordinal < size; ordinal += 1) {
        const index = indexForOrdinal(ordinal, size, KEY);
        expect(index).to.be.within(0, size - 1);
        seen.add(index);
      }
      expect(seen.size).to.equal(size);
    }
  });

  it('never moves a position: these indexes were handed out before round values were kept (lists in use depend on them)', () => {
    expect([0, 1, 2, 3, 131_071].map((ordinal) => indexForOrdinal(ordinal, 131_072, KEY))).to.deep.equal([109908, 110608, 67294, 49429, 6849]);
    expect([0, 1, 2, 3, 999].map((ordinal) => indexForOrdinal(ordinal, 1000, KEY))).to.deep.equal([96, 102, 721, 138, 678]);
    // A list too large for kept round values (halves of 13 bits) computes them each time, to the same function.
    expect([0, 1, 2].map((ordinal) => indexForOrdinal(ordinal, 1 << 26, KEY))).to.deep.equal([29112186, 19368193, 30938766]);
    // Another key, another order.
    expect(indexForOrdinal(0, 131_072, 'ff'.repeat(32))).not.to.equal(109908);
  });

  it('refuses an ordinal outside the list', () => {
    expect(() => indexForOrdinal(1000, 1000, KEY)).to.throw(RangeError);
    expect(() => indexForOrdinal(-1, 1000, KEY)).to.throw(RangeError);
  });
});
