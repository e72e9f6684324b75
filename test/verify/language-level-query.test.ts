import { expect } from 'chai';
import { CEFR_LEVELS, LANGUAGE_SKILLS, cefrRank, type CefrLevel, type CefrScale } from '../../src/issue/profiles/cefr.js';
import { languageLevelProfile, type LanguageLevelRequest } from '../../src/issue/profiles/language-level.js';
import type { IssuerRecord } from '../../src/store/ports.js';
import { languageLevelsOf, meetsLanguageLevel } from '../../src/verify/language-level-query.js';

const issuer = {
  id: 'issuer-1',
  did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  legalName: 'Centre de langues',
  names: {},
} as unknown as IssuerRecord;

/** The level "mirrored" on the scale: differs from `level` except in the middle, so other skills never leak into the answer. */
const other = (level: CefrLevel): CefrLevel => CEFR_LEVELS[5 - cefrRank(level)] as CefrLevel;

function credentialStating(scale: CefrScale, level: CefrLevel): Record<string, unknown> {
  const skillLevels = Object.fromEntries(LANGUAGE_SKILLS.map((skill) => [skill, skill === scale ? level : other(level)]));
  const request = {
    profile: 'language-level',
    primaryLanguage: 'de',
    holder: { name: 'Test Holder', identifiers: [{ type: 'email', value: 'holder@example.org' }] },
    language: 'de',
    ...(scale === 'overall' ? { overallLevel: level } : { skillLevels }),
    exam: { name: 'Sprachprüfung', provider: { id: 'https://exams.example.org', name: 'Prüfungszentrum' }, date: '2025-02-20' },
  } as LanguageLevelRequest;
  return languageLevelProfile.build(request, { issuer, salt: 'salt' });
}

describe('"at least <level> in <language>?" from a language credential alone', () => {
  for (const scale of ['overall', ...LANGUAGE_SKILLS] as CefrScale[]) {
    it(`answers every CEFR level pair correctly on the ${scale} scale (36 pairs)`, () => {
      let asked = 0;
      for (const achieved of CEFR_LEVELS) {
        const credential = credentialStating(scale, achieved);
        for (const minimum of CEFR_LEVELS) {
          const answer = meetsLanguageLevel(credential, { language: 'de', minimum, ...(scale === 'overall' ? {} : { skill: scale }) });
          const expected = CEFR_LEVELS.indexOf(achieved) >= CEFR_LEVELS.indexOf(minimum) ? 'yes' : 'no';
          expect(answer, `${scale}: achieved ${achieved}, at least ${minimum}?`).to.deep.include({ answer: expected, achieved });
          asked += 1;
        }
      }
      expect(asked).to.equal(36);
    });
  }

  it('says "unknown" for a skill when only the overall level is stated, and for the overall level when only skills are', () => {
    const overallOnly = credentialStating('overall', 'B2');
    expect(meetsLanguageLevel(overallOnly, { language: 'de', minimum: 'A1', skill: 'speaking' }).answer).to.equal('unknown');
    const skillsOnly = credentialStating('speaking', 'C1');
    expect(meetsLanguageLevel(skillsOnly, { language: 'de', minimum: 'A1' }).answer).to.equal('unknown');
  });

  it('matches the language by ISO 639-1, 639-2 or a regional tag, and never another language', () => {
    const credential = credentialStating('overall', 'B1');
    for (const language of ['de', 'deu', 'ger', 'de-AT', 'DE'])
      expect(meetsLanguageLevel(credential, { language, minimum: 'B1' }).answer, language).to.equal('yes');
    for (const language of ['fr', 'en', 'nl']) expect(meetsLanguageLevel(credential, { language, minimum: 'A1' }).answer, language).to.equal('unknown');
  });

  it('lists every level stated, and ignores a result that is not Completed', () => {
    const credential = credentialStating('reading', 'A2');
    expect(languageLevelsOf(credential).map((statement) => `${statement.scale}:${statement.level}`)).to.deep.equal([
      'listening:C1',
      'reading:A2',
      'writing:C1',
      'speaking:C1',
    ]);
    const subject = credential.credentialSubject as { result: Array<Record<string, unknown>> };
    for (const result of subject.result) result.status = 'Failed';
    expect(meetsLanguageLevel(credential, { language: 'de', minimum: 'A1', skill: 'reading' }).answer).to.equal('unknown');
  });

  it('reads the level from the CEFR alignment, not from the level id: relabelled ids do not change the answer', () => {
    const credential = credentialStating('overall', 'C1');
    const text = JSON.stringify(credential).replaceAll('#cefr-overall-', '#level-');
    expect(meetsLanguageLevel(JSON.parse(text), { language: 'de', minimum: 'C1' })).to.deep.include({ answer: 'yes', achieved: 'C1' });
  });
});
