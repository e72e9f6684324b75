import { assertValidCredential, dataModelOf, type DataModel } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import type { Check } from '../check.js';
import { parseVerifiable } from '../parse-input.js';

/**
 * An embedded proof may sign VC 1.1 or 2.0; VC-JOSE secures VC 2.0 only (a VC 1.1 JWT
 * is a different encoding, with the credential under a "vc" claim).
 */
const DATA_MODELS: Record<'di' | 'jwt', readonly DataModel[]> = { di: ['2.0', '1.1'], jwt: ['2.0'] };

/** Parses the input and applies the data model's rules (VC 2.0, or 1.1 with an embedded proof) and JSON-LD safe mode. */
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
      const dataModels = DATA_MODELS[parsed.format];
      await assertValidCredential(parsed.credential, { basePointer: '/verifiableCredential', extraContexts: context.extraContexts, dataModels });
      return { status: 'success', message: `A VC Data Model ${dataModelOf(parsed.credential)} credential; every property is defined by its contexts.` };
    } catch (error) {
      // Running out of time says nothing about the credential: the runner reports it as could-not-check.
      if (error instanceof ProblemError && error.type !== 'processing-timeout') return { status: 'failure', problems: [error] };
      throw error;
    }
  },
};
