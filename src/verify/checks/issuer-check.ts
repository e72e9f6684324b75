import { issuerIdOf } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check } from '../check.js';

/** The key that signed belongs to the issuer the credential names. */
export const issuerCheck: Check = {
  id: 'issuer',
  fatal: true,
  async run(context) {
    const issuer = issuerIdOf(parsedOf(context).credential);
    const controller = context.verificationMethod?.controller;
    if (controller !== undefined && controller === issuer) {
      return { status: 'success', message: `Signed by ${issuer}.` };
    }
    return {
      status: 'failure',
      problems: [new ProblemError('issuer-key-mismatch', `The credential names ${String(issuer)} as issuer but was signed by a key of ${String(controller)}.`)],
    };
  },
};
