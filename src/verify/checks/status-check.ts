import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check } from '../check.js';

/**
 * Placeholder until Bitstring Status List lands: a credential that declares a status
 * is "could not check" — never silently "active".
 */
export const statusCheck: Check = {
  id: 'status',
  fatal: false,
  async run(context) {
    const { credentialStatus } = parsedOf(context).credential;
    if (credentialStatus === undefined) {
      return { status: 'skipped', cause: 'not-applicable', reason: 'No status: the credential has no credentialStatus.' };
    }
    const problem = new ProblemError('status-unchecked', 'This service does not check credentialStatus yet, so revocation and suspension are unknown.');
    return { status: 'skipped', cause: 'could-not-check', reason: problem.message, problems: [problem] };
  },
};
