import { expect } from 'chai';
import { claimsOf } from '../../src/ob3/claims.js';
import { normaliseLanguage } from '../../src/ob3/vocabulary.js';
import { evaluatePreset } from '../../src/frameworks/requirements/evaluate.js';
import { findPreset } from '../../src/frameworks/requirements/presets.js';
import { languageLevelProfile, type LanguageLevelRequest } from '../../src/issue/profiles/language-level.js';
import { languageLevelExample } from '../../src/issue/profiles/examples.js';
import { meetsLanguageLevel } from '../../src/verify/language-level-query.js';
import type { IssuerRecord } from '../../src/store/ports.js';

/** Issue #13: one reader of claims, and it reads them right. */
const issuer = { id: 'issuer-1', did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', legalName: 'Centre', names: {} } as unknown as IssuerRecord;
const build = (overrides: Partial<LanguageLevelRequest> = {}) =>
  languageLevelProfile.build({ ...(structuredClone(languageLevelExample) as unknown as LanguageLevelRequest), ...overrides }, { issuer, salt: 'salt' });

function withStatus(credential: Record<string, unknown>, status: string): Record<string, unknown> {
  const copy = structuredClone(credential);
  for (const result of (copy.credentialSubject as { result: Array<Record<string, unknown>> }).result) result.status = status;
  return copy;
}

describe('the one claim reader (src/ob3/claims.ts)', () => {
  it('a failed exam states no level: not in the claims, not in the query, not for a preset', () => {
    const failed = withStatus(build(), 'Failed');
    const claims = claimsOf(failed);
    expect(claims.languages[0]).to.not.have.property('overall');
    expect(claims.languages[0]?.skills).to.deep.equal({});
    expect(claims.languages[0]?.notPassed?.map((entry) => `${entry.scale} ${entry.level} ${entry.status}`)).to.include('overall B1 Failed');
    expect(meetsLanguageLevel(failed, { language: 'de', minimum: 'A1' }).answer).to.equal('unknown');
    const preset = evaluatePreset(
      findPreset('de-visa-language-b1', '/p'),
      [{ index: 0, verified: true, verdict: 'valid', claims, recognizedExamBrands: ['goethe'] }],
      {
        now: new Date('2025-06-01T00:00:00Z'),
      },
    );
    expect(preset.outcome).to.equal('not-met');
  });

  it('the same credential passed reads B1 in every reader', () => {
    const passed = build();
    expect(claimsOf(passed).languages[0]?.overall).to.equal('B1');
    expect(meetsLanguageLevel(passed, { language: 'deu', minimum: 'B1' }).answer).to.equal('yes');
  });

  it('normalises language codes to one form, at issue and at query', () => {
    for (const tag of ['de', 'deu', 'ger', 'de-AT', 'DE', 'de_CH']) expect(normaliseLanguage(tag), tag).to.equal('de');
    expect(normaliseLanguage('ara')).to.equal('ar');
    const achievement = (build({ language: 'deu' }).credentialSubject as { achievement: { inLanguage: string } }).achievement;
    expect(achievement.inLanguage).to.equal('de');
  });

  it('reads per-module exam dates, and the visa age rule counts from the oldest passed module', () => {
    const request = structuredClone(languageLevelExample) as unknown as LanguageLevelRequest;
    request.exam.date = '2025-05-20';
    request.modulesPassed = (request.modulesPassed ?? []).map((module, index) => ({ ...module, date: index === 0 ? '2024-03-01' : '2025-05-20' }));
    const claims = claimsOf(languageLevelProfile.build(request, { issuer, salt: 'salt' }));
    expect(claims.languages[0]?.moduleDates).to.include('2024-03-01');
    const result = evaluatePreset(
      findPreset('de-visa-language-b1', '/p'),
      [{ index: 0, verified: true, verdict: 'valid', claims, recognizedExamBrands: ['goethe'] }],
      {
        now: new Date('2025-06-01T00:00:00Z'),
      },
    );
    expect(result.outcome).to.equal('not-met');
    expect(result.reason).to.match(/the oldest passed module \(2024-03-01\) is older than 12 months/);
  });
});
