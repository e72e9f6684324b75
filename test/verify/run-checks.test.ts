import { expect } from 'chai';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { ProblemError } from '../../src/shared/problems.js';
import type { Check, CheckResult, VerifyContext } from '../../src/verify/check.js';
import { runChecks } from '../../src/verify/run-checks.js';
import { isVerified, verdictOf, type CheckId } from '../../src/verify/report.js';

const context: VerifyContext = {
  input: {},
  now: new Date(),
  documentLoader: createDocumentLoader({ contexts: new Map() }),
  didResolver: { resolve: () => Promise.reject(new Error('unused')) },
};

function check(id: CheckId, fatal: boolean, result: CheckResult | (() => never), calls: string[] = []): Check {
  return {
    id,
    fatal,
    async run() {
      calls.push(id);
      return typeof result === 'function' ? result() : result;
    },
  };
}

const ok: CheckResult = { status: 'success', message: 'fine' };
const bad = (type: 'invalid-signature' | 'credential-expired'): CheckResult => ({ status: 'failure', problems: [new ProblemError(type, 'no')] });

describe('runChecks', () => {
  it('runs every check in order when all pass', async () => {
    const calls: string[] = [];
    const outcomes = await runChecks([check('data-model', true, ok, calls), check('signature', true, ok, calls), check('status', false, ok, calls)], context);
    expect(calls).to.deep.equal(['data-model', 'signature', 'status']);
    expect(outcomes.map((outcome) => outcome.check)).to.deep.equal(['data-model', 'signature', 'status']);
    expect(isVerified(outcomes)).to.equal(true);
  });

  it('does not run checks after a fatal failure, but still lists them as not run', async () => {
    const calls: string[] = [];
    const outcomes = await runChecks(
      [check('signature', true, bad('invalid-signature'), calls), check('validity-period', false, ok, calls), check('status', false, ok, calls)],
      context,
    );
    expect(calls).to.deep.equal(['signature']);
    expect(outcomes[1]).to.deep.include({ check: 'validity-period', status: 'skipped', cause: 'not-run' });
    expect(outcomes[2]).to.deep.include({ check: 'status', status: 'skipped', cause: 'not-run' });
    expect(verdictOf(outcomes)).to.equal('not-genuine');
  });

  it('keeps going after a non-fatal failure: expired is still authentic', async () => {
    const calls: string[] = [];
    const outcomes = await runChecks(
      [check('signature', true, ok, calls), check('validity-period', false, bad('credential-expired'), calls), check('status', false, ok, calls)],
      context,
    );
    expect(calls).to.deep.equal(['signature', 'validity-period', 'status']);
    expect(verdictOf(outcomes)).to.equal('expired');
    expect(isVerified(outcomes)).to.equal(false);
  });

  it('reports a throwing check as could-not-check with its message only, never its stack', async () => {
    const outcomes = await runChecks(
      [
        check('issuer-key', true, () => {
          throw new Error('database went away');
        }),
        check('signature', true, ok),
      ],
      context,
    );
    expect(outcomes[0]).to.deep.include({ status: 'skipped', cause: 'could-not-check' });
    const problem = (outcomes[0] as { problems: Array<{ detail: string }> }).problems[0];
    expect(problem?.detail).to.equal('database went away');
    expect(JSON.stringify(outcomes)).not.to.include('at ');
    expect(outcomes[1]).to.deep.include({ status: 'skipped', cause: 'not-run' });
    expect(verdictOf(outcomes)).to.equal('could-not-check');
    expect(isVerified(outcomes)).to.equal(false);
  });

  it('counts a not-applicable skip as verified, and a could-not-check skip as not verified', async () => {
    const notApplicable = await runChecks([check('status', false, { status: 'skipped', cause: 'not-applicable', reason: 'no status' })], context);
    expect(isVerified(notApplicable)).to.equal(true);
    const unknown = await runChecks([check('status', false, { status: 'skipped', cause: 'could-not-check', reason: 'list unreachable' })], context);
    expect(isVerified(unknown)).to.equal(false);
    expect(verdictOf(unknown)).to.equal('could-not-check');
  });
});
