import type { Claims } from '../ob3/claims.js';
import type { FrameworkRegistry } from '../frameworks/registry.js';
import { brandsNamedBy } from '../frameworks/exam-brands.js';
import type { TrustScope } from './trust-entry.js';

/**
 * Is a credential within what its issuer is recognized to issue? Pure: reads the claims
 * (frameworks/credential-claims.ts, the one reader) and returns every reason it is not,
 * empty when it is. A limit the credential gives no data for counts against it: a
 * recognition for "EQF up to 5" does not cover a credential whose level cannot be placed.
 * Jurisdictions say where the authority's recognition holds; they are reported, not matched.
 */
export function outOfScopeReasons(scope: TrustScope, claims: Claims, registry: FrameworkRegistry): string[] {
  const reasons: string[] = [];
  if (scope.profiles !== undefined) {
    const outside = claims.profiles.filter((profile) => !scope.profiles?.includes(profile));
    if (claims.profiles.length === 0) reasons.push(`recognized for ${scope.profiles.join(', ')} credentials; this one follows none of these profiles`);
    else if (outside.length > 0) reasons.push(`recognized for ${scope.profiles.join(', ')} credentials, not ${outside.join(', ')}`);
  }
  if (scope.achievementTypes !== undefined) {
    const outside = claims.achievementTypes.filter((type) => !scope.achievementTypes?.includes(type));
    if (claims.achievementTypes.length === 0) reasons.push(`recognized for ${scope.achievementTypes.join(', ')}; this credential states no achievement type`);
    else if (outside.length > 0) reasons.push(`recognized for ${scope.achievementTypes.join(', ')}, not ${outside.join(', ')}`);
  }
  for (const limit of scope.levelLimits ?? []) {
    const stated = [
      ...claims.levels.filter((level) => level.framework === limit.framework).map((level) => level.level),
      ...(limit.framework === 'cefr' ? claims.languages.flatMap((language) => [language.overall, ...Object.values(language.skills)]) : []),
    ].filter((level): level is string => level !== undefined);
    for (const level of new Set(stated)) {
      let above: boolean;
      try {
        above = registry.rank(limit.framework, level) > registry.rank(limit.framework, limit.maxLevel);
      } catch {
        reasons.push(`${limit.framework} ${level} cannot be compared with the recognized limit ${limit.maxLevel}`);
        continue;
      }
      if (above)
        reasons.push(`${limit.framework.toUpperCase()} level ${level} is above the recognized limit (${limit.framework.toUpperCase()} ${limit.maxLevel})`);
    }
  }
  if (scope.fieldsOfStudy !== undefined) {
    const fields = scope.fieldsOfStudy;
    if (claims.fieldsOfStudy.length === 0) reasons.push(`recognized for fields of study ${fields.join(', ')} (ISCED-F); this credential states none`);
    for (const field of claims.fieldsOfStudy) {
      if (!fields.some((allowed) => field.startsWith(allowed)))
        reasons.push(`field of study ${field} (ISCED-F) is outside the recognized fields ${fields.join(', ')}`);
    }
  }
  if (scope.examBrands !== undefined) {
    const brands = scope.examBrands;
    for (const language of claims.languages) {
      for (const brand of brandsNamedBy(language.provider)) {
        if (!brands.includes(brand.id))
          reasons.push(`the credential names ${brand.name} as exam provider, but its issuer is recognized for ${brands.join(', ')} exams only`);
      }
    }
  }
  return reasons;
}

/** A short phrase for reports: "diploma credentials, EQF up to 5, fields 07". */
export function describeScope(scope: TrustScope): string {
  const parts = [
    scope.profiles === undefined ? undefined : `${scope.profiles.join(', ')} credentials`,
    scope.achievementTypes === undefined ? undefined : scope.achievementTypes.join(', '),
    ...(scope.levelLimits ?? []).map((limit) => `${limit.framework.toUpperCase()} up to ${limit.maxLevel}`),
    scope.fieldsOfStudy === undefined ? undefined : `ISCED-F fields ${scope.fieldsOfStudy.join(', ')}`,
    scope.examBrands === undefined ? undefined : `${scope.examBrands.join(', ')} exams`,
    scope.jurisdictions === undefined ? undefined : `in ${scope.jurisdictions.join(', ')}`,
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? 'any credential' : parts.join('; ');
}
