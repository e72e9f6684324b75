import { claimedSchemas, profileSchemaErrors } from '../../ob3/profile-conformance.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check } from '../check.js';

/**
 * The credential against the `credentialSchema` it names, for our own profile
 * schemas only: they ship with the service. Any other schema is never fetched (its
 * URL is the issuer's choice), so it is skipped as not applicable, not failed.
 * Not fatal: a signed credential that breaks its schema is still authentic.
 */
export const schemaCheck: Check = {
  id: 'schema',
  fatal: false,
  async run(context) {
    const { credential } = parsedOf(context);
    const { profiles, unknown } = claimedSchemas(credential);
    const others = unknown.length === 0 ? '' : ` Not checked, because schemas are never fetched: ${unknown.join(', ')}.`;
    if (profiles.length === 0) {
      return {
        status: 'skipped',
        cause: 'not-applicable',
        reason: unknown.length === 0 ? 'The credential names no credentialSchema.' : `The credential names no Passerelle profile schema.${others}`,
      };
    }
    const errors = profileSchemaErrors(credential, profiles, '/verifiableCredential');
    const names = profiles.map((profile) => profile.credentialSchemaId).join(', ');
    if (errors.length > 0) {
      return {
        status: 'failure',
        problems: [
          new ProblemError(
            'schema-mismatch',
            `The credential does not match ${names}: ${errors.map((error) => `${error.pointer} ${error.detail}`).join('; ')}`,
            {
              errors,
              pointer: (errors[0] as { pointer: string }).pointer,
            },
          ),
        ],
      };
    }
    return { status: 'success', message: `Matches ${names}.${others}` };
  },
};
