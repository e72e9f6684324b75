import { expect } from 'chai';
import { pdfText, squeeze } from '../helpers/pdf-text.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { languageCredential } from './ob3-fixtures.js';

describe('printable certificate (PDF)', () => {
  let app: TestApp;
  let issuer: { apiKey: string };
  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({ didMethod: 'key', names: { de: 'Ausbildungszentrum Atlas', ar: 'مركز أطلس للتكوين', fr: 'Centre de formation Atlas' } });
  });
  after(() => app.close());

  async function certificateOf(credential: Record<string, unknown>, format: 'di' | 'jwt'): Promise<{ pdf: Buffer; text: string; response: Response }> {
    const issued = await app.post('/credentials/issue', { credential, options: { format } }, { authorization: `Bearer ${issuer.apiKey}` });
    expect(issued.status, issued.text).to.equal(201);
    const vc = issued.body.verifiableCredential;
    const id: string = format === 'di' ? vc.id : JSON.parse(Buffer.from((vc.id as string).split(',')[1]!.split('.')[1] as string, 'base64url').toString()).id;
    const response = await fetch(`${app.baseUrl}/credentials/${id.split('/').pop()}/certificate.pdf`);
    const pdf = Buffer.from(await response.arrayBuffer());
    return { pdf, text: await pdfText(pdf), response };
  }

  it('prints holder, achievement, levels, issuer and date in the primary language (German)', async () => {
    const { pdf, text, response } = await certificateOf(languageCredential({ primary: 'de' }), 'jwt');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/pdf');
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    for (const expected of [
      'Zertifikat',
      'Amina El Idrissi',
      'Goethe-Zertifikat B1',
      'Hören: B1',
      'Schreiben: A2',
      'Ausbildungszentrum Atlas',
      'Zum Prüfen scannen',
    ]) {
      expect(squeeze(text), expected).to.include(squeeze(expected));
    }
    expect(text).to.match(/Ausgestellt am: \d{1,2}\. \w+ \d{4}/);
  });

  it('prints an Arabic-primary credential in Arabic, shaped glyphs that extract back to the same words', async () => {
    const { text } = await certificateOf(languageCredential({ primary: 'ar' }), 'di');
    for (const expected of ['شهادة', 'أمينة الإدريسي', 'شهادة غوته في اللغة الألمانية', 'مركز أطلس للتكوين', 'الاستماع', 'امسح الرمز للتحقق']) {
      expect(squeeze(text), expected).to.include(squeeze(expected));
    }
    expect(text).not.to.include('Goethe-Zertifikat');
  });

  it('prints a plain VC (no OB 3.0 achievement) from its name and subject', async () => {
    const { text } = await certificateOf(minimalCredential(), 'di');
    expect(squeeze(text)).to.include(squeeze('Pre-departure orientation module'));
    expect(squeeze(text)).to.include(squeeze('Amina El Idrissi'));
  });

  it('answers 404 as a problem for an unknown credential', async () => {
    const response = await app.get('/credentials/00000000-0000-4000-8000-000000000000/certificate.pdf');
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/problem\+json/);
  });
});
