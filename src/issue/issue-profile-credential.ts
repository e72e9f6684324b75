import { ProblemError, type FieldError } from '../shared/problems.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import type { IssuerRecord } from '../store/ports.js';
import { issueCredential, type IssueDeps, type IssueResult } from './issue-credential.js';
import { credentialSalt } from './profiles/holder-identity.js';
import type { CommonRequest } from './profiles/ob3-credential.js';
import type { ProfileDefinition } from './profiles/profile-definition.js';
import { profileFor, profileNames } from './profiles/registry.js';

/**
 * pick the profile → validate the request (schema, then the rules a schema cannot
 * state) → build the OB 3.0 credential → the ordinary issue use case, so signing,
 * storage and idempotency stay in one place.
 */
export async function issueProfileCredential(deps: IssueDeps, issuer: IssuerRecord, body: unknown, idempotencyKey?: string): Promise<IssueResult> {
  const profile = profileOf(body);
  assertMatchesSchema<CommonRequest>(`${profile.name}-request`, body);
  const errors = profile.requestErrors(body as never);
  if (errors.length > 0) throw invalid(errors);

  // Derived from the Idempotency-Key when there is one: a retry must build the same bytes to be recognised as a retry.
  const salt = credentialSalt(idempotencyKey === undefined ? undefined : { issuerId: issuer.id, idempotencyKey });
  const credential = profile.build(body as never, { issuer, salt });
  return issueCredential(deps, issuer, { credential, options: { format: body.format ?? 'di' } }, idempotencyKey);
}

function profileOf(body: unknown): ProfileDefinition<never> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid([{ pointer: '/', detail: 'must be a JSON object' }]);
  }
  const name = (body as { profile?: unknown }).profile;
  if (name === undefined) throw invalid([{ pointer: '/profile', detail: `is required: one of ${profileNames().join(', ')}` }]);
  const profile = typeof name === 'string' ? profileFor(name) : undefined;
  if (profile === undefined) throw invalid([{ pointer: '/profile', detail: `must be one of: ${profileNames().join(', ')}` }]);
  return profile;
}

function invalid(errors: FieldError[]): ProblemError {
  return new ProblemError('invalid-request', errors.map((error) => `${error.pointer} ${error.detail}`).join('; '), {
    errors,
    pointer: (errors[0] as FieldError).pointer,
  });
}
