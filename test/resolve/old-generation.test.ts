import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';

/**
 * What a JSON-LD operation leaves in V8's old generation decides how often a full collection
 * runs, and a full collection is what delays the slowest requests under load (issue #16).
 * Before the fixes in resolve/jsonld-shared-contexts.ts (clones of a finished context share
 * their accessors) and resolve/jsonld-options-shape.ts (jsonld.js's options keep one hidden
 * class), each of these left 2–3 KB there: a new hidden class per typed node. Measured in a
 * child process whose old generation is large enough that no full collection runs meanwhile.
 */
describe('JSON-LD work leaves (almost) nothing in the old generation', function () {
  this.timeout(120_000);

  it('safe-mode expansion, proof verification and signing each leave under 500 bytes per operation', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--initial-old-space-size=400', '--import', 'tsx', 'test/helpers/old-generation-probe.ts'],
      { timeout: 110_000 },
    );
    const bytesPerOperation = JSON.parse(stdout) as Record<string, number>;
    expect(Object.keys(bytesPerOperation)).to.have.members(['expand', 'verify-proof', 'sign']);
    for (const [operation, bytes] of Object.entries(bytesPerOperation)) expect(bytes, operation).to.be.below(500);
  });
});
