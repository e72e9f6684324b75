import { HUBS, pick, type Basis, type Correspondence, type Framework, type Level } from './framework.js';
import { frameworkRegistry, type FrameworkRegistry } from './registry.js';
import { reason as why, type Reason } from '../shared/reason.js';

/**
 * Expresses a level of framework A in framework B, saying on what basis. Official
 * only when every hop rests on an official referencing; a comparison (by descriptors,
 * by qualification type or by level title: the reason says which) is
 * "indicative" and says so; when the data records nothing, the answer is "none".
 */

export interface LevelRef {
  framework: string;
  code: string;
  label: string;
  uri?: string;
}

export interface PathStep {
  framework: string;
  levels: string[];
  /** How the hop into this step is established; absent on the first step. */
  basis?: Exclude<Basis, 'none'>;
}

export interface MappingSource {
  framework: string;
  url: string;
  title: string;
  weak?: boolean;
}

export interface Mapping {
  from: LevelRef & { resolvedFrom?: string };
  /** Empty when basis is "none"; several levels when the correspondence spans them. */
  to: LevelRef[];
  toFramework: string;
  basis: Basis;
  path: PathStep[];
  /** English, with the data's rationale; `why` says the same as data for the reader's language (present/i18n/reasons.ts). */
  reason: string;
  why: Reason;
  sources: MappingSource[];
  /** Facts on this path that no source confirmed ([verify] in the data), in the data's English. */
  caveats: string[];
  /** One per caveat, in the same order: which framework's fact is unconfirmed. */
  caveatReasons: Reason[];
}

export interface MapOptions {
  lang?: string | undefined;
  registry?: FrameworkRegistry;
}

interface Hop {
  from: Framework;
  to: Framework;
  levels: string[];
  basis: Exclude<Basis, 'none'>;
  entries: Array<{ owner: Framework; entry: Correspondence }>;
}

const weaker = (a: Exclude<Basis, 'none'>, b: Exclude<Basis, 'none'>) => (a === 'official' && b === 'official' ? 'official' : 'indicative');

/** Hop A→B from A's own correspondence data; every source level must have one. */
function forward(from: Framework, codes: string[], to: Framework): Hop | undefined {
  const entries: Hop['entries'] = [];
  for (const code of codes) {
    const entry = from.levels.find((level) => level.code === code)?.correspondence?.find((c) => c.framework === to.id);
    if (entry === undefined) return undefined;
    entries.push({ owner: from, entry });
  }
  return hopOf(from, to, entries, (entry) => entry.levels, to);
}

/** Hop A→B read backwards from B's data: the B levels that correspond to any of A's levels. */
function backward(from: Framework, codes: string[], to: Framework): Hop | undefined {
  const entries: Hop['entries'] = [];
  const levels: string[] = [];
  for (const level of to.levels) {
    const entry = level.correspondence?.find((c) => c.framework === from.id && c.levels.some((code) => codes.includes(code)));
    if (entry === undefined) continue;
    entries.push({ owner: to, entry });
    levels.push(level.code);
  }
  if (entries.length === 0) return undefined;
  return hopOf(from, to, entries, () => levels, to);
}

function hopOf(from: Framework, to: Framework, entries: Hop['entries'], levelsOf: (entry: Correspondence) => string[], target: Framework): Hop {
  const wanted = new Set(entries.flatMap(({ entry }) => levelsOf(entry)));
  // Rank order, not data order, so "4 and 5" never reads "5 and 4".
  const levels = target.levels.map((level) => level.code).filter((code) => wanted.has(code));
  const basis = entries.map(({ entry }) => entry.basis).reduce(weaker);
  return { from, to, levels, basis, entries };
}

function hopBetween(from: Framework, codes: string[], to: Framework): Hop | undefined {
  const candidates = [forward(from, codes, to), backward(from, codes, to)].filter((hop): hop is Hop => hop !== undefined);
  return candidates.find((hop) => hop.basis === 'official') ?? candidates[0];
}

interface Route {
  hops: Hop[];
  basis: Exclude<Basis, 'none'>;
}

function routes(from: Framework, codes: string[], to: Framework, registry: FrameworkRegistry): Route[] {
  const found: Route[] = [];
  const direct = hopBetween(from, codes, to);
  if (direct !== undefined) found.push({ hops: [direct], basis: direct.basis });
  for (const hubId of HUBS) {
    if (hubId === from.id || hubId === to.id) continue;
    const hub = registry.find(hubId);
    const up = hopBetween(from, codes, hub);
    if (up === undefined) continue;
    const down = hopBetween(hub, up.levels, to);
    if (down === undefined) continue;
    found.push({ hops: [up, down], basis: weaker(up.basis, down.basis) });
  }
  // Official first; among equals, direct before EQF before ACQF (the order found).
  return found.sort((a, b) => Number(b.basis === 'official') - Number(a.basis === 'official'));
}

export function mapLevel(query: { framework: string; level: string }, toFrameworkId: string, options: MapOptions = {}): Mapping {
  const registry = options.registry ?? frameworkRegistry();
  const from = registry.find(query.framework);
  const fromLevels = registry.resolve(query.framework, query.level);
  const to = registry.find(toFrameworkId);
  const codes = fromLevels.map((level) => level.code);
  const lang = options.lang;
  const ref = (framework: Framework, level: Level): LevelRef => ({
    framework: framework.id,
    code: level.code,
    label: pick(level.label, lang),
    ...(level.uri === undefined ? {} : { uri: level.uri }),
  });
  const levelOf = (framework: Framework, code: string) => framework.levels.find((level) => level.code === code) as Level;
  const fromRef = {
    ...ref(from, fromLevels[0] as Level),
    ...(fromLevels.length > 1 || fromLevels[0]?.code !== query.level ? { resolvedFrom: query.level } : {}),
  };
  if (fromLevels.length > 1) fromRef.code = codes.join('+');
  const aliasWhy: Reason[] =
    fromLevels.length > 1
      ? [why('mapping.former-code-spans', { framework: from.abbreviation, code: query.level, levels: codes })]
      : fromLevels[0]?.code !== query.level
        ? [why('mapping.former-code', { framework: from.abbreviation, code: query.level, level: codes[0] ?? '' })]
        : [];
  const aliasNote =
    fromLevels.length > 1
      ? ` ${from.abbreviation} former code ${query.level} names levels ${andList(codes)}, so the answer spans them.`
      : fromLevels[0]?.code !== query.level
        ? ` ${from.abbreviation} ${query.level} is the former code of level ${codes[0]}.`
        : '';
  const caveatsOf = (...frameworks: Framework[]) =>
    frameworks.flatMap((framework) => [...framework.referencing.flatMap((entry) => (entry.verify === undefined ? [] : [entry.verify]))]);
  const caveatOwners = (...frameworks: Framework[]) =>
    frameworks.flatMap((framework) => framework.referencing.flatMap((entry) => (entry.verify === undefined ? [] : [framework.abbreviation])));

  if (from.id === to.id) {
    return {
      from: fromRef,
      to: fromLevels.map((level) => ref(to, level)),
      toFramework: to.id,
      basis: 'official',
      path: [{ framework: from.id, levels: codes }],
      reason: `Same framework.${aliasNote}`,
      why: why('mapping.same-framework', { then: aliasWhy }),
      sources: sourcesOf(
        from,
        from.sources.slice(0, 1).map((source) => source.key),
      ),
      caveats: [],
      caveatReasons: [],
    };
  }

  const found = from.kind === to.kind ? routes(from, codes, to, registry)[0] : undefined;
  if (found === undefined) {
    return {
      from: fromRef,
      to: [],
      toFramework: to.id,
      basis: 'none',
      path: [{ framework: from.id, levels: codes }],
      reason: noneReason(from, to) + aliasNote,
      why: { ...noneWhy(from, to), ...(aliasWhy.length === 0 ? {} : { params: { ...noneWhy(from, to).params, then: aliasWhy } }) },
      sources: [...referencingSources(from), ...referencingSources(to)],
      caveats: caveatsOf(from, to),
      caveatReasons: caveatOwners(from, to).map((framework) => why('mapping.unconfirmed', { framework })),
    };
  }

  const last = found.hops[found.hops.length - 1] as Hop;
  const frameworksOnPath = [from, ...found.hops.map((hop) => hop.to)];
  const sources = dedupe([
    ...found.hops.flatMap((hop) => hop.entries.flatMap(({ owner, entry }) => sourcesOf(owner, entry.sources))),
    ...frameworksOnPath.flatMap((framework) => officialReports(framework, found)),
  ]);
  // Each unconfirmed fact once, with the framework whose data records it.
  const unconfirmed = new Map<string, string>();
  for (const hop of found.hops)
    for (const { owner, entry } of hop.entries)
      if (entry.verify !== undefined && !unconfirmed.has(entry.verify)) unconfirmed.set(entry.verify, owner.abbreviation);
  for (const framework of frameworksOnPath)
    for (const entry of framework.referencing)
      if (entry.verify !== undefined && !unconfirmed.has(entry.verify)) unconfirmed.set(entry.verify, framework.abbreviation);
  const caveats = [...unconfirmed.keys()];
  return {
    from: fromRef,
    to: last.levels.map((code) => ref(to, levelOf(to, code))),
    toFramework: to.id,
    basis: found.basis,
    path: [{ framework: from.id, levels: codes }, ...found.hops.map((hop) => ({ framework: hop.to.id, levels: hop.levels, basis: hop.basis }))],
    reason: routeReason(from, codes, to, found) + aliasNote,
    why: routeWhy(from, codes, to, found, aliasWhy),
    sources,
    caveats,
    caveatReasons: [...unconfirmed.values()].map((framework) => why('mapping.unconfirmed', { framework })),
  };
}

function routeReason(from: Framework, codes: string[], to: Framework, route: Route): string {
  const chain = [`${from.abbreviation} ${codes.join('/')}`, ...route.hops.map((hop) => `${hop.to.abbreviation} ${hop.levels.join('/')}`)].join(' → ');
  const parts: string[] = [];
  if (route.basis === 'official') {
    const referenced = [from, to].filter((framework) => framework.referencing.some((entry) => entry.status === 'official'));
    const hub = route.hops.length > 1 ? (route.hops[0] as Hop).to : [from, to].find((framework) => (HUBS as readonly string[]).includes(framework.id));
    parts.push(
      `Official: ${referenced.map((framework) => `${framework.shortName} is officially referenced to the ${hub?.abbreviation ?? 'EQF'} (${framework.referencing.find((entry) => entry.status === 'official')?.year ?? '?'})`).join(' and ')}. ${chain}.`,
    );
  } else {
    for (const hop of route.hops) {
      if (hop.basis === 'official') continue;
      for (const { owner, entry } of hop.entries) {
        const level = owner.levels.find((candidate) => candidate.correspondence?.includes(entry));
        const other = owner.id === hop.from.id ? hop.to : hop.from;
        parts.push(
          `${owner.shortName} is not referenced to the ${other.abbreviation}; level ${level?.code ?? '?'} is compared ${METHOD_PHRASES[entry.method ?? 'unstated']} (indicative)${entry.rationale === undefined ? '.' : `: ${stripLeadingClaim(entry.rationale)}`}`,
        );
      }
    }
    parts.push(`Indicative, not an official equivalence: ${chain}.`);
  }
  const last = route.hops[route.hops.length - 1] as Hop;
  if (last.levels.length > 1) parts.push(`It corresponds to several ${to.abbreviation} levels: ${andList(last.levels)}.`);
  return parts.join(' ');
}

function routeWhy(from: Framework, codes: string[], to: Framework, route: Route, aliasWhy: Reason[]): Reason {
  const chain = [`${from.abbreviation} ${codes.join('/')}`, ...route.hops.map((hop) => `${hop.to.abbreviation} ${hop.levels.join('/')}`)];
  const last = route.hops[route.hops.length - 1] as Hop;
  const then = [...(last.levels.length > 1 ? [why('mapping.several-levels', { framework: to.abbreviation, levels: last.levels })] : []), ...aliasWhy];
  if (route.basis === 'official') {
    const referenced = [from, to].filter((framework) => framework.referencing.some((entry) => entry.status === 'official'));
    const hub = route.hops.length > 1 ? (route.hops[0] as Hop).to : [from, to].find((framework) => (HUBS as readonly string[]).includes(framework.id));
    return why('mapping.official', {
      frameworks: referenced.map((framework) => framework.abbreviation),
      hub: hub?.abbreviation ?? 'EQF',
      chain,
      then,
    });
  }
  const methods = [...new Set(route.hops.flatMap((hop) => (hop.basis === 'official' ? [] : hop.entries.map(({ entry }) => entry.method ?? 'unstated'))))];
  return why('mapping.indicative', { chain, methods, then });
}

/** Says what an indicative comparison rests on: a reader weighs a title-only comparison differently. */
const METHOD_PHRASES: Readonly<Record<NonNullable<Correspondence['method']> | 'unstated', string>> = {
  descriptor: 'by level descriptors',
  'qualification-type': 'by the qualifications placed at that level',
  'level-title': "only by the level's one-line title (no level descriptors are published)",
  unstated: 'by the data authors',
};

/** Rationales open with "X is not referenced…", which the reason already says. */
function stripLeadingClaim(rationale: string): string {
  return rationale.replace(/^[^.]* is not referenced to the [A-Z]+\.\s*/, '');
}

function noneWhy(from: Framework, to: Framework): Reason {
  if (from.kind !== to.kind) {
    const language = from.kind === 'language' ? from : to;
    return why('mapping.none-language-scale', { scale: language.abbreviation, other: (language === from ? to : from).abbreviation });
  }
  if (to.levels.length === 0) return why('mapping.none-no-levels', { framework: to.abbreviation });
  const hubs = [from, to].filter((framework) => (HUBS as readonly string[]).includes(framework.id));
  if (hubs.length === 2) {
    const acqf = hubs.find((framework) => framework.id === 'acqf') ?? from;
    return why('mapping.none-continental', { framework: acqf.abbreviation, other: (acqf === from ? to : from).abbreviation });
  }
  return why('mapping.none-unrecorded', { from: from.abbreviation, to: to.abbreviation });
}

function noneReason(from: Framework, to: Framework): string {
  if (from.kind !== to.kind) {
    const language = from.kind === 'language' ? from : to;
    const other = language === from ? to : from;
    return `${language.abbreviation} is a language proficiency scale, not a qualifications framework: it is not referenced to the EQF and has no correspondence with ${other.abbreviation} levels.`;
  }
  if (to.levels.length === 0) return `${to.shortName} is ${to.status} and has no levels yet.`;
  const hubs = [from, to].filter((framework) => (HUBS as readonly string[]).includes(framework.id));
  if (hubs.length === 2) {
    const acqf = hubs.find((framework) => framework.id === 'acqf') ?? from;
    const other = acqf === from ? to : from;
    return `${acqf.shortName} is a continental framework for Africa, not referenced to the ${other.abbreviation}; no referencing between the two exists, so no correspondence is given. Compare through a national framework referenced to each.`;
  }
  const unreferenced = [from, to].filter(
    (framework) => !framework.referencing.some((entry) => entry.status === 'official') && !(HUBS as readonly string[]).includes(framework.id),
  );
  const notes = unreferenced.map(
    (framework) => framework.referencing.find((entry) => entry.framework === 'eqf')?.note ?? `${framework.abbreviation} is not referenced to the EQF.`,
  );
  return `No official or indicative correspondence is recorded between ${from.shortName} (${from.id}) and ${to.shortName} (${to.id}). ${notes.join(' ')}`.trim();
}

function sourcesOf(framework: Framework, keys: string[]): MappingSource[] {
  return keys.flatMap((key) => {
    const source = framework.sources.find((candidate) => candidate.key === key);
    return source === undefined ? [] : [{ framework: framework.id, url: source.url, title: source.title, ...(source.weak === true ? { weak: true } : {}) }];
  });
}

function referencingSources(framework: Framework): MappingSource[] {
  const keys = framework.referencing.flatMap((entry) => entry.sources);
  return sourcesOf(framework, keys.length > 0 ? keys : framework.sources.slice(0, 1).map((source) => source.key));
}

function officialReports(framework: Framework, route: Route): MappingSource[] {
  if (route.basis !== 'official') return [];
  return framework.referencing.flatMap((entry) =>
    entry.status === 'official' && entry.report !== undefined ? [{ framework: framework.id, ...entry.report }] : [],
  );
}

function dedupe(sources: MappingSource[]): MappingSource[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = `${source.framework} ${source.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
