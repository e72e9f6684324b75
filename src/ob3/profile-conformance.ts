import type { Credential } from '../shared/credential-model.js';
import { ProblemError, type FieldError } from '../shared/problems.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';

/** Our credential profiles; each has `schemas/<name>.schema.json` with this `$id` (issue/profiles builds them). */
export const PROFILE_NAMES = ['diploma', 'language-level', 'training-module', 'validated-skills', 'recognition-decision'] as const;
export const PROFILE_SCHEMA_BASE = 'https://w3id.org/passerelle/schemas/';

export function profileSchemaId(profile: string): string {
  return `${PROFILE_SCHEMA_BASE}${profile}.json`;
}

/** A profile a credential claims: its name, schema id and ajv schema name. */
export interface ClaimedProfile {
  name: string;
  credentialSchemaId: string;
  credentialSchema: string;
}

function profileForSchemaId(id: string): ClaimedProfile | undefined {
  const name = PROFILE_NAMES.find((profile) => profileSchemaId(profile) === id);
  return name === undefined ? undefined : { name, credentialSchemaId: id, credentialSchema: name };
}

export interface ClaimedSchemas {
  /** Our profiles the credential names in `credentialSchema`. */
  profiles: ClaimedProfile[];
  /** Other JsonSchema ids it names: never fetched, so never checked here. */
  unknown: string[];
}

/** Reads `credentialSchema` (an object or an array, VC DM 2.0 §5.4); only `JsonSchema` entries count. */
export function claimedSchemas(credential: Credential): ClaimedSchemas {
  const entries = ([] as unknown[]).concat(credential.credentialSchema ?? []);
  const claimed: ClaimedSchemas = { profiles: [], unknown: [] };
  for (const entry of entries) {
    const { id, type } = (entry ?? {}) as { id?: unknown; type?: unknown };
    if (typeof id !== 'string' || type !== 'JsonSchema') continue;
    const profile = profileForSchemaId(id);
    if (profile === undefined) claimed.unknown.push(id);
    else if (!claimed.profiles.some((known) => known.name === profile.name)) claimed.profiles.push(profile);
  }
  return claimed;
}

/** Every field that breaks a profile schema the credential claims, with pointers under `basePointer`. */
export function profileSchemaErrors(credential: Credential, profiles: ClaimedProfile[], basePointer = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const profile of profiles) {
    try {
      assertMatchesSchema(profile.credentialSchema, credential, basePointer);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      errors.push(...(error.errors ?? []).map((field) => ({ ...field, detail: `${field.detail} (${profile.credentialSchemaId})` })));
    }
  }
  return errors;
}

/**
 * The issue hook: a credential that names one of our profiles in `credentialSchema`
 * must match it, or it would be signed claiming a shape it does not have.
 */
export function assertClaimedProfileSchemas(credential: Credential, basePointer = ''): void {
  const { profiles } = claimedSchemas(credential);
  const errors = profileSchemaErrors(credential, profiles, basePointer);
  if (errors.length === 0) return;
  throw new ProblemError(
    'invalid-credential',
    `The credential claims the ${profiles.map((profile) => profile.name).join(', ')} profile but does not match it: ${errors.map((error) => `${error.pointer} ${error.detail}`).join('; ')}`,
    { errors, pointer: (errors[0] as FieldError).pointer },
  );
}
