import { expect } from 'chai';
import { listPresets } from '../../src/frameworks/requirements/presets.js';
import { PAGE_LANGUAGES } from '../../src/present/i18n/messages.js';
import { REASON_SENTENCES, sayReason } from '../../src/present/i18n/reasons.js';
import { REASON_CODES, type ReasonCode, type ReasonParam } from '../../src/shared/reason.js';

/** Parameters that exercise every branch a sentence reads (optional parts present). */
const SAMPLE: Record<string, ReasonParam> = {
  count: 3,
  credential: 2,
  linked: 1,
  title: 'Technicien spécialisé',
  id: 'urn:uuid:1',
  name: 'Décision',
  verdict: 'not-genuine',
  kind: 'language',
  language: 'de',
  alternative: 'de-b1',
  reason: { code: 'language.no-exam-date' },
  because: [{ code: 'language.no-exam-date' }, { code: 'language.no-overall-level' }],
  statuses: 'Failed',
  brands: ['Goethe-Institut'],
  wanted: ['Goethe-Institut', 'telc'],
  date: '2024-01-02',
  months: 12,
  oldestModule: 1,
  scale: 'overall',
  skill: 'speaking',
  level: 'A2',
  min: 'B1',
  overall: 'B1',
  stated: 'B1',
  brand: 'Goethe-Institut',
  examDate: '2024-01-02',
  target: 'EQF',
  levels: ['4', '5'],
  basis: 'official',
  mapping: { code: 'mapping.none-unrecorded', params: { from: 'CNC', to: 'DQR' } },
  decision: 'full-equivalence',
  measure: 'adaptation-period',
  frameworks: ['DQR'],
  hub: 'EQF',
  chain: ['CNC 5', 'EQF 5', 'DQR 5'],
  methods: ['descriptor'],
  framework: 'DQR',
  code: '5',
  other: 'EQF',
  from: 'CNC',
  to: 'DQR',
  check: 'signature',
  checks: ['signature', 'status'],
  problem: 'invalid-signature',
  holder: 'did:key:z6Mk',
  holders: ['Amina Tazi (1995-01-01): 1', 'Youssef Benali: 2'],
  credentials: ['2', '3'],
  preset: 'Visa B1',
};

const VARIANTS: Array<Record<string, ReasonParam>> = [SAMPLE, {}];

describe('reason catalogue: every reason code in five languages', () => {
  it('has a sentence in fr, en, de, es and ar for every code, and no sentence the catalogue does not know', () => {
    expect(Object.keys(REASON_SENTENCES).sort()).to.deep.equal([...REASON_CODES].sort());
    const missing = REASON_CODES.flatMap((code) =>
      PAGE_LANGUAGES.filter((language) => typeof REASON_SENTENCES[code]?.[language] !== 'function').map((language) => `${code} ${language}`),
    );
    expect(missing).to.deep.equal([]);
  });

  it('renders every code in every language, with and without its optional parameters, never leaving a placeholder', () => {
    for (const code of REASON_CODES as readonly ReasonCode[]) {
      for (const params of VARIANTS) {
        const english = sayReason({ code, params }, 'en');
        for (const language of PAGE_LANGUAGES) {
          const said = sayReason({ code, params }, language);
          expect(said.trim(), `${code} ${language}`).to.not.equal('');
          if (params === SAMPLE) expect(said, `${code} ${language}`).to.not.match(/undefined|NaN|\[object|\{\w+\}/);
          // A translation is not the English sentence again (the DQR caveat comes from the page messages, translated too).
          if (language !== 'en' && params === SAMPLE) expect(said, `${code} ${language} is untranslated`).to.not.equal(english);
        }
      }
    }
  });

  it('says the reader-facing parts in the reader\u2019s words: language names, skills, decisions, verdicts and arrows', () => {
    expect(sayReason({ code: 'language.met', params: { language: 'de', stated: 'B1', min: 'B1' } }, 'es')).to.equal('Se cumple: alemán B1, B1 o superior.');
    expect(
      sayReason(
        { code: 'requirement.not-met', params: { because: [{ code: 'language.level-below', params: { scale: 'speaking', level: 'A2', min: 'B1' } }] } },
        'de',
      ),
    ).to.equal('Nicht erfüllt: Sprechen: A2, unter B1.');
    expect(sayReason({ code: 'decision.other-type', params: { decision: 'partial-equivalence', wanted: ['full-equivalence'] } }, 'de')).to.equal(
      'Nicht erfüllt: Der Bescheid lautet „Teilweise Gleichwertigkeit“, nicht „Volle Gleichwertigkeit“.',
    );
    // In Arabic each level is isolated, so the arrow (←) takes the sentence's right-to-left direction.
    expect(sayReason({ code: 'mapping.official', params: { frameworks: ['DQR'], hub: 'EQF', chain: ['DQR 4', 'EQF 4'] } }, 'ar')).to.include(
      '\u2068DQR 4\u2069 ← \u2068EQF 4\u2069',
    );
  });

  it('gives every requirement preset a title in each of the five languages', () => {
    const missing = listPresets().flatMap((preset) =>
      PAGE_LANGUAGES.filter((language) => (preset.title[language] ?? '').trim() === '').map((language) => `${preset.id} ${language}`),
    );
    expect(missing).to.deep.equal([]);
    expect(listPresets().length).to.be.greaterThan(0);
  });
});
