import { expandInPool } from '../resolve/json-ld-pool.js';
import { expandUnlessShapePassed } from '../resolve/safe-mode-shapes.js';
import { VC_V1_CONTEXT } from '../resolve/known-contexts.js';
import { assertMatchesSchema } from './schema-validator.js';
import { ProblemError } from './problems.js';
import { assertSignedForm } from './signed-form.js';

export type Credential = Record<string, unknown>;

/**
 * The VC data model a credential is written in. We issue 2.0 unless a caller writes 1.1
 * (by its first context); 1.1 is verified because the education issuers people hold
 * credentials from still sign it.
 */
export type DataModel = '2.0' | '1.1';

const SCHEMA_OF: Record<DataModel, string> = { '2.0': 'verifiable-credential', '1.1': 'verifiable-credential-v1' };

/** Chosen by the first context, as both data models define it; anything else is judged as 2.0 (and its schema names the context). */
export function dataModelOf(credential: Credential): DataModel {
  const contexts = credential['@context'];
  return Array.isArray(contexts) && contexts[0] === VC_V1_CONTEXT ? '1.1' : '2.0';
}

/**
 * Structure, then every term through JSON-LD expansion in safe mode: a property no
 * context defines would be dropped from what a signature covers, so it is refused
 * rather than carried along unsigned. Issue and verify share this rule.
 */
export async function assertValidCredential(
  credential: Credential,
  options: { basePointer?: string; extraContexts?: Record<string, object> | undefined; dataModels?: readonly DataModel[] } = {},
): Promise<void> {
  assertCredentialStructure(credential, options.basePointer ?? '', options.dataModels);
  await expandSafely(credential, options.basePointer ?? '', options.extraContexts);
}

/**
 * The one signed form (signed-form.ts, the same for every data model), then the rules
 * that need no JSON-LD processing: schemas/verifiable-credential (2.0) or
 * verifiable-credential-v1 (1.1), by the first context. Only the data models the caller
 * accepts are chosen (issue: 2.0 only); a 1.1 credential where only 2.0 is accepted
 * meets the 2.0 schema, which names its first context.
 */
export function assertCredentialStructure(credential: Credential, basePointer = '', dataModels: readonly DataModel[] = ['2.0']): void {
  assertSignedForm(credential, basePointer);
  const model = dataModelOf(credential);
  try {
    assertMatchesSchema(SCHEMA_OF[dataModels.includes(model) ? model : '2.0'], credential, basePointer);
  } catch (error) {
    if (error instanceof ProblemError) {
      throw new ProblemError('invalid-credential', error.message, {
        ...(error.pointer === undefined ? {} : { pointer: error.pointer }),
        ...(error.errors === undefined ? {} : { errors: error.errors }),
      });
    }
    throw error;
  }
  assertPeriodInOrder(credential, basePointer);
}

/**
 * VC DM 2.0 §4.9: validFrom is the same as or earlier than validUntil (VC 1.1's
 * issuanceDate / expirationDate likewise). A period that ends before it starts is a
 * malformed credential whatever the clock says, so it is refused at issue and is a
 * data-model failure at verify — not merely "expired" or "not yet valid".
 */
function assertPeriodInOrder(credential: Credential, basePointer: string): void {
  const pairs: Array<[string, string]> = [
    ['validFrom', 'validUntil'],
    ['issuanceDate', 'expirationDate'],
  ];
  for (const [from, until] of pairs) {
    const starts = credential[from];
    const ends = credential[until];
    if (typeof starts !== 'string' || typeof ends !== 'string') continue;
    if (Date.parse(starts) > Date.parse(ends)) {
      throw new ProblemError('invalid-credential', `${until} (${ends}) is earlier than ${from} (${starts}); a validity period cannot end before it starts.`, {
        pointer: `${basePointer}/${until}`,
      });
    }
  }
}

/**
 * Safe-mode expansion in the JSON-LD worker pool (resolve/json-ld-pool.ts), over the fixed
 * contexts only; skipped when a document of the same shape already passed
 * (resolve/safe-mode-shapes.ts: the verdict depends only on the shape). Extra contexts
 * (tests) always expand.
 */
export async function expandSafely(document: object, basePointer = '', extraContexts?: Record<string, object>): Promise<void> {
  try {
    if (extraContexts === undefined) await expandUnlessShapePassed(document, () => expandInPool(document));
    else await expandInPool(document, extraContexts);
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
