import { diplomaProfile } from './diploma.js';
import { languageLevelProfile } from './language-level.js';
import { profileSchemaId } from './ob3-credential.js';
import { recognitionDecisionProfile } from './recognition-decision.js';
import type { ProfileDefinition } from './profile-definition.js';
import { trainingModuleProfile } from './training-module.js';
import { validatedSkillsProfile } from './validated-skills.js';

// Each definition is typed by its own request; the registry only passes requests through after validation.
const PROFILES: ReadonlyArray<ProfileDefinition<never>> = [
  diplomaProfile,
  languageLevelProfile,
  trainingModuleProfile,
  validatedSkillsProfile,
  recognitionDecisionProfile,
];

export interface ProfileSummary {
  name: string;
  title: string;
  summary: string;
  /** The `credentialSchema` id of credentials of this profile; also the `$id` of `schemas/<name>.schema.json`. */
  credentialSchemaId: string;
  /** ajv schema names (file names in `schemas/` without `.schema.json`). */
  credentialSchema: string;
  requestSchema: string;
}

export function listProfiles(): ProfileSummary[] {
  return PROFILES.map((profile) => ({
    name: profile.name,
    title: profile.title,
    summary: profile.summary,
    credentialSchemaId: profileSchemaId(profile.name),
    credentialSchema: profile.name,
    requestSchema: `${profile.name}-request`,
  }));
}

export function profileNames(): string[] {
  return PROFILES.map((profile) => profile.name);
}

export function profileFor(name: string): ProfileDefinition<never> | undefined {
  return PROFILES.find((profile) => profile.name === name);
}

/** The profile whose credential schema has this id, e.g. from a credential's `credentialSchema`. */
export function profileForSchemaId(id: string): ProfileSummary | undefined {
  return listProfiles().find((profile) => profile.credentialSchemaId === id);
}

/** Schemas the service publishes at `/schemas/<name>.json`: the profiles' and the definitions they share. */
export function publishedSchemaNames(): string[] {
  return ['profile-common', ...listProfiles().flatMap((profile) => [profile.credentialSchema, profile.requestSchema])];
}
