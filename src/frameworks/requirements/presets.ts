import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProblemError } from '../../shared/problems.js';
import { assertMatchesSchema } from '../../shared/schema-validator.js';
import { FrameworkDataError, frameworkRegistry, validCodes, type FrameworkRegistry } from '../registry.js';
import type { Preset, Requirement } from './requirement.js';

export const PRESETS_DIR = fileURLToPath(new URL('../data/requirements/', import.meta.url));

/**
 * Checks what the schema cannot: the framework and level a requirement names exist.
 * Throws `invalid-request` naming the field (JSON Pointer) and the valid values.
 */
export function assertRequirementKnown(requirement: Requirement, pointer: string, registry: FrameworkRegistry = frameworkRegistry()): void {
  if (requirement.kind === 'any-of') {
    requirement.anyOf.forEach((alternative, index) => assertRequirementKnown(alternative, `${pointer}/anyOf/${index}`, registry));
    return;
  }
  if (requirement.kind !== 'qualification-level') return;
  const valid = registry.list().filter((framework) => framework.kind === 'qualifications' && framework.levels.length > 0);
  const framework = valid.find((candidate) => candidate.id === requirement.framework);
  if (framework === undefined) {
    throw new ProblemError(
      'invalid-request',
      `${pointer}/framework: "${requirement.framework}" is not a qualifications framework with levels. Valid: ${valid.map((candidate) => candidate.id).join(', ')}.`,
      { pointer: `${pointer}/framework` },
    );
  }
  if (!framework.levels.some((level) => level.code === requirement.minLevel)) {
    throw new ProblemError(
      'invalid-request',
      `${pointer}/minLevel: ${framework.id} has no level "${requirement.minLevel}". Valid codes: ${validCodes(framework).join(', ')}.`,
      {
        pointer: `${pointer}/minLevel`,
        extensions: { validCodes: framework.levels.map((level) => level.code) },
      },
    );
  }
}

export function loadPresets(dir: string = PRESETS_DIR): Preset[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const data: unknown = JSON.parse(readFileSync(dir + file, 'utf8'));
      try {
        assertMatchesSchema<Preset>('requirement-preset', data);
        if (`${data.id}.json` !== file) throw new Error(`its id is "${data.id}"; the file must be named ${data.id}.json`);
        data.requirements.forEach((requirement, index) => assertRequirementKnown(requirement, `/requirements/${index}`));
      } catch (error) {
        throw new FrameworkDataError(`Requirement preset ${file} is invalid: ${(error as Error).message}`);
      }
      return data;
    });
}

let presets: Preset[] | undefined;

export function listPresets(): Preset[] {
  presets ??= loadPresets();
  return presets;
}

/** Throws `invalid-request` naming the valid preset ids. */
export function findPreset(id: string, pointer: string): Preset {
  const preset = listPresets().find((candidate) => candidate.id === id);
  if (preset === undefined) {
    throw new ProblemError(
      'invalid-request',
      `${pointer}: there is no preset "${id}". Valid presets: ${listPresets()
        .map((candidate) => candidate.id)
        .join(', ')}.`,
      { pointer },
    );
  }
  return preset;
}

/** The requirements and presets a request names, checked before any credential is verified. */
export function resolveAsked(input: { requirements?: Requirement[]; presets?: string[] }, pointer: string): { requirements: Requirement[]; presets: Preset[] } {
  const requirements = input.requirements ?? [];
  requirements.forEach((requirement, index) => assertRequirementKnown(requirement, `${pointer}/requirements/${index}`));
  return { requirements, presets: (input.presets ?? []).map((id, index) => findPreset(id, `${pointer}/presets/${index}`)) };
}
