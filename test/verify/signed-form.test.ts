import { expect } from 'chai';
import { assertWithinJsonLimits } from '../../src/shared/json-limits.js';
import { ProblemError } from '../../src/shared/problems.js';
import { assertSignedForm } from '../../src/shared/signed-form.js';

/** The pointer a refusal names, or undefined when the document is accepted. */
function refusedAt(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return error.pointer;
  }
}

const credential = (subject: Record<string, unknown>) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  credentialSubject: subject,
});

/**
 * A set holds each value once (JSON-LD merges repeats, so a repeat is unsigned). The rule
 * compares by canonical JSON; these cases pin what counts as "the same value", so that a
 * faster comparison can neither miss a repeat nor refuse two values that only look alike.
 */
describe('signed form: a value repeated in one array', () => {
  const repeats: Array<[string, unknown[], number]> = [
    ['the same string', ['a', 'b', 'a'], 2],
    ['the same number', [1, 2, 1], 2],
    ['0 and -0 (both written 0)', [0, -0], 1],
    ['the same boolean', [true, false, true], 2],
    [
      'objects with their keys in another order',
      [
        { a: 1, b: 'x' },
        { b: 'x', a: 1 },
      ],
      1,
    ],
    ['objects equal in their nested members', [{ a: { b: [1, 2] } }, { c: 1 }, { a: { b: [1, 2] } }], 2],
    [
      'the same array',
      [
        ['x', 'y'],
        ['x', 'y'],
      ],
      1,
    ],
  ];
  for (const [what, values, index] of repeats) {
    it(`refuses ${what}, naming the repeat`, () => {
      expect(refusedAt(() => assertSignedForm(credential({ id: 'did:example:w', values })))).to.equal(`/credentialSubject/values/${index}`);
    });
  }

  const distinct: Array<[string, unknown[]]> = [
    ['a number and its string', [1, '1']],
    ['a boolean and its string', [true, 'true']],
    ['objects with one key spelt alike and a different value', [{ a: 1 }, { a: '1' }]],
    ['objects differing only in a nested value', [{ a: { b: 1 } }, { a: { b: 2 } }]],
    ['objects whose keys and values join alike', [{ ab: 'c' }, { a: 'bc' }]],
    ['arrays of one length with other items', [['x'], ['y']]],
    ['an array and an object', [['x'], { 0: 'x' }]],
  ];
  for (const [what, values] of distinct) {
    it(`accepts ${what}`, () => {
      expect(refusedAt(() => assertSignedForm(credential({ id: 'did:example:w', values })))).to.equal(undefined);
    });
  }
});

describe('JSON limits: the pointer of the value at fault', () => {
  it('names the forbidden key deep in arrays and objects', () => {
    const body = JSON.parse('{"a":[{"b":1},{"c":[0,{"__proto__":1}]}]}') as unknown;
    expect(refusedAt(() => assertWithinJsonLimits(body, '/x'))).to.equal('/x/a/1/c/1/__proto__');
  });

  it('names the array that is too long, with keys escaped', () => {
    expect(refusedAt(() => assertWithinJsonLimits({ 'a/b': [{ 'c~': new Array(1_001).fill(0) }] }))).to.equal('/a~1b/0/c~0');
  });

  it('names where the nesting goes too deep', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 40; level += 1) deep = [deep];
    expect(refusedAt(() => assertWithinJsonLimits({ deep }))).to.equal(`/deep${'/0'.repeat(31)}`);
  });
});
