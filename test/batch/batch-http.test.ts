import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { diplomaRow, parseCsv, readEvents, toCsv } from './batch-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON

describe('batch issuance: POST /issuers/:slug/credentials/batch', function () {
  this.timeout(120_000);
  let app: TestApp;
  let issuer: { slug: string; apiKey: string };
  let other: { slug: string; apiKey: string };
  const auth = (key = issuer.apiKey) => ({ authorization: `Bearer ${key}` });
  const postCsv = (csv: string, query: string, key = issuer.apiKey) =>
    app.request('POST', `/issuers/${issuer.slug}/credentials/batch?${query}`, csv, { 'content-type': 'text/csv; charset=utf-8', ...auth(key) });

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({ names: { fr: 'ISTA Casablanca', ar: 'المعهد المتخصص' } });
    other = await app.createIssuer();
  });
  after(() => app.close());

  async function verifyAll(results: Json[]): Promise<void> {
    for (const result of results.filter((entry) => entry.status === 'issued' || entry.status === 'replayed')) {
      const stored = await app.get(`/credentials/${encodeURIComponent(result.credentialId.split('/').pop())}`, auth());
      expect(stored.status, stored.text).to.equal(200);
      const verified = await app.post('/credentials/verify', { verifiableCredential: stored.body.verifiableCredential ?? stored.body });
      expect(verified.body.verified, `row ${result.row}: ${verified.text}`).to.equal(true);
    }
  }

  it('serves a CSV template per profile: header + the example row, which is itself a valid batch', async () => {
    const template = await app.get('/profiles/diploma/template.csv');
    expect(template.status).to.equal(200);
    expect(template.headers.get('content-type')).to.match(/text\/csv/);
    const [row] = parseCsv(template.text);
    expect(row).to.include({ rowKey: '2024-0001', 'holder.name': 'Youssef Benali', 'title.ar': '\u200Fتقني متخصص في الكهروميكانيك والأنظمة الآلية' });
    expect(row).to.have.property('learningOutcomes.0.text.fr');
    const issued = await postCsv(template.text.replace('2024-0001', `tpl-${Date.now()}`), 'profile=diploma&format=jwt');
    expect(issued.status, issued.text).to.equal(201);
    expect(issued.body.done).to.equal(1);
    expect((await app.get('/profiles/nope/template.csv')).status).to.equal(404);
  });

  it('refuses a whole file with every bad row at once (all-or-nothing), with row numbers, columns and reasons', async () => {
    const rows = [
      diplomaRow(1),
      diplomaRow(2, { 'holder.birthDate': '2001-02-30x' }),
      diplomaRow(3, { 'title.fr': '' }),
      diplomaRow(4, { rowKey: '2024-00001' }),
      diplomaRow(5, { hours: 'beaucoup' }),
    ];
    const csv = '\uFEFF' + toCsv(rows, ';');
    const response = await postCsv(csv, 'profile=diploma&format=jwt');
    expect(response.status, response.text).to.equal(400);
    expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(response.body.type).to.equal('https://w3id.org/passerelle/problems/invalid-batch');
    const errors = response.body.errors.map((error: Json) => ({ pointer: error.pointer, row: error.row, column: error.column, detail: error.detail }));
    expect(errors).to.deep.include({ pointer: '/rows/3/holder.birthDate', row: 3, column: 'holder.birthDate', detail: 'must match format "date"' });
    expect(errors.find((error: Json) => error.row === 4)).to.include({ pointer: '/rows/4/title', column: 'title' });
    expect(errors).to.deep.include({ pointer: '/rows/5/rowKey', row: 5, column: 'rowKey', detail: 'duplicates the rowKey of row 2' });
    expect(errors).to.deep.include({ pointer: '/rows/6/hours', row: 6, column: 'hours', detail: 'must be a number, not "beaucoup"' });
    expect(errors.map((error: Json) => error.row)).to.not.include(2);
    // Nothing was issued: the good row's rowKey is still free.
    const again = await postCsv(toCsv([diplomaRow(1)]), 'profile=diploma&format=jwt');
    expect(again.body.counts.issued).to.equal(1);
  });

  it('refuses an unknown column whatever the mode, naming it on the header row', async () => {
    const rows = [{ ...diplomaRow(10), 'holder.shoeSize': '42' }];
    const response = await postCsv(toCsv(rows), 'profile=diploma&mode=valid-rows');
    expect(response.status).to.equal(400);
    expect(response.body.errors).to.deep.equal([
      {
        pointer: '/rows/1/holder.shoeSize',
        row: 1,
        column: 'holder.shoeSize',
        detail: 'unknown column: is not a field of the diploma request; GET /profiles/diploma/template.csv lists the columns',
      },
    ]);
  });

  it('reads quoted cells (separator and "" inside) and refuses a file with a quote left open, naming its row', async () => {
    const stamp = Date.now();
    const good = toCsv([diplomaRow(30, { rowKey: `q-${stamp}-1`, 'holder.name': 'Karim "Kiko" Ben Ali, fils' }), diplomaRow(31, { rowKey: `q-${stamp}-2` })]);
    const issued = await postCsv(good, 'profile=diploma&format=di');
    expect(issued.status, issued.text).to.equal(201);
    const first = issued.body.results.find((result: Json) => result.row === 2);
    const stored = await app.get(`/credentials/${encodeURIComponent(first.credentialId.split('/').pop())}`, auth());
    expect(stored.body.verifiableCredential.credentialSubject.name).to.equal('Karim "Kiko" Ben Ali, fils');

    const lines = toCsv([diplomaRow(32, { rowKey: `q-${stamp}-3` }), diplomaRow(33, { rowKey: `q-${stamp}-4` })]).split('\r\n');
    lines[2] = lines[2]?.replace(`q-${stamp}-4`, `"q-${stamp}-4`) as string;
    const broken = await postCsv(lines.join('\r\n'), 'profile=diploma&format=jwt&mode=valid-rows');
    expect(broken.status).to.equal(400);
    expect(broken.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(broken.body.instance).to.equal('/rows/3');
    expect(broken.body.detail).to.match(/^The CSV file cannot be read \(row 3\): .*quote/i);
    // Nothing of the refused file was issued: its good row, sent alone, is issued now (not replayed).
    const alone = await postCsv(toCsv([diplomaRow(32, { rowKey: `q-${stamp}-3` })]), 'profile=diploma&format=jwt');
    expect(alone.status, alone.text).to.equal(201);
    expect(alone.body.results.map((result: Json) => result.status)).to.deep.equal(['issued']);
  });

  it('issues the good rows and reports the bad ones in valid-rows mode (BOM, ; separators, Arabic text); each credential verifies', async () => {
    const stamp = Date.now();
    const rows = [
      diplomaRow(20, { rowKey: `v-${stamp}-1`, 'holder.name': 'يوسف بنعلي' }),
      diplomaRow(21, { rowKey: `v-${stamp}-2`, awardDate: 'hier' }),
      diplomaRow(22, { rowKey: `v-${stamp}-3`, 'awardingBody.name': '' }),
      diplomaRow(23, { rowKey: `v-${stamp}-4` }),
    ];
    const response = await postCsv('\uFEFF' + toCsv(rows, ';'), 'profile=diploma&format=jwt&mode=valid-rows');
    expect(response.status, response.text).to.equal(201);
    expect(response.headers.get('location')).to.match(/^\/jobs\//);
    expect(response.body).to.include({ state: 'completed', total: 4, done: 2, failed: 2, pending: 0 });
    const byRow = Object.fromEntries(response.body.results.map((result: Json) => [result.row, result]));
    expect(byRow[2].status).to.equal('issued');
    expect(byRow[3]).to.deep.include({ status: 'invalid', errors: [{ pointer: '/rows/3/awardDate', detail: 'must match format "date"' }] });
    expect(byRow[4]).to.deep.include({ status: 'invalid', errors: [{ pointer: '/rows/4/awardingBody.name', detail: 'is required' }] });
    expect(byRow[5].status).to.equal('issued');
    expect(byRow[2].verificationUrl).to.equal(`${app.baseUrl}/v/${byRow[2].credentialId.split('/').pop()}`);
    await verifyAll(response.body.results);
    const page = await app.get(new URL(byRow[2].verificationUrl).pathname);
    expect(page.text).to.include('يوسف بنعلي');
  });

  it('runs a large batch as a job: 202 + Location, progress from the SSE stream, results as JSON and CSV; a resubmission issues nothing new', async () => {
    const stamp = Date.now();
    const rows = Array.from({ length: 300 }, (_, index) => diplomaRow(index, { rowKey: `job-${stamp}-${index}` }));
    const csv = toCsv(rows);
    const response = await postCsv(csv, 'profile=diploma&format=jwt');
    expect(response.status, response.text).to.equal(202);
    const location = response.headers.get('location') as string;
    expect(location).to.equal(`/jobs/${response.body.id}`);
    const events = await readEvents(app.baseUrl + location + '/events', auth());
    const last = events.at(-1) as { event: string; data: Json };
    expect(last.event).to.equal('completed');
    expect(last.data).to.include({ total: 300, done: 300, failed: 0, pending: 0, state: 'completed' });
    const done = events.map((event) => event.data.done as number);
    expect(done).to.deep.equal([...done].sort((a, b) => a - b));

    const job = await app.get(location, auth());
    expect(job.body).to.include({ state: 'completed', done: 300 });
    const json = await app.get(`${location}/results.json`, auth());
    expect(json.body).to.have.length(300);
    expect(json.body[0]).to.include({ row: 2, rowKey: `job-${stamp}-0`, status: 'issued' });
    const csvResults = await app.get(`${location}/results.csv`, auth());
    expect(csvResults.headers.get('content-type')).to.match(/text\/csv/);
    const parsed = parseCsv(csvResults.text);
    expect(parsed).to.have.length(300);
    expect(parsed[299]).to.include({ row: '301', rowKey: `job-${stamp}-299`, status: 'issued', credentialId: json.body[299].credentialId });
    await verifyAll(json.body.slice(0, 20));

    // The same file again: every row is answered with the credential stored the first time.
    const again = await postCsv(csv, 'profile=diploma&format=jwt');
    expect(again.status).to.equal(202);
    const replay = (await readEvents(`${app.baseUrl}/jobs/${again.body.id}/events`, auth())).at(-1) as { data: Json };
    expect(replay.data.counts).to.include({ issued: 0, replayed: 300 });
    const replayed = await app.get(`/jobs/${again.body.id}/results.json`, auth());
    expect(replayed.body.map((row: Json) => row.credentialId)).to.deep.equal(json.body.map((row: Json) => row.credentialId));
  });

  it("hides a job from another issuer's API key (404), and refuses a batch for another issuer (403)", async () => {
    const response = await postCsv(toCsv([diplomaRow(40, { rowKey: `h-${Date.now()}` })]), 'profile=diploma');
    const location = response.headers.get('location') as string;
    for (const path of [location, `${location}/events`, `${location}/results.json`, `${location}/results.csv`]) {
      const read = await app.get(path, auth(other.apiKey));
      expect(read.status, path).to.equal(404);
      expect(read.headers.get('content-type')).to.match(/application\/problem\+json/);
    }
    expect((await app.get(location)).status).to.equal(401);
    expect((await postCsv(toCsv([diplomaRow(41)]), 'profile=diploma', other.apiKey)).status).to.equal(403);
  });

  it('names an array item left empty before a filled one (learningOutcomes.0 empty, .1 filled)', async () => {
    const [example] = parseCsv((await app.get('/profiles/diploma/template.csv')).text) as [Record<string, string>];
    const outcomeColumns = Object.keys(example).filter((column) => column.startsWith('learningOutcomes.0.'));
    expect(outcomeColumns).to.not.have.length(0);
    const row: Record<string, string> = { ...example, rowKey: `gap-${Date.now()}` };
    for (const column of outcomeColumns) {
      row[column.replace('learningOutcomes.0.', 'learningOutcomes.1.')] = row[column] as string;
      row[column] = '';
    }
    const response = await postCsv(toCsv([row]), 'profile=diploma&format=jwt');
    expect(response.status, response.text).to.equal(400);
    expect(response.body.errors).to.deep.include({
      pointer: '/rows/2/learningOutcomes.0',
      row: 2,
      column: 'learningOutcomes.0',
      detail: 'is empty while a later item is filled',
    });
  });

  it('takes a JSON batch, item pointers and all', async () => {
    const response = await app.post(
      `/issuers/${issuer.slug}/credentials/batch`,
      {
        profile: 'language-level',
        format: 'di',
        items: [
          {
            rowKey: `j-${Date.now()}`,
            primaryLanguage: 'de',
            holder: { name: 'Fatima Zahra Alaoui', identifiers: [{ type: 'passport', value: 'UX4821937' }] },
            language: 'de',
            overallLevel: 'B1',
            exam: { name: 'Goethe-Zertifikat B1', date: '2025-02-20', provider: { id: 'https://www.goethe.de', name: 'Goethe-Institut', country: 'DE' } },
          },
          { primaryLanguage: 'de', holder: {}, language: 'de', overallLevel: 'B9' },
        ],
      },
      auth(),
    );
    expect(response.status).to.equal(400);
    const pointers = response.body.errors.map((error: Json) => error.pointer);
    expect(pointers).to.include.members(['/items/1/holder/name', '/items/1/overallLevel']);
    expect(pointers.some((pointer: string) => pointer.startsWith('/items/0'))).to.equal(false);
  });
});
