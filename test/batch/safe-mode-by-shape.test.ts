import { expect } from 'chai';
import { createSafeModeByShape } from '../../src/batch/safe-mode-by-shape.js';
import { expandManyInPool } from '../../src/resolve/json-ld-pool.js';

/** A cohort credential: the same keys for everyone, different literal values and ids. */
function credential(index: number, subject: Record<string, unknown> = {}, type: string[] = ['VerifiableCredential']): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type,
    issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    validFrom: '2026-01-01T00:00:00Z',
    name: `Pre-departure orientation, session ${index}`,
    credentialSubject: { id: `did:example:worker-${index}`, name: `Worker ${index} «${'é'.repeat(index % 5)}»`, ...subject },
  };
}

describe('safe mode once per shape (batch/safe-mode-by-shape)', function () {
  this.timeout(60_000);

  it('accepts a cohort whose credentials differ only in literal values and absolute ids', async () => {
    const check = createSafeModeByShape();
    const documents = Array.from({ length: 60 }, (_, index) => credential(index));
    expect(await check(documents)).to.deep.equal(Array(60).fill(undefined));
    // The same answer as expanding each one.
    expect(await expandManyInPool(documents)).to.deep.equal(Array(60).fill(undefined));
  });

  it('refuses exactly the credentials one expansion each refuses: a term outside the contexts, an unknown type, a relative subject id', async () => {
    const check = createSafeModeByShape();
    const documents = [
      ...Array.from({ length: 10 }, (_, index) => credential(index)),
      credential(10, { shoeSize: '42' }),
      credential(11, {}, ['VerifiableCredential', 'DiplomaOfNowhere']),
      // Same keys and kinds as the good ones: only the value of an IRI position differs.
      { ...credential(12), credentialSubject: { id: 'worker-12', name: 'Worker 12' } },
      // Not refused by an expansion of its own either (an issuer position): the shape check answers the same.
      { ...credential(13), issuer: 'not an iri' },
      ...Array.from({ length: 5 }, (_, index) => credential(20 + index)),
    ];
    const outcomes = await check(documents);
    const refused = outcomes.flatMap((problem, index) => (problem === undefined ? [] : [index]));
    expect(refused).to.deep.equal([10, 11, 12]);
    // Each problem is the one a credential expanded on its own gets.
    const alone = await expandManyInPool(documents);
    expect(outcomes.map((problem) => [problem?.type, problem?.message])).to.deep.equal(alone.map((problem) => [problem?.type, problem?.message]));
    expect(outcomes[10]?.message).to.include('shoeSize');
  });

  it('remembers shapes across groups: a later group with a bad credential of a known structure is still checked', async () => {
    const check = createSafeModeByShape();
    expect(await check([credential(1), credential(2)])).to.deep.equal([undefined, undefined]);
    const later = await check([credential(3), { ...credential(4), credentialSubject: { id: '#me', name: 'Worker 4' } }]);
    expect(later[0]).to.equal(undefined);
    expect(later[1]?.type).to.be.a('string');
  });
});
