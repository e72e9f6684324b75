import type { Claims } from '../ob3/claims.js';
import { mapLevel, type Mapping } from './map-level.js';
import { ProblemError } from '../shared/problems.js';
import { frameworkRegistry } from './registry.js';

export interface ClaimedLevel {
  framework: string;
  level: string;
  /**
   * What the claim is: a level reached (achievement-alignment), the overall CEFR level of a language
   * credential, or the level of the qualification a validation / module refers to (not reached by it).
   */
  source: 'achievement-alignment' | 'language-overall' | 'reference-qualification' | 'target-qualification';
  language?: string;
  in: Mapping[];
  /** Set when the claimed framework or level is not in the registry. */
  problem?: string;
}

/** Every level a credential claims, expressed in each requested framework. */
export function levelsIn(claims: Claims, frameworks: string[], lang?: string): ClaimedLevel[] {
  const stated: Array<Omit<ClaimedLevel, 'in'>> = [
    ...claims.levels.map((claim) => ({ framework: claim.framework, level: claim.level, source: claim.role ?? ('achievement-alignment' as const) })),
    ...claims.languages.flatMap((claim) =>
      claim.overall === undefined
        ? []
        : [
            {
              framework: 'cefr',
              level: claim.overall,
              source: 'language-overall' as const,
              ...(claim.language === undefined ? {} : { language: claim.language }),
            },
          ],
    ),
  ];
  return stated.map((claim) => {
    try {
      frameworkRegistry().resolve(claim.framework, claim.level);
    } catch (error) {
      if (error instanceof ProblemError) return { ...claim, in: [], problem: error.message };
      throw error;
    }
    return {
      ...claim,
      in: frameworks.map((target) => mapLevel({ framework: claim.framework, level: claim.level }, target, lang === undefined ? {} : { lang })),
    };
  });
}
