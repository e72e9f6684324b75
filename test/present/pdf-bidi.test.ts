import { expect } from 'chai';
import { diplomaExample } from '../../src/issue/profiles/examples.js';
import { fontsFor } from '../../src/present/certificate/pdf-fonts.js';
import { visualRuns } from '../../src/present/certificate/text-runs.js';
import { HOLDER, recentGoethe } from '../helpers/dossier-fixtures.js';
import { pdfTextItems } from '../helpers/pdf-text.js';
import { startTestApp } from '../helpers/start-app.js';

/** The line as drawn, left to right (fontkit reverses Arabic runs, so they are reversed here too). */
const drawn = (line: string, rtl = true) =>
  visualRuns(line, rtl, fontsFor(400))
    .map((run) => (run.rtl ? [...run.text].reverse().join('') : run.text))
    .join('');
const reversed = (text: string) => [...text].reverse().join('');

describe('bidi of mixed Arabic and Latin lines in the PDFs (issue #13)', function () {
  this.timeout(60_000);

  it('keeps names, codes, levels and dates in their own order, at their logical place in a right-to-left line', () => {
    // Logical: "Credential 2: de B1 — exam (2026-10-30)". Read from the right: Arabic label, then "2: de B1", then the date.
    const line = drawn('الشهادة 2: de B1 — امتحان (2026-10-30)');
    expect(line).to.include('2026-10-30').and.not.include('30-10-2026');
    expect(line).to.include('2: de B1');
    expect(line.indexOf('(2026-10-30)'), 'the date is read last, so drawn leftmost').to.equal(0);
    expect(line.endsWith(reversed('الشهادة')), 'the label is read first, so drawn rightmost').to.equal(true);
    expect(line.indexOf('2: de B1')).to.be.greaterThan(line.indexOf(reversed('امتحان')));
    // Brackets around Latin text inside Arabic take the sentence's direction (mirrored pairs, still reading "(…)").
    expect(drawn('الجهة (Goethe-Institut) معترف بها')).to.include('(Goethe-Institut)');
    // A left-to-right line keeps an Arabic name whole and in place.
    expect(drawn('Issued by: مركز أطلس (EQF 4)', false)).to.equal(`Issued by: ${reversed('أطلس')} ${reversed('مركز')} (EQF 4)`);
  });

  it('draws an Arabic dossier line "CNC 5 ← DQR 5" with the arrow pointing from the claimed level to its equivalent', async () => {
    const app = await startTestApp();
    try {
      const ofppt = await app.createIssuer({ legalName: 'OFPPT' });
      const auth = { authorization: `Bearer ${ofppt.apiKey}` };
      const diploma = (await app.post(`/issuers/${ofppt.slug}/credentials`, { ...diplomaExample, holder: HOLDER }, auth)).body.verifiableCredential;
      const goethe = (await app.post(`/issuers/${ofppt.slug}/credentials`, recentGoethe(), auth)).body.verifiableCredential;
      const pdf = await fetch(`${app.baseUrl}/dossiers/verify?format=pdf`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verifiableCredentials: [diploma, goethe], options: { lang: 'ar', frameworks: ['de-dqr'] } }),
      });
      expect(pdf.status).to.equal(200);
      const items = await pdfTextItems(Buffer.from(await pdf.arrayBuffer()));
      const levelLine = items.filter((item) => item.y === items.find((candidate) => candidate.str.includes('CNC 5'))?.y);
      const x = (text: string) => {
        const item = levelLine.find((candidate) => candidate.str.includes(text)) as { str: string; x: number; width: number };
        expect(item, text).to.not.equal(undefined);
        // Within one item, characters are drawn left to right at equal steps: good enough to order pieces.
        return item.x + (item.width * item.str.indexOf(text)) / item.str.length;
      };
      // Read from the right: the credential, its claimed level CNC 5, the arrow, its DQR equivalent.
      expect(x('الشهادة')).to.be.greaterThan(x('CNC 5'));
      expect(x('CNC 5')).to.be.greaterThan(x('←'));
      expect(x('←')).to.be.greaterThan(x('DQR 5'));
      // No missing glyph: the arrow and the check mark come from a font that has them.
      expect(items.map((item) => item.str).join('')).to.not.include('\u0000');
      // The exam date of the language line stays 2026-…, not reordered as Arabic numbers.
      const examLine = items.filter((item) => item.y === items.find((candidate) => candidate.str.includes('Goethe-Institut'))?.y).map((item) => item.str);
      expect(examLine.join(' ')).to.match(/\(\d{4}-\d{2}-\d{2}\)/);
    } finally {
      await app.close();
    }
  });
});
