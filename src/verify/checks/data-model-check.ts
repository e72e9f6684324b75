import { assertValidCredential } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import type { Check } from '../check.js';
import { parseVerifiable } from '../parse-input.js';

/** Parses the input and applies the VC DM 2.0 rules and JSON-LD safe mode. */
export const dataModelCheck: Check = {
  id: 'data-model',
  fatal: true,
  async run(context) {
    try {
      const parsed = parseVerifiable(context.input);
      context.parsed = parsed;
      if (parsed.format === 'jwt' && parsed.header.typ !== undefined && parsed.header.typ !== 'vc+jwt') {
        throw new ProblemError('malformed-credential', `The JWT "typ" header is "${parsed.header.typ}"; a VC-JOSE credential has "vc+jwt".`);
      }
      await assertValidCredential(parsed.credential, { basePointer: '/verifiableCredential', extraContexts: context.extraContexts });
      return { status: 'success', message: 'A VC Data Model 2.0 credential; every property is defined by its contexts.' };
    } catch (error) {
      // Running out of time says nothing about the credential: the runner reports it as could-not-check.
      if (error instanceof ProblemError && error.type !== 'processing-timeout') return { status: 'failure', problems: [error] };
      throw error;
    }
  },
};
