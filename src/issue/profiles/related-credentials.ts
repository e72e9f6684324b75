import { credentialDigestMultibase } from '../../shared/credential-digest.js';
import type { FieldError } from '../../shared/problems.js';
// Reading a credential's id needs the parser that verification uses (a VC-JOSE credential's id is in its payload).
import { parseVerifiable } from '../../verify/parse-input.js';

/** A credential another one links to: the credential itself (its id and digest are computed), or its id and digest. */
export type AssessedCredentialInput = { credential: unknown; name?: string } | { id: string; digestMultibase: string; name?: string };

/** The id a linked credential is known by: the `id` of the credential (for VC-JOSE, of the JWT payload). */
function assessedLink(input: AssessedCredentialInput): { id?: string; digestMultibase?: string; name?: string } {
  const name = input.name === undefined ? {} : { name: input.name };
  if ('id' in input) return { id: input.id, digestMultibase: input.digestMultibase, ...name };
  let id: string | undefined;
  try {
    const parsed = parseVerifiable(input.credential).credential;
    id = typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    id = undefined;
  }
  const digest = credentialDigestMultibase(input.credential);
  return { ...(id === undefined ? {} : { id }), ...(digest === undefined ? {} : { digestMultibase: digest }), ...name };
}

/** Every link names a credential with an id, once, and has a digest. */
export function linkedCredentialErrors(inputs: AssessedCredentialInput[], pointer: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    const link = assessedLink(input);
    if (link.id === undefined) errors.push({ pointer: `${pointer}/${index}/credential`, detail: 'must be a credential with an id, so the link can name it' });
    else if (seen.has(link.id)) errors.push({ pointer: `${pointer}/${index}`, detail: `links ${link.id} a second time` });
    else seen.add(link.id);
    if (link.digestMultibase === undefined)
      errors.push({ pointer: `${pointer}/${index}/credential`, detail: 'is not JSON that a digest can be computed over' });
  });
  return errors;
}

/** VC DM 2.0 §5.3: each linked credential by id and digest (z-base58btc SHA-256 of its JCS form). */
export function relatedResources(inputs: AssessedCredentialInput[]): Record<string, unknown>[] {
  return inputs.map((input) => {
    const link = assessedLink(input);
    return { id: link.id, digestMultibase: link.digestMultibase, ...(link.name === undefined ? {} : { name: link.name }) };
  });
}
