import { ProblemError, type FieldError } from '../shared/problems.js';
import { assertMatchesSchema, schemaErrorsOf } from '../shared/schema-validator.js';
import type { IssuerRecord } from '../store/ports.js';
import { issueCredential, type IssueDeps, type IssueRequest, type IssueResult } from './issue-credential.js';
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
  return issueCredential(deps, issuer, profileIssueRequest(issuer, body, idempotencyKey), idempotencyKey);
}

/**
 * Every error of one profile request, without throwing: the schema's, then (only for a
 * request the schema accepts) the profile's own rules. Batches validate a whole file this way.
 */
export function profileRequestErrors(profileName: string, body: unknown): FieldError[] {
  const profile = profileFor(profileName);
  if (profile === undefined) return [{ pointer: '/profile', detail: `must be one of: ${profileNames().join(', ')}` }];
  const schemaErrors = schemaErrorsOf(`${profile.name}-request`, body);
  if (schemaErrors.length > 0) return schemaErrors;
  return profile.requestErrors(body as never);
}

/**
 * A valid profile request → the body of the ordinary issue use case. The salt of the
 * identifier hashes is derived from the Idempotency-Key when there is one: a retry must
 * build the same bytes to be recognised as a retry.
 */
export function profileIssueRequest(issuer: IssuerRecord, body: unknown, idempotencyKey?: string): IssueRequest {
  const profile = profileOf(body);
  const request = body as CommonRequest;
  const salt = credentialSalt(idempotencyKey === undefined ? undefined : { issuerId: issuer.id, idempotencyKey });
  const credential = profile.build(request as never, { issuer, salt });
  return { credential, options: { format: request.format ?? 'di' } };
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
