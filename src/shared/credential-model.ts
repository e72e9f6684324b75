import { expandInPool } from '../resolve/json-ld-pool.js';
import { assertMatchesSchema } from './schema-validator.js';
import { ProblemError } from './problems.js';
import { assertSignedForm } from './signed-form.js';

export type Credential = Record<string, unknown>;

/**
 * VC DM 2.0 structure, then every term through JSON-LD expansion in safe mode: a
 * property no context defines would be dropped from what a signature covers, so it
 * is refused rather than carried along unsigned. Issue and verify share this rule.
 */
export async function assertValidCredential(
  credential: Credential,
  options: { basePointer?: string; extraContexts?: Record<string, object> | undefined } = {},
): Promise<void> {
  assertCredentialStructure(credential, options.basePointer ?? '');
  await expandSafely(credential, options.basePointer ?? '', options.extraContexts);
}

/** The one signed form (signed-form.ts), then the VC DM 2.0 rules that need no JSON-LD processing (schemas/verifiable-credential). */
export function assertCredentialStructure(credential: Credential, basePointer = ''): void {
  assertSignedForm(credential, basePointer);
  try {
    assertMatchesSchema('verifiable-credential', credential, basePointer);
  } catch (error) {
    if (error instanceof ProblemError) {
      throw new ProblemError('invalid-credential', error.message, {
        ...(error.pointer === undefined ? {} : { pointer: error.pointer }),
        ...(error.errors === undefined ? {} : { errors: error.errors }),
      });
    }
    throw error;
  }
}

/** Safe-mode expansion in the JSON-LD worker pool (resolve/json-ld-pool.ts), over the fixed contexts only. */
export async function expandSafely(document: object, basePointer = '', extraContexts?: Record<string, object>): Promise<void> {
  try {
    await expandInPool(document, extraContexts);
  } catch (error) {
    if (error instanceof ProblemError && error.pointer !== undefined && basePointer !== '') {
      throw new ProblemError(error.type, error.message, {
        pointer: basePointer + error.pointer,
        ...(error.extensions === undefined ? {} : { extensions: error.extensions }),
      });
    }
    throw error;
  }
}

export function issuerIdOf(credential: Credential): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer !== null && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string') {
    return (issuer as { id: string }).id;
  }
  return undefined;
}
