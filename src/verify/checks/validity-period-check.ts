import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check } from '../check.js';

/**
 * How far in the future a validFrom may lie and still count as started. Issuers stamp
 * validFrom with their own clock at the moment of signing (a status list is re-signed
 * on demand, a credential is scanned seconds after issuance); a verifier's clock a
 * little behind must not call a fresh document "not yet valid". Expiry stays exact.
 */
export const CLOCK_SKEW_MS = 60_000;

/** validFrom/validUntil against the clock. Not fatal: an expired credential is still authentic. */
export const validityPeriodCheck: Check = {
  id: 'validity-period',
  fatal: false,
  async run(context) {
    const { validFrom, validUntil } = parsedOf(context).credential as { validFrom?: string; validUntil?: string };
    const now = context.now.getTime();
    if (validFrom !== undefined && Date.parse(validFrom) > now + CLOCK_SKEW_MS) {
      return { status: 'failure', problems: [new ProblemError('credential-not-yet-valid', `The credential is valid from ${validFrom}.`)] };
    }
    if (validUntil !== undefined && Date.parse(validUntil) < now) {
      return { status: 'failure', problems: [new ProblemError('credential-expired', `The credential expired on ${validUntil}.`)] };
    }
    if (validFrom === undefined && validUntil === undefined) {
      return { status: 'skipped', cause: 'not-applicable', reason: 'The credential states no validity period.' };
    }
    return {
      status: 'success',
      message: `Valid ${validFrom === undefined ? '' : `from ${validFrom} `}${validUntil === undefined ? 'with no end date' : `until ${validUntil}`}.`,
    };
  },
};
