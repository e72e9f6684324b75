import { ProblemError } from '../shared/problems.js';
import type { Check, CheckResult, VerifyContext } from './check.js';
import type { CheckOutcome } from './report.js';

/**
 * Pure orchestration: runs checks in order, stops after a fatal failure, and still
 * lists every check, so a report always says what was and was not checked.
 */
export async function runChecks(checks: readonly Check[], context: VerifyContext): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  let haltedBy: string | undefined;
  for (const check of checks) {
    if (haltedBy !== undefined) {
      outcomes.push({ check: check.id, status: 'skipped', cause: 'not-run', reason: `Not run: ${haltedBy}.` });
      continue;
    }
    const result = await runOne(check, context);
    outcomes.push(toOutcome(check, result));
    if (check.fatal && result.status !== 'success' && !(result.status === 'skipped' && result.cause === 'not-applicable')) {
      haltedBy = result.status === 'failure' ? `the ${check.id} check failed` : `the ${check.id} check could not be completed`;
    }
  }
  return outcomes;
}

async function runOne(check: Check, context: VerifyContext): Promise<CheckResult> {
  try {
    return await check.run(context);
  } catch (error) {
    // Only the message is kept, never the stack: reports go to the public.
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'skipped',
      cause: 'could-not-check',
      reason: `The ${check.id} check could not be completed.`,
      // A named problem (e.g. processing-timeout) keeps its type; anything else is internal.
      problems: [error instanceof ProblemError ? error : new ProblemError('internal', message)],
    };
  }
}

function toOutcome(check: Check, result: CheckResult): CheckOutcome {
  switch (result.status) {
    case 'success':
      return { check: check.id, status: 'success', message: result.message };
    case 'failure':
      return { check: check.id, status: 'failure', problems: result.problems.map((problem) => problem.toProblem()) };
    case 'skipped':
      return {
        check: check.id,
        status: 'skipped',
        cause: result.cause,
        reason: result.reason,
        ...(result.problems === undefined ? {} : { problems: result.problems.map((problem) => problem.toProblem()) }),
      };
  }
}
