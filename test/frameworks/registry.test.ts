import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Framework } from '../../src/frameworks/framework.js';
import { createRegistry, DATA_DIR, frameworkRegistry, loadFrameworkFiles } from '../../src/frameworks/registry.js';
import { ProblemError } from '../../src/shared/problems.js';

const EXPECTED_IDS = [
  'eqf',
  'acqf',
  'cefr',
  'ma-cnc',
  'tn-cnq',
  'gh-ntvetqf',
  'ng-nsqf',
  'sn-cnq',
  'de-dqr',
  'es-mecu',
  'es-cp',
  'fr-cncp',
  'be-fl-vks',
  'be-fr-cfc',
  'pt-qnq',
  'lt-ltks',
];

function problemOf(action: () => unknown): ProblemError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a ProblemError');
}

describe('framework registry (data files)', () => {
  const registry = frameworkRegistry();
  const byId = (id: string) => registry.find(id);

  it('loads every data file through the schema, one file per framework, with the agreed ids', () => {
    const files = loadFrameworkFiles();
    expect(files.map((framework) => framework.id).sort()).to.deep.equal([...EXPECTED_IDS].sort());
  });

  it('has the level counts the domain facts give', () => {
    const counts = Object.fromEntries(registry.list().map((framework) => [framework.id, framework.levels.length]));
    expect(counts).to.deep.include({
      eqf: 8,
      acqf: 10,
      cefr: 6,
      'ma-cnc': 8,
      'tn-cnq': 7,
      'gh-ntvetqf': 8,
      'ng-nsqf': 6,
      'sn-cnq': 0,
      'de-dqr': 8,
      'es-mecu': 8,
      'es-cp': 3,
      'fr-cncp': 8,
    });
    expect(byId('sn-cnq').status).to.equal('in development');
  });

  it('gives EQF levels their Europass concept URIs', () => {
    expect(byId('eqf').levels.map((level) => level.uri)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `http://data.europa.eu/snb/eqf/${n}`));
  });

  it('every framework has en and fr names, sources with URLs, and every level a label and descriptor', () => {
    for (const framework of registry.list()) {
      expect(framework.name.en, framework.id).to.be.a('string');
      expect(framework.name.fr, framework.id).to.be.a('string');
      expect(framework.sources.length, framework.id).to.be.greaterThan(0);
      for (const level of framework.levels) {
        expect(level.label.en, `${framework.id} ${level.code}`).to.be.a('string');
        expect(level.descriptor.en, `${framework.id} ${level.code}`).to.be.a('string');
      }
    }
  });

  it('states each referencing honestly: official ones have year and report, non-referenced frameworks have no official correspondence', () => {
    const officialEqf = registry
      .list()
      .filter((framework) => framework.referencing.some((entry) => entry.framework === 'eqf' && entry.status === 'official'))
      .map((framework) => framework.id)
      .sort();
    expect(officialEqf).to.deep.equal(['be-fl-vks', 'be-fr-cfc', 'de-dqr', 'es-mecu', 'fr-cncp', 'lt-ltks', 'pt-qnq']);
    for (const id of ['ma-cnc', 'tn-cnq', 'gh-ntvetqf', 'ng-nsqf', 'sn-cnq', 'cefr', 'es-cp', 'acqf']) {
      const framework = byId(id);
      expect(framework.referencing.find((entry) => entry.framework === 'eqf')?.status, id).to.equal('none');
      const official = framework.levels.flatMap((level) => level.correspondence ?? []).filter((c) => c.basis === 'official');
      expect(official, id).to.have.length(0);
    }
    expect(byId('cefr').referencing[0]?.note).to.match(/not referenced to the EQF/);
  });

  it('keeps the [verify] items of the domain file marked in the data', () => {
    expect(byId('de-dqr').referencing[0]?.verify).to.match(/2012/);
    expect(byId('pt-qnq').referencing[0]?.verify).to.match(/2011/);
    expect(byId('fr-cncp').referencing[0]?.verify).to.match(/updated referencing/);
    expect(byId('es-cp').referencing[0]?.verify).to.match(/referencing report/);
    expect(byId('tn-cnq').verify?.join(' ')).to.match(/CAP\/BTP\/BTS/);
  });

  it("resolves France's old grid as aliases, old level I naming levels 7 and 8", () => {
    expect(registry.findLevel('fr-cncp', 'V').code).to.equal('3');
    expect(registry.findLevel('fr-cncp', 'iv').code).to.equal('4');
    expect(registry.resolve('fr-cncp', 'I').map((level) => level.code)).to.deep.equal(['7', '8']);
    const ambiguous = problemOf(() => registry.findLevel('fr-cncp', 'I'));
    expect(ambiguous.type).to.equal('invalid-request');
    expect(ambiguous.message).to.match(/7, 8/);
  });

  it('names the valid codes for an unknown level and the valid ids for an unknown framework', () => {
    const level = problemOf(() => registry.findLevel('ma-cnc', '9'));
    expect(level.type).to.equal('unknown-level');
    expect(level.message).to.include('ma-cnc').and.include('1, 2, 3, 4, 5, 6, 7, 8');
    expect(level.extensions.validCodes).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8']);
    const framework = problemOf(() => registry.find('xx-nqf'));
    expect(framework.type).to.equal('unknown-level');
    expect(framework.message).to.include('xx-nqf').and.include('de-dqr');
    expect(problemOf(() => registry.findLevel('sn-cnq', '1')).message).to.match(/no levels yet.*in development/);
  });

  describe('refusing broken data at load', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'passerelle-frameworks-')) + '/';
      cpSync(DATA_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const edit = (id: string, change: (framework: Record<string, any>) => void) => {
      const framework = JSON.parse(readFileSync(`${dir}${id}.json`, 'utf8'));
      change(framework);
      writeFileSync(`${dir}${id}.json`, JSON.stringify(framework));
    };

    it('names the file and the field that breaks the schema', () => {
      edit('ma-cnc', (framework) => delete framework.levels[4].label);
      expect(() => loadFrameworkFiles(dir)).to.throw(/ma-cnc\.json.*\/levels\/4\/label is required/);
    });

    it('refuses a file that is not JSON, and a file whose id is not its name', () => {
      writeFileSync(`${dir}zz-broken.json`, '{ "id": ');
      expect(() => loadFrameworkFiles(dir)).to.throw(/zz-broken\.json is not valid JSON/);
      rmSync(`${dir}zz-broken.json`);
      edit('tn-cnq', (framework) => (framework.id = 'tn-other'));
      expect(() => loadFrameworkFiles(dir)).to.throw(/tn-cnq\.json has id "tn-other"/);
    });

    it('refuses an official correspondence from a framework that is not officially referenced', () => {
      edit('ma-cnc', (framework) => (framework.levels[4].correspondence[0].basis = 'official'));
      expect(() => createRegistry(loadFrameworkFiles(dir))).to.throw(/ma-cnc\.json: level 5 claims an official correspondence with eqf/);
    });

    it('refuses a correspondence to a level that does not exist, and an unknown source key', () => {
      edit('de-dqr', (framework) => (framework.levels[0].correspondence[0].levels = ['9']));
      expect(() => createRegistry(loadFrameworkFiles(dir))).to.throw(/de-dqr\.json: level 1 corresponds to eqf level "9"/);
      cpSync(`${DATA_DIR}de-dqr.json`, `${dir}de-dqr.json`);
      edit('gh-ntvetqf', (framework) => (framework.referencing[0].sources = ['nowhere']));
      expect(() => createRegistry(loadFrameworkFiles(dir))).to.throw(/gh-ntvetqf\.json: source key "nowhere"/);
    });

    it('accepts a new framework by adding one file', () => {
      const extra: Partial<Framework> = JSON.parse(readFileSync(`${DATA_DIR}tn-cnq.json`, 'utf8'));
      writeFileSync(`${dir}xx-nqf.json`, JSON.stringify({ ...extra, id: 'xx-nqf', abbreviation: 'XQF' }));
      expect(createRegistry(loadFrameworkFiles(dir)).find('xx-nqf').abbreviation).to.equal('XQF');
    });
  });
});
