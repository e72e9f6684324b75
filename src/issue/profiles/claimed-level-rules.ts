import { frameworkRegistry } from '../../frameworks/registry.js';
import { ProblemError, type FieldError } from '../../shared/problems.js';
import type { FrameworkLevelInput } from './framework-alignment.js';

/**
 * A claimed level must exist in the frameworks registry (`src/frameworks/data/`):
 * the framework by id, the level by code or alias. Errors name the valid values.
 */
export function frameworkLevelErrors(input: FrameworkLevelInput | undefined, pointer: string): FieldError[] {
  if (input === undefined) return [];
  const registry = frameworkRegistry();
  const known = registry.list().map((framework) => framework.id);
  if (!known.includes(input.framework)) {
    return [{ pointer: `${pointer}/framework`, detail: `is not a framework Passerelle knows; valid ids: ${known.join(', ')}` }];
  }
  try {
    registry.resolve(input.framework, input.level);
    return [];
  } catch (error) {
    if (error instanceof ProblemError) return [{ pointer: `${pointer}/level`, detail: error.message }];
    throw error;
  }
}

/**
 * An EQF level may accompany a national level only where the framework is officially
 * referenced to the EQF, and then it must be the level the referencing gives: the
 * credential must not assert an equivalence that no official referencing supports.
 */
export function eqfLevelErrors(level: FrameworkLevelInput, eqfLevel: string | number | undefined, pointer: string): FieldError[] {
  if (eqfLevel === undefined) return [];
  if (level.framework === 'eqf') return [{ pointer, detail: 'must be absent when /level is already an EQF level' }];
  const registry = frameworkRegistry();
  if (!registry.list().some((framework) => framework.id === level.framework)) return [];
  const framework = registry.find(level.framework);
  const referenced = framework.referencing.some((entry) => entry.framework === 'eqf' && entry.status === 'official');
  if (!referenced) {
    return [
      {
        pointer,
        detail: `must be absent: ${framework.shortName} (${framework.id}) is not officially referenced to the EQF, so no EQF level can be claimed for it`,
      },
    ];
  }
  let official: string[] = [];
  try {
    official = registry
      .resolve(level.framework, level.level)
      .flatMap((found) => (found.correspondence ?? []).filter((c) => c.framework === 'eqf' && c.basis === 'official').flatMap((c) => c.levels));
  } catch {
    return []; // the unknown level is reported by frameworkLevelErrors
  }
  if (official.length > 0 && !official.includes(String(eqfLevel))) {
    return [
      {
        pointer,
        detail: `must be ${official.join(' or ')}: the official referencing of ${framework.shortName} places level ${level.level} at EQF ${official.join('/')}`,
      },
    ];
  }
  return [];
}

/**
 * A qualification's level is stated in its own framework: never in CEFR (a scale of
 * language proficiency), never directly in a meta-framework (EQF, ACQF: an EQF level
 * follows only from a national framework's official referencing, see eqfLevelErrors),
 * and, when the awarding country is known, in a framework of that country.
 */
export function qualificationLevelErrors(input: FrameworkLevelInput | undefined, pointer: string, awardedIn?: string): FieldError[] {
  if (input === undefined) return [];
  const registry = frameworkRegistry();
  const framework = registry.list().find((candidate) => candidate.id === input.framework);
  if (framework === undefined) return []; // reported by frameworkLevelErrors
  if (framework.kind === 'language') {
    return [
      {
        pointer: `${pointer}/framework`,
        detail: `${framework.shortName} is a scale of language proficiency, not of qualifications: state the qualification's level in its own national framework (a language level belongs in a language-level credential)`,
      },
    ];
  }
  if (framework.country === undefined && framework.region !== undefined) {
    return [
      {
        pointer: `${pointer}/framework`,
        detail: `${framework.shortName} is a meta-framework: state the level in the qualification's own national framework; an EQF level follows only from that framework's official referencing (see eqfLevel)`,
      },
    ];
  }
  if (awardedIn !== undefined && framework.country !== undefined && framework.country !== awardedIn) {
    const own = registry
      .list()
      .filter((candidate) => candidate.country === awardedIn && candidate.kind === 'qualifications')
      .map((candidate) => candidate.id);
    return [
      {
        pointer: `${pointer}/framework`,
        detail: `${framework.shortName} is the framework of ${framework.country}, but the qualification is awarded in ${awardedIn}${own.length === 0 ? '' : `: use ${own.join(' or ')}`}`,
      },
    ];
  }
  return [];
}
