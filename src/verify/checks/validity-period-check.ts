import { dataModelOf, type Credential } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check } from '../check.js';

/**
 * How far in the future a validFrom may lie and still count as started. Issuers stamp
 * validFrom with their own clock at the moment of signing (a status list is re-signed
 * on demand, a credential is scanned seconds after issuance); a verifier's clock a
 * little behind must not call a fresh document "not yet valid". Expiry stays exact.
 */
export const CLOCK_SKEW_MS = 60_000;

interface StatedDate {
  property: string;
  value: string;
}

/**
 * The dates that open and close the validity period, by data model: VC 2.0 validFrom
 * and validUntil; VC 1.1 issuanceDate and expirationDate (its context also defines
 * validFrom/validUntil, so when a 1.1 credential states them too they bound it as well:
 * every date the issuer signed is honoured, none is silently ignored).
 */
function statedPeriod(credential: Credential): { starts: StatedDate[]; ends: StatedDate[] } {
  const names =
    dataModelOf(credential) === '1.1'
      ? { starts: ['issuanceDate', 'validFrom'], ends: ['expirationDate', 'validUntil'] }
      : { starts: ['validFrom'], ends: ['validUntil'] };
  const stated = (properties: string[]): StatedDate[] =>
    properties.flatMap((property) => (typeof credential[property] === 'string' ? [{ property, value: credential[property] }] : []));
  return { starts: stated(names.starts), ends: stated(names.ends) };
}

/** The validity period against the clock. Not fatal: an expired credential is still authentic. */
export const validityPeriodCheck: Check = {
  id: 'validity-period',
  fatal: false,
  async run(context) {
    const { starts, ends } = statedPeriod(parsedOf(context).credential);
    const now = context.now.getTime();
    const notStarted = starts.find((start) => Date.parse(start.value) > now + CLOCK_SKEW_MS);
    if (notStarted !== undefined) {
      return {
        status: 'failure',
        problems: [new ProblemError('credential-not-yet-valid', `The credential is valid from ${notStarted.value} (${notStarted.property}).`)],
      };
    }
    const ended = ends.find((end) => Date.parse(end.value) < now);
    if (ended !== undefined) {
      return { status: 'failure', problems: [new ProblemError('credential-expired', `The credential expired on ${ended.value} (${ended.property}).`)] };
    }
    if (starts.length === 0 && ends.length === 0) {
      return { status: 'skipped', cause: 'not-applicable', reason: 'The credential states no validity period.' };
    }
    const from = starts.map((start) => `from ${start.value} (${start.property}) `).join('');
    const until = ends.length === 0 ? 'with no end date' : ends.map((end) => `until ${end.value} (${end.property})`).join(' ');
    return { status: 'success', message: `Valid ${from}${until}.` };
  },
};
