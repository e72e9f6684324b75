import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProblemError } from '../shared/problems.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import { HUBS, type Framework, type Level } from './framework.js';

/**
 * The framework registry: data files validated at load, then checked against each
 * other. Pure (no HTTP, no store), so the mapping engine and tests use it directly.
 */

export const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export class FrameworkDataError extends Error {
  override readonly name = 'FrameworkDataError';
}

export interface FrameworkRegistry {
  list(): readonly Framework[];
  /** Throws `unknown-level` (404) naming the valid ids. */
  find(id: string): Framework;
  /** The level(s) a code or alias names; more than one only for an alias such as France's old level I. */
  resolve(id: string, code: string): Level[];
  /** Exactly one level; an ambiguous alias throws `invalid-request` naming the candidates. */
  findLevel(id: string, code: string): Level;
  /** Position of a level in its framework, lowest 0. */
  rank(id: string, code: string): number;
}

/** Reads and schema-checks every `<id>.json` in `dir`; a broken file stops the load with its name and the fields at fault. */
export function loadFrameworkFiles(dir: string = DATA_DIR): Framework[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  return files.map((file) => {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(dir + file, 'utf8'));
    } catch (error) {
      throw new FrameworkDataError(`Framework data file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    try {
      assertMatchesSchema<Framework>('framework', data);
    } catch (error) {
      throw new FrameworkDataError(`Framework data file ${file} does not match schemas/framework.schema.json: ${(error as Error).message}`);
    }
    if (`${data.id}.json` !== file) throw new FrameworkDataError(`Framework data file ${file} has id "${data.id}"; the file must be named ${data.id}.json.`);
    return data;
  });
}

/** Checks what a schema cannot: unique codes, known source keys and targets, and that "official" rests on an official referencing. */
export function checkConsistency(frameworks: readonly Framework[]): void {
  const byId = new Map(frameworks.map((framework) => [framework.id, framework]));
  const fail = (framework: Framework, message: string) => {
    throw new FrameworkDataError(`Framework data ${framework.id}.json: ${message}`);
  };
  for (const framework of frameworks) {
    if (framework.levels.length === 0 && framework.status !== 'in development')
      fail(framework, 'has no levels, which only a framework "in development" may have.');
    const keys = new Set(framework.sources.map((source) => source.key));
    const codes = new Set<string>();
    for (const level of framework.levels) {
      if (codes.has(level.code)) fail(framework, `level code ${level.code} appears twice.`);
      codes.add(level.code);
    }
    const usedKeys = [
      ...framework.referencing.flatMap((referencing) => referencing.sources),
      ...framework.levels.flatMap((level) => [
        ...(level.correspondence ?? []).flatMap((c) => c.sources),
        ...(level.examples ?? []).flatMap((e) => e.sources ?? []),
      ]),
    ];
    for (const key of usedKeys) if (!keys.has(key)) fail(framework, `source key "${key}" is not listed in sources.`);
    for (const level of framework.levels) {
      for (const alias of level.aliases ?? []) if (codes.has(alias)) fail(framework, `alias ${alias} of level ${level.code} is also a level code.`);
      for (const correspondence of level.correspondence ?? []) {
        const target = byId.get(correspondence.framework);
        if (target === undefined) fail(framework, `level ${level.code} corresponds to unknown framework "${correspondence.framework}".`);
        for (const code of correspondence.levels) {
          if (!target?.levels.some((candidate) => candidate.code === code))
            fail(framework, `level ${level.code} corresponds to ${correspondence.framework} level "${code}", which does not exist.`);
        }
        if (correspondence.basis === 'official') {
          const referencing = framework.referencing.find((entry) => entry.framework === correspondence.framework);
          if (!(HUBS as readonly string[]).includes(correspondence.framework) || referencing?.status !== 'official') {
            fail(
              framework,
              `level ${level.code} claims an official correspondence with ${correspondence.framework}, but the framework is not officially referenced to it.`,
            );
          }
        }
      }
    }
  }
}

export function createRegistry(frameworks: readonly Framework[]): FrameworkRegistry {
  checkConsistency(frameworks);
  const byId = new Map(frameworks.map((framework) => [framework.id, framework]));
  const registry: FrameworkRegistry = {
    list: () => frameworks,
    find(id) {
      const framework = byId.get(id);
      if (framework === undefined) {
        throw new ProblemError('unknown-level', `There is no framework "${id}". Valid framework ids: ${[...byId.keys()].join(', ')}.`, {
          extensions: { framework: id, validFrameworks: [...byId.keys()] },
        });
      }
      return framework;
    },
    resolve(id, code) {
      const framework = registry.find(id);
      const exact = framework.levels.find((level) => level.code === code);
      if (exact !== undefined) return [exact];
      const folded = code.toUpperCase();
      const matches = framework.levels.filter(
        (level) => level.code.toUpperCase() === folded || (level.aliases ?? []).some((alias) => alias.toUpperCase() === folded),
      );
      if (matches.length > 0) return matches;
      const valid = validCodes(framework);
      const detail =
        framework.levels.length === 0
          ? `${framework.abbreviation} (${framework.id}) has no levels yet: it is ${framework.status}.`
          : `${framework.abbreviation} (${framework.id}) has no level "${code}". Valid codes: ${valid.join(', ')}.`;
      throw new ProblemError('unknown-level', detail, { extensions: { framework: id, level: code, validCodes: valid } });
    },
    findLevel(id, code) {
      const levels = registry.resolve(id, code);
      if (levels.length > 1) {
        throw new ProblemError(
          'invalid-request',
          `In ${id}, "${code}" is a former code that names several levels: ${levels.map((level) => level.code).join(', ')}. Ask for one of them.`,
          {
            extensions: { framework: id, level: code, candidates: levels.map((level) => level.code) },
          },
        );
      }
      return levels[0] as Level;
    },
    rank(id, code) {
      return registry.find(id).levels.findIndex((level) => level.code === code);
    },
  };
  return registry;
}

/** Level codes, then aliases (marked), in rank order. */
export function validCodes(framework: Framework): string[] {
  const aliases = [...new Set(framework.levels.flatMap((level) => level.aliases ?? []))];
  return [...framework.levels.map((level) => level.code), ...aliases.map((alias) => `${alias} (former code)`)];
}

let loaded: FrameworkRegistry | undefined;

/** The registry of the shipped data files, loaded and checked once per process. */
export function frameworkRegistry(): FrameworkRegistry {
  loaded ??= createRegistry(loadFrameworkFiles());
  return loaded;
}

export const listFrameworks = (): readonly Framework[] => frameworkRegistry().list();
export const findFramework = (id: string): Framework => frameworkRegistry().find(id);
export const findLevel = (id: string, code: string): Level => frameworkRegistry().findLevel(id, code);
