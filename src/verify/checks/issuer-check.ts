import { issuerIdOf } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, signersOf, type Check } from '../check.js';

/**
 * A key that signed belongs to the issuer the credential names. It reads the signers the
 * signature check verified (every one of them), so the key checked here is a key that
 * verified. Other proofs in a set (e.g. a co-signer's) are allowed and named.
 */
export const issuerCheck: Check = {
  id: 'issuer',
  fatal: true,
  async run(context) {
    const issuer = issuerIdOf(parsedOf(context).credential);
    const signers = signersOf(context);
    const byIssuer = signers.filter((signer) => issuer !== undefined && signer.method.controller === issuer);
    if (byIssuer.length > 0) {
      const others = signers.filter((signer) => !byIssuer.includes(signer)).map((signer) => signer.method.controller);
      return { status: 'success', message: `Signed by ${issuer}${others.length === 0 ? '' : `; also signed by ${others.join(', ')}`}.` };
    }
    const controllers = [...new Set(signers.map((signer) => signer.method.controller))].join(', ');
    return {
      status: 'failure',
      problems: [new ProblemError('issuer-key-mismatch', `The credential names ${String(issuer)} as issuer but was signed by a key of ${controllers}.`)],
    };
  },
};
