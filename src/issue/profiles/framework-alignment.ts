import { ALIGNMENT_TARGETS, FIELD_OF_STUDY_TARGET, FRAMEWORK_LEVEL_TARGET as FRAMEWORK_LEVEL, OWN_TARGET_BASE } from '../../ob3/vocabulary.js';
/**
 * Framework levels and classifications as OB 3.0 `alignment` entries, in OB 3.0 terms only.
 *
 * A reader tells the framework from `targetUrl` (EQF and ISCED-F concept URIs, ESCO/ISCO URIs,
 * and for frameworks without published level URIs https://w3id.org/passerelle/frameworks/<id>/levels/<code>,
 * whose <id> is one of `src/frameworks/data/`) and what the entry stands for from `targetType`;
 * `targetFramework` keeps the human name OB 3.0 displays show.
 * A level says only what the issuer asserted: which basis a mapping between
 * frameworks has is for the frameworks engine to judge, not for the credential.
 */

/** `targetType` of an alignment that states a level in a qualifications or language framework. */
export { FRAMEWORK_LEVEL };

export interface Alignment {
  type: ['Alignment'];
  targetType: string;
  targetFramework?: string;
  targetCode?: string;
  targetName: string;
  targetDescription?: string;
  targetUrl: string;
}

export interface FrameworkLevelInput {
  /** Framework id, e.g. `ma-cnc`, `de-dqr`, `eqf`, `cefr`. */
  framework: string;
  level: string;
  frameworkName?: string;
  levelName?: string;
}

const KNOWN_FRAMEWORKS: Record<string, { name: string; short: string }> = {
  eqf: { name: 'European Qualifications Framework', short: 'EQF level' },
  cefr: { name: 'Common European Framework of Reference for Languages', short: 'CEFR' },
};

/** An occupation is only findable through a classification: ISCO-08, ESCO or both. */
export function occupationErrors(occupation: OccupationInput | undefined, pointer: string): Array<{ pointer: string; detail: string }> {
  if (occupation === undefined || occupation.isco08 !== undefined || occupation.esco !== undefined) return [];
  return [{ pointer, detail: 'needs isco08 or esco (or both): a name alone is not a classification' }];
}

/**
 * EQF levels use the Europass concept URIs (`http://data.europa.eu/snb/eqf/5`), as
 * ELM and EDC do. Other frameworks have no published level URIs, so the level gets
 * a Passerelle identifier that encodes framework id and level code.
 */
export function frameworkLevelUrl(framework: string, level: string): string {
  if (framework === 'eqf') return `http://data.europa.eu/snb/eqf/${level}`;
  return `https://w3id.org/passerelle/frameworks/${framework}/levels/${encodeURIComponent(level)}`;
}

/**
 * A level in a framework. `targetType` says whose level it is: reached by the holder (the
 * default), or the level of a qualification the achievement only refers to.
 */
export function frameworkLevelAlignment(input: FrameworkLevelInput, targetType: string = FRAMEWORK_LEVEL): Alignment {
  const known = KNOWN_FRAMEWORKS[input.framework];
  return {
    type: ['Alignment'],
    targetType,
    targetFramework: input.frameworkName ?? known?.name ?? input.framework,
    targetCode: input.level,
    targetName: input.levelName ?? `${known?.short ?? input.frameworkName ?? input.framework} ${input.level}`,
    targetUrl: frameworkLevelUrl(input.framework, input.level),
  };
}

export function iscedFieldAlignment(code: string, name?: string): Alignment {
  return {
    type: ['Alignment'],
    targetType: FIELD_OF_STUDY_TARGET,
    targetFramework: 'ISCED-F 2013',
    targetCode: code,
    targetName: name ?? `ISCED-F ${code}`,
    targetUrl: `http://data.europa.eu/snb/isced-f/${code}`,
  };
}

export interface OccupationInput {
  /** ISCO-08 unit group (4 digits). */
  isco08?: string;
  /** ESCO occupation URI. */
  esco?: string;
  name: string;
}

export function occupationAlignments(occupation: OccupationInput): Alignment[] {
  const alignments: Alignment[] = [];
  if (occupation.isco08 !== undefined) {
    alignments.push({
      type: ['Alignment'],
      targetType: ALIGNMENT_TARGETS.occupation,
      targetFramework: 'ISCO-08',
      targetCode: occupation.isco08,
      targetName: occupation.name,
      targetUrl: `http://data.europa.eu/esco/isco/C${occupation.isco08}`,
    });
  }
  if (occupation.esco !== undefined) {
    alignments.push({
      type: ['Alignment'],
      targetType: ALIGNMENT_TARGETS.occupation,
      targetFramework: 'ESCO',
      targetName: occupation.name,
      targetUrl: occupation.esco,
    });
  }
  return alignments;
}

export interface EscoSkillInput {
  uri: string;
  /** ESCO preferred label, so a verifier offline still reads what the skill is. */
  name: string;
}

export function escoSkillAlignment(skill: EscoSkillInput): Alignment {
  return { type: ['Alignment'], targetType: ALIGNMENT_TARGETS.competency, targetFramework: 'ESCO', targetName: skill.name, targetUrl: skill.uri };
}

/** Distinct by targetUrl, first one kept: outcomes often share skills. */
export function distinctAlignments(alignments: Alignment[]): Alignment[] {
  const seen = new Set<string>();
  return alignments.filter((alignment) => {
    if (seen.has(alignment.targetUrl)) return false;
    seen.add(alignment.targetUrl);
    return true;
  });
}

/** An alignment to something of ours with no published URI (a unit, a programme…): `targetUrl` names it, never dereferenced. */
export function ownAlignment(args: {
  targetType: string;
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
}): Alignment {
  return {
    type: ['Alignment'],
    targetType: args.targetType,
    ...(args.targetFramework === undefined ? {} : { targetFramework: args.targetFramework }),
    ...(args.targetCode === undefined ? {} : { targetCode: args.targetCode }),
    targetName: args.targetName,
    ...(args.targetDescription === undefined ? {} : { targetDescription: args.targetDescription }),
    targetUrl: args.targetUrl,
  };
}

/** A country (ISO 3166-1 alpha-2), e.g. where a period of work was done. */
export function countryAlignment(code: string): Alignment {
  return {
    type: ['Alignment'],
    targetType: ALIGNMENT_TARGETS.country,
    targetFramework: 'ISO 3166-1',
    targetCode: code,
    targetName: code,
    targetUrl: `${OWN_TARGET_BASE}countries/${code}`,
  };
}
