import { expect } from 'chai';
import { claimsOf } from '../../src/ob3/claims.js';
import { evaluatePreset, evaluateRequirement } from '../../src/frameworks/requirements/evaluate.js';
import { findPreset, listPresets, loadPresets } from '../../src/frameworks/requirements/presets.js';
import type { CredentialEvidence, Requirement } from '../../src/frameworks/requirements/requirement.js';
import { diplomaCredential, languageCredential, type LanguageInput } from '../helpers/ob3-credentials.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const ALL_B1 = { listening: 'B1', reading: 'B1', writing: 'B1', speaking: 'B1' } as const;

/** By default the signer is recognized for Goethe-Institut exams, as the trust check would report it. */
function evidence(
  credential: Record<string, unknown>,
  verified = true,
  verdict = verified ? 'valid' : 'not-genuine',
  index = 0,
  recognizedExamBrands: string[] = ['goethe'],
): CredentialEvidence {
  return { index, id: `urn:test:${index}`, verified, verdict, claims: claimsOf(credential), recognizedExamBrands };
}
const german = (input: Partial<LanguageInput>) =>
  languageCredential({ language: 'de', provider: 'Goethe-Institut', examDate: '2025-01-10T00:00:00Z', overall: 'B1', skills: ALL_B1, ...input });
const visaB1 = (...credentials: CredentialEvidence[]) => evaluatePreset(findPreset('de-visa-language-b1', '/presets/0'), credentials, { now: NOW });

describe('claims read from OB 3.0 credentials', () => {
  it('reads CEFR rubric levels per skill, the language, provider and exam date', () => {
    const claims = claimsOf(german({ skills: { listening: 'B2', reading: 'B1', writing: 'A2', speaking: 'B1' } }));
    expect(claims.languages).to.deep.equal([
      {
        language: 'de',
        overall: 'B1',
        skills: { listening: 'B2', reading: 'B1', writing: 'A2', speaking: 'B1' },
        provider: { id: 'https://provider.example/Goethe-Institut', names: ['Goethe-Institut'] },
        examName: 'Exam de',
        examDate: '2025-01-10T00:00:00Z',
      },
    ]);
    expect(claims.levels).to.deep.equal([]);
  });

  it('reads framework levels from frameworkId alignments, EQF URIs and Passerelle level URLs alike', () => {
    const credential = diplomaCredential([
      ['ma-cnc', '5'],
      ['eqf', '5'],
    ]);
    const achievement = (credential.credentialSubject as { achievement: { alignment: Array<Record<string, unknown>> } }).achievement;
    achievement.alignment.push({
      type: ['Alignment'],
      targetType: 'ext:FrameworkLevel',
      frameworkId: 'de-dqr',
      targetCode: '4',
      targetName: 'DQR 4',
      targetUrl: 'https://example.org/x',
    });
    achievement.alignment.push({ type: ['Alignment'], targetType: 'ceasn:Competency', targetName: 'A skill', targetUrl: 'http://data.europa.eu/esco/skill/x' });
    expect(claimsOf(credential).levels.map(({ framework, level }) => `${framework}:${level}`)).to.deep.equal(['ma-cnc:5', 'eqf:5', 'de-dqr:4']);
  });
});

describe('requirement presets', () => {
  it('ship as data, each with sources, and every one validates at load', () => {
    const presets = loadPresets();
    expect(presets.map((preset) => preset.id)).to.include.members([
      'de-visa-language-b1',
      'de-skilled-worker-eqf4-official',
      'de-chancenkarte-language-minimum',
    ]);
    for (const preset of presets) expect(preset.sources.length, preset.id).to.be.greaterThan(0);
    expect(findPreset('de-visa-language-b1', '/p').verify?.join(' ')).to.match(/normally/);
  });

  it('de-visa-language-b1: every skill exactly at B1 from Goethe, exam 5 months old → met', () => {
    const result = visaB1(evidence(german({})));
    expect(result.outcome, result.reason).to.equal('met');
    expect(result.results[0]?.evidence[0]).to.include({ credential: 0, outcome: 'met', verified: true });
  });

  it('one skill one level below → not met, naming the skill', () => {
    const result = visaB1(evidence(german({ skills: { ...ALL_B1, writing: 'A2' } })));
    expect(result.outcome).to.equal('not-met');
    expect(result.reason).to.match(/writing is A2, below B1/);
  });

  it('exam older than 12 months → not met; exactly 12 months old → met', () => {
    const old = visaB1(evidence(german({ examDate: '2024-06-14T12:00:00Z' })));
    expect(old.outcome).to.equal('not-met');
    expect(old.reason).to.match(/older than 12 months/);
    expect(visaB1(evidence(german({ examDate: '2024-06-15T12:00:00Z' }))).outcome).to.equal('met');
  });

  it('a signer recognized for no accepted brand → not met, listing the accepted ones', () => {
    const result = visaB1(evidence(german({ provider: 'Sprachschule Beispiel GmbH' }), true, 'unrecognized-issuer', 0, []));
    expect(result.outcome).to.equal('not-met');
    expect(result.reason).to.match(
      /not recognized by any authority this service trusts as an exam provider of Goethe-Institut, telc, ÖSD, TestDaF \(from B2\), ECL/,
    );
  });

  it('brands count by the signer’s recognition, never by a name in the credential', () => {
    // Names that merely contain a brand (issue #11) meet nothing on their own.
    for (const provider of ['Goethe Sprachschule Tanger', 'ECL Centre de langues Casablanca', 'Sprachinstitut telc-Vorbereitung Rabat', 'Goethe-Institut']) {
      expect(visaB1(evidence(german({ provider }), true, 'unrecognized-issuer', 0, [])).outcome, provider).to.equal('not-met');
    }
    // A signer recognized for telc that names Goethe-Institut as provider: the named brand did not sign it.
    const borrowed = visaB1(evidence(german({ provider: 'Goethe-Institut' }), true, 'valid', 0, ['telc']));
    expect(borrowed.outcome).to.equal('not-met');
    expect(borrowed.reason).to.match(/names Goethe-Institut as exam provider, but its signer is not recognized for that brand/);
    // Recognized for Goethe, with a local centre's name as provider: met, and the reason names the brand.
    const centre = visaB1(evidence(german({ provider: 'Goethe Sprachschule Tanger' })));
    expect(centre.outcome).to.equal('met');
    expect(centre.reason).to.match(/signed by an issuer recognized for Goethe-Institut exams/);
  });

  it('TestDaF counts only from B2', () => {
    const testDaf = visaB1(evidence(german({ provider: 'TestDaF-Institut' }), true, 'valid', 0, ['testdaf']));
    expect(testDaf.outcome).to.equal('not-met');
    expect(testDaf.reason).to.match(/below B2/);
    expect(
      visaB1(
        evidence(
          german({ provider: 'TestDaF-Institut', overall: 'B2', skills: { listening: 'B2', reading: 'B2', writing: 'C1', speaking: 'B2' } }),
          true,
          'valid',
          0,
          ['testdaf'],
        ),
      ).outcome,
    ).to.equal('met');
  });

  it('a missing per-skill level → cannot tell', () => {
    const result = visaB1(evidence(german({ skills: { listening: 'B1', reading: 'B1', writing: 'B1' } })));
    expect(result.outcome).to.equal('cannot-tell');
    expect(result.reason).to.match(/no speaking level \(only the overall level B1\)/);
  });

  it('no exam date → cannot tell; no provider named → the signer’s recognition decides', () => {
    expect(visaB1(evidence(german({ examDate: undefined }))).reason).to.match(/no exam date/);
    const noProvider = german({ provider: undefined });
    expect(visaB1(evidence(noProvider)).outcome).to.equal('met');
    expect(visaB1(evidence(noProvider, true, 'unrecognized-issuer', 0, [])).outcome).to.equal('not-met');
  });

  it('an unverified credential is no evidence: not met (not genuine) or cannot tell (could not check)', () => {
    const forged = visaB1(evidence(german({}), false, 'not-genuine'));
    expect(forged.outcome).to.equal('not-met');
    expect(forged.reason).to.match(/not verified \(verdict: not-genuine\)/);
    expect(visaB1(evidence(german({}), false, 'could-not-check')).outcome).to.equal('cannot-tell');
    expect(visaB1(evidence(german({}), false, 'expired')).reason).to.match(/verdict: expired/);
  });

  it('one good credential among several is enough; another language does not count', () => {
    const result = visaB1(
      evidence(german({ provider: 'Nope' }), true, 'unrecognized-issuer', 0, []),
      evidence(languageCredential({ language: 'fr', overall: 'C1', provider: 'Goethe-Institut', examDate: '2025-01-01' }), true, 'valid', 1),
      evidence(german({}), true, 'valid', 2),
    );
    expect(result.outcome).to.equal('met');
    expect(result.results[0]?.evidence.map((entry) => [entry.credential, entry.outcome])).to.deep.equal([
      [0, 'not-met'],
      [2, 'met'],
    ]);
    expect(visaB1(evidence(languageCredential({ language: 'fr', overall: 'C1' }))).reason).to.match(/None of the 1 credential\(s\) states a level in de/);
  });

  it('without skills, the overall level counts; without an overall level, the weakest of four skills', () => {
    const requirement: Requirement = { kind: 'language', language: 'de', minLevel: 'B1' };
    expect(evaluateRequirement(requirement, [evidence(german({ skills: {} }))], { now: NOW }).outcome).to.equal('met');
    expect(evaluateRequirement(requirement, [evidence(german({ overall: undefined, skills: { ...ALL_B1, reading: 'A2' } }))], { now: NOW }).outcome).to.equal(
      'not-met',
    );
    expect(evaluateRequirement(requirement, [evidence(german({ overall: undefined, skills: { reading: 'C1' } }))], { now: NOW }).outcome).to.equal(
      'cannot-tell',
    );
  });

  it('Chancenkarte: German A1 or English B2', () => {
    const preset = findPreset('de-chancenkarte-language-minimum', '/p');
    const english = (level: string) => evidence(languageCredential({ language: 'en', overall: level, provider: 'IELTS' }));
    expect(evaluatePreset(preset, [english('B2')], { now: NOW }).outcome).to.equal('met');
    expect(evaluatePreset(preset, [english('B1')], { now: NOW }).outcome).to.equal('not-met');
    expect(evaluatePreset(preset, [evidence(german({ overall: 'A1', skills: {} }))], { now: NOW }).outcome).to.equal('met');
  });

  describe('de-skilled-worker-eqf4-official', () => {
    const preset = () => findPreset('de-skilled-worker-eqf4-official', '/p');
    const check = (levels: Array<[string, string]>, verified = true) => evaluatePreset(preset(), [evidence(diplomaCredential(levels), verified)], { now: NOW });

    it('DQR 4 (official, exactly at threshold) → met; DQR 3 → not met', () => {
      const met = check([['de-dqr', '4']]);
      expect(met.outcome).to.equal('met');
      expect(met.results[0]?.evidence[0]?.mapping).to.deep.include({ basis: 'official', to: ['4'] });
      expect(check([['de-dqr', '3']]).outcome).to.equal('not-met');
      expect(check([['fr-cncp', 'IV']]).outcome).to.equal('met');
    });

    it('Morocco CNC 5 → not met on an official basis, and says it is only indicative', () => {
      const result = check([['ma-cnc', '5']]);
      expect(result.outcome).to.equal('not-met');
      expect(result.reason).to.match(/only indicatively EQF 5.*Morocco CNC is not referenced to the EQF/);
    });

    it('with basis "any", the indicative comparison counts and says so', () => {
      const result = evaluateRequirement(
        { kind: 'qualification-level', framework: 'eqf', minLevel: '4', basis: 'any' },
        [evidence(diplomaCredential([['ma-cnc', '5']]))],
        { now: NOW },
      );
      expect(result.outcome).to.equal('met');
      expect(result.reason).to.match(/indicatively EQF 5/);
    });

    it('a level that spans the threshold, or has no correspondence, → cannot tell', () => {
      const spans = evaluateRequirement(
        { kind: 'qualification-level', framework: 'eqf', minLevel: '5', basis: 'any' },
        [evidence(diplomaCredential([['ng-nsqf', '4']]))],
        { now: NOW },
      );
      expect(spans.outcome).to.equal('cannot-tell');
      expect(spans.reason).to.match(/spans EQF 4 or 5/);
      expect(check([['tn-cnq', '5']]).outcome).to.equal('cannot-tell');
      expect(check([['zz-unknown', '1']]).outcome).to.equal('cannot-tell');
    });

    it('an unverified diploma does not count', () => {
      expect(check([['de-dqr', '6']], false).outcome).to.equal('not-met');
    });
  });

  it('every shipped preset is listed once', () => {
    expect(new Set(listPresets().map((preset) => preset.id)).size).to.equal(listPresets().length);
  });
});
