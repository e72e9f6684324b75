import { expect } from 'chai';
import { HUBS, type Basis, type Framework, type Level } from '../../src/frameworks/framework.js';
import { mapLevel } from '../../src/frameworks/map-level.js';
import { createRegistry, frameworkRegistry } from '../../src/frameworks/registry.js';
import { ProblemError } from '../../src/shared/problems.js';

const registry = frameworkRegistry();
const frameworks = registry.list();
const isHub = (framework: Framework) => (HUBS as readonly string[]).includes(framework.id);
const officiallyReferencedTo = (framework: Framework, hub: string) =>
  framework.referencing.some((entry) => entry.framework === hub && entry.status === 'official');

/**
 * An independent reading of the data: a level's hub levels and basis (the hub itself is
 * its own level, officially), then the target levels whose hub levels meet them.
 */
function hubLevels(framework: Framework, level: Level, hub: string): { levels: string[]; basis: Exclude<Basis, 'none'> } | undefined {
  if (framework.id === hub) return { levels: [level.code], basis: 'official' };
  const entry = level.correspondence?.find((c) => c.framework === hub);
  return entry === undefined ? undefined : { levels: entry.levels, basis: entry.basis };
}

function expected(from: Framework, level: Level, to: Framework): { basis: Basis; to: string[] } {
  if (from.id === to.id) return { basis: 'official', to: [level.code] };
  if (from.kind !== to.kind) return { basis: 'none', to: [] };
  const answers: Array<{ basis: Exclude<Basis, 'none'>; to: string[] }> = [];
  for (const hub of HUBS) {
    const up = hubLevels(from, level, hub);
    if (up === undefined) continue;
    const down = to.levels.flatMap((candidate) => {
      const mapped = hubLevels(to, candidate, hub);
      return mapped !== undefined && mapped.levels.some((code) => up.levels.includes(code)) ? [{ code: candidate.code, basis: mapped.basis }] : [];
    });
    if (down.length === 0) continue;
    const basis = up.basis === 'official' && down.every((entry) => entry.basis === 'official') ? 'official' : 'indicative';
    answers.push({ basis, to: down.map((entry) => entry.code) });
  }
  return answers.find((answer) => answer.basis === 'official') ?? answers[0] ?? { basis: 'none', to: [] };
}

describe('mapLevel: every framework pair in the registry', () => {
  it('only hub correspondences exist in the data (so the table below reads all of it)', () => {
    for (const framework of frameworks) {
      for (const level of framework.levels)
        for (const entry of level.correspondence ?? []) expect(HUBS, `${framework.id} ${level.code}`).to.include(entry.framework);
    }
  });

  let checked = 0;
  const tally: Record<Basis, number> = { official: 0, indicative: 0, none: 0 };
  after(() => {
    // Every kind of answer occurs, so none of the branches below is vacuous.
    expect(tally.official).to.be.greaterThan(100);
    expect(tally.indicative).to.be.greaterThan(50);
    expect(tally.none).to.be.greaterThan(100);
    expect(checked).to.equal(frameworks.reduce((sum, framework) => sum + framework.levels.length, 0) * frameworks.length);
  });

  for (const from of frameworks) {
    it(`maps each ${from.id} level to every framework as the data says`, () => {
      for (const level of from.levels) {
        for (const to of frameworks) {
          const label = `${from.id}:${level.code} → ${to.id}`;
          const result = mapLevel({ framework: from.id, level: level.code }, to.id);
          const want = expected(from, level, to);
          checked += 1;
          tally[result.basis] += 1;
          expect(result.basis, label).to.equal(want.basis);
          expect(
            result.to.map((entry) => entry.code),
            label,
          ).to.deep.equal(want.to);
          expect(result.from).to.include({ framework: from.id, code: level.code });
          expect(result.sources.length, `${label}: sources`).to.be.greaterThan(0);
          expect(result.reason, label).to.be.a('string').and.not.equal('');
          expect(result.path[0], label).to.deep.equal({ framework: from.id, levels: [level.code] });
          for (const entry of result.to)
            expect(
              to.levels.map((candidate) => candidate.code),
              label,
            ).to.include(entry.code);

          if (result.basis === 'none' || from.id === to.id) {
            expect(result.path, label).to.have.length(1);
            if (from.id !== to.id) expect(result.to, label).to.deep.equal([]);
            continue;
          }
          const last = result.path[result.path.length - 1];
          expect(last?.framework, label).to.equal(to.id);
          expect(last?.levels, label).to.deep.equal(want.to);
          expect(result.path.length, label).to.be.oneOf([2, 3]);
          if (result.path.length === 3) expect(HUBS, label).to.include(result.path[1]?.framework);
          const hub = result.path.length === 3 ? (result.path[1]?.framework as string) : isHub(from) ? from.id : to.id;
          if (result.basis === 'official') {
            // Never official unless each side is the hub or officially referenced to it.
            for (const side of [from, to])
              expect(side.id === hub || officiallyReferencedTo(side, hub), `${label}: ${side.id} referenced to ${hub}`).to.equal(true);
            expect(
              result.path.slice(1).every((step) => step.basis === 'official'),
              label,
            ).to.equal(true);
            expect(result.reason, label).to.match(/^Official/);
          } else {
            expect(
              result.path.slice(1).some((step) => step.basis === 'indicative'),
              label,
            ).to.equal(true);
            expect(result.reason, label).to.match(
              /is not referenced to the (EQF|ACQF); level \w+ is compared (by level descriptors|by the qualifications placed at that level|only by the level's one-line title|by the data authors)/,
            );
            expect(result.reason, label).to.include('not an official equivalence');
          }
          if (want.to.length > 1) expect(result.reason, label).to.match(/several .* levels/);
        }
      }
    });
  }
});

describe('mapLevel: answers the domain cares about', () => {
  it('Morocco CNC 5 → DQR: indicative via EQF, saying CNC is not referenced', () => {
    const result = mapLevel({ framework: 'ma-cnc', level: '5' }, 'de-dqr');
    expect(result.basis).to.equal('indicative');
    expect(result.to.map((level) => level.code)).to.deep.equal(['5']);
    expect(result.path.map((step) => step.framework)).to.deep.equal(['ma-cnc', 'eqf', 'de-dqr']);
    expect(result.path.map((step) => step.basis)).to.deep.equal([undefined, 'indicative', 'official']);
    expect(result.reason).to.match(/^Morocco CNC is not referenced to the EQF; level 5 is compared by the qualifications placed at that level/);
  });

  it('DQR 4 → CNCP: official via EQF, citing both referencing reports', () => {
    const result = mapLevel({ framework: 'de-dqr', level: '4' }, 'fr-cncp');
    expect(result).to.deep.include({ basis: 'official' });
    expect(result.path.map((step) => step.framework)).to.deep.equal(['de-dqr', 'eqf', 'fr-cncp']);
    expect(result.sources.map((source) => source.framework)).to.include.members(['de-dqr', 'fr-cncp']);
    expect(result.caveats.join(' ')).to.match(/2012/);
  });

  it('EQF 5 → DQR is direct and carries the EQF concept URI on the EQF side', () => {
    const result = mapLevel({ framework: 'eqf', level: '5' }, 'de-dqr');
    expect(result.path).to.have.length(2);
    expect(result.from.uri).to.equal('http://data.europa.eu/snb/eqf/5');
    expect(mapLevel({ framework: 'de-dqr', level: '5' }, 'eqf').to[0]?.uri).to.equal('http://data.europa.eu/snb/eqf/5');
  });

  it('CEFR ↔ DQR: none, because CEFR is a language scale', () => {
    for (const result of [mapLevel({ framework: 'cefr', level: 'B1' }, 'de-dqr'), mapLevel({ framework: 'de-dqr', level: '4' }, 'cefr')]) {
      expect(result.basis).to.equal('none');
      expect(result.reason).to.match(/CEFR is a language proficiency scale/);
    }
  });

  it('Nigeria NSQF 4 maps to two DQR levels and says so', () => {
    const result = mapLevel({ framework: 'ng-nsqf', level: '4' }, 'de-dqr');
    expect(result.to.map((level) => level.code)).to.deep.equal(['4', '5']);
    expect(result.reason).to.match(/several DQR levels: 4 and 5/);
  });

  it('France former level I spans CNCP 7 and 8; IV resolves to 4', () => {
    const wide = mapLevel({ framework: 'fr-cncp', level: 'I' }, 'de-dqr');
    expect(wide.to.map((level) => level.code)).to.deep.equal(['7', '8']);
    expect(wide.from.resolvedFrom).to.equal('I');
    expect(mapLevel({ framework: 'fr-cncp', level: 'IV' }, 'eqf').to.map((level) => level.code)).to.deep.equal(['4']);
  });

  it('Spain certificados de profesionalidad have no recorded EQF level: none, never guessed', () => {
    const result = mapLevel({ framework: 'es-cp', level: '2' }, 'eqf');
    expect(result.basis).to.equal('none');
    expect(result.caveats.join(' ')).to.match(/referencing report/);
  });

  it('picks labels in the requested language, English otherwise', () => {
    expect(mapLevel({ framework: 'eqf', level: '4' }, 'de-dqr', { lang: 'de' }).to[0]?.label).to.equal('DQR-Niveau 4');
    expect(mapLevel({ framework: 'eqf', level: '4' }, 'de-dqr', { lang: 'fr-BE' }).to[0]?.label).to.equal('Niveau 4 du DQR');
    expect(mapLevel({ framework: 'eqf', level: '4' }, 'de-dqr', { lang: 'sw' }).to[0]?.label).to.equal('DQR level 4');
  });

  it('an unknown level or framework is a 4xx problem naming the valid codes', () => {
    const attempt = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        return error as ProblemError;
      }
      throw new Error('no error');
    };
    const level = attempt(() => mapLevel({ framework: 'de-dqr', level: '9' }, 'eqf'));
    expect(level.status).to.equal(404);
    expect(level.message).to.include('Valid codes: 1, 2, 3, 4, 5, 6, 7, 8');
    const target = attempt(() => mapLevel({ framework: 'de-dqr', level: '4' }, 'nope'));
    expect(target.message).to.include('Valid framework ids:');
  });
});

describe('mapLevel on a synthetic registry: ACQF and direct routes', () => {
  const level = (code: string, correspondence?: Level['correspondence']): Level => ({
    code,
    label: { en: `L${code}`, fr: `N${code}` },
    descriptor: { en: `level ${code}` },
    ...(correspondence ? { correspondence } : {}),
  });
  const framework = (id: string, levels: Level[], referencing: Framework['referencing'] = []): Framework => ({
    id,
    kind: 'qualifications',
    version: '1',
    dataVersion: '2025-01-01',
    status: 'in force',
    name: { en: id, fr: id },
    abbreviation: id.toUpperCase(),
    shortName: id.toUpperCase(),
    publisher: { name: 'test' },
    sources: [{ key: 's', url: `https://example.org/${id}`, title: id }],
    referencing,
    levels,
  });
  const official = (hub: 'eqf' | 'acqf') => [
    { framework: hub, status: 'official' as const, year: 2030, report: { url: 'https://example.org/report', title: 'r' }, note: 'n', sources: ['s'] },
  ];
  const synthetic = createRegistry([
    framework('eqf', [level('1'), level('2')]),
    framework('acqf', [level('1'), level('2'), level('3')]),
    framework('xa', [level('1', [{ framework: 'acqf', levels: ['2'], basis: 'official', sources: ['s'] }])], official('acqf')),
    framework(
      'xb',
      [
        level('A', [{ framework: 'acqf', levels: ['2'], basis: 'official', sources: ['s'] }]),
        level('B', [{ framework: 'xa', levels: ['1'], basis: 'indicative', rationale: 'by descriptor', sources: ['s'] }]),
      ],
      official('acqf'),
    ),
    framework('xc', [level('9', [{ framework: 'xa', levels: ['1'], basis: 'indicative', rationale: 'compared by descriptor', sources: ['s'] }])]),
  ]);

  it('goes through the ACQF when both sides are officially referenced to it', () => {
    const result = mapLevel({ framework: 'xa', level: '1' }, 'xb', { registry: synthetic });
    expect(result.basis).to.equal('official');
    expect(result.path.map((step) => step.framework)).to.deep.equal(['xa', 'acqf', 'xb']);
    expect(result.to.map((entry) => entry.code)).to.deep.equal(['A']);
    expect(result.reason).to.match(/officially referenced to the ACQF/);
  });

  it('uses a direct indicative correspondence when no official route exists, without calling it official', () => {
    const result = mapLevel({ framework: 'xc', level: '9' }, 'xa', { registry: synthetic });
    expect(result.basis).to.equal('indicative');
    expect(result.path.map((step) => step.framework)).to.deep.equal(['xc', 'xa']);
    const reverse = mapLevel({ framework: 'xa', level: '1' }, 'xc', { registry: synthetic });
    expect(reverse.basis).to.equal('indicative');
    expect(reverse.to.map((entry) => entry.code)).to.deep.equal(['9']);
  });

  it('prefers the official route over a direct indicative one', () => {
    // xb B is indicatively xa 1, but xa 1 officially meets xb A through the ACQF.
    const result = mapLevel({ framework: 'xa', level: '1' }, 'xb', { registry: synthetic });
    expect(result.basis).to.equal('official');
  });
});

describe('mapLevel: reasons say what an indicative comparison rests on (issue #13)', () => {
  it('Nigeria: only one-line level titles; Ghana and Morocco: the qualifications at the level; ACQF ⇄ EQF: no referencing exists', async () => {
    const { mapLevel } = await import('../../src/frameworks/map-level.js');
    expect(mapLevel({ framework: 'ng-nsqf', level: '3' }, 'eqf').reason).to.match(
      /compared only by the level's one-line title \(no level descriptors are published\)/,
    );
    expect(mapLevel({ framework: 'gh-ntvetqf', level: '5' }, 'eqf').reason).to.match(/compared by the qualifications placed at that level/);
    expect(mapLevel({ framework: 'ma-cnc', level: '1' }, 'eqf').reason).to.match(/compared by level descriptors/);
    const continental = mapLevel({ framework: 'acqf', level: '4' }, 'eqf');
    expect(continental.basis).to.equal('none');
    expect(continental.reason).to.match(/continental framework for Africa, not referenced to the EQF; no referencing between the two exists/);
  });
});
