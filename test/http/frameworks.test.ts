import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

describe('frameworks and mappings over HTTP', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  const expectProblem = (response: { status: number; headers: Headers; body: Record<string, unknown> }, status: number) => {
    expect(response.status, JSON.stringify(response.body)).to.equal(status);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  };

  it('GET /frameworks lists every framework with its referencing status', async () => {
    const response = await app.get('/frameworks');
    expect(response.status).to.equal(200);
    const ids = response.body.frameworks.map((framework: { id: string }) => framework.id);
    expect(ids).to.include.members(['eqf', 'acqf', 'cefr', 'ma-cnc', 'de-dqr', 'sn-cnq']);
    const dqr = response.body.frameworks.find((framework: { id: string }) => framework.id === 'de-dqr');
    expect(dqr.referencing).to.deep.equal([{ framework: 'eqf', status: 'official', year: 2012 }]);
  });

  it('GET /frameworks/:id returns the data with sources, names in the chosen language', async () => {
    const response = await app.get('/frameworks/ma-cnc', { 'accept-language': 'fr-MA,fr;q=0.9' });
    expect(response.status).to.equal(200);
    expect(response.body.display.name).to.equal('Cadre national de certification (Maroc)');
    expect(response.body.referencing[0]).to.include({ framework: 'eqf', status: 'none' });
    expect(response.body.sources[0].url).to.match(/^https?:\/\//);
    expect(response.body).to.not.have.property('$schema');
    expect((await app.get('/frameworks/ma-cnc?lang=ar')).body.display.levels[4].label).to.equal('المستوى 5 من الإطار الوطني للإشهاد');
  });

  it('GET /frameworks/:id/levels/:code resolves former codes and shows the EQF mapping', async () => {
    const response = await app.get('/frameworks/fr-cncp/levels/IV');
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ framework: 'fr-cncp', code: '4', resolvedFrom: 'IV' });
    expect(response.body.inEqf.basis).to.equal('official');
    expect(response.body.inEqf.to[0].uri).to.equal('http://data.europa.eu/snb/eqf/4');
  });

  it('unknown framework or level → problem naming the framework and the valid codes', async () => {
    const level = await app.get('/frameworks/de-dqr/levels/9');
    expectProblem(level, 404);
    expect(level.body.type).to.equal('https://w3id.org/passerelle/problems/unknown-level');
    expect(level.body.detail).to.include('de-dqr').and.include('1, 2, 3, 4, 5, 6, 7, 8');
    expect(level.body.validCodes).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8']);
    const framework = await app.get('/frameworks/xx');
    expectProblem(framework, 404);
    expect(framework.body.validFrameworks).to.include('ma-cnc');
    const ambiguous = await app.get('/frameworks/fr-cncp/levels/I');
    expectProblem(ambiguous, 400);
    expect(ambiguous.body.candidates).to.deep.equal(['7', '8']);
  });

  it('GET /mappings answers Morocco CNC 5 in the DQR, indicative, with path and sources', async () => {
    const response = await app.get('/mappings?from=ma-cnc:5&to=de-dqr');
    expect(response.status).to.equal(200);
    expect(response.body.basis).to.equal('indicative');
    expect(response.body.path.map((step: { framework: string }) => step.framework)).to.deep.equal(['ma-cnc', 'eqf', 'de-dqr']);
    expect(response.body.reason).to.match(/Morocco CNC is not referenced to the EQF; level 5 is compared by the qualifications placed at that level/);
    expect(response.body.sources.length).to.be.greaterThan(0);
    const german = await app.get('/mappings?from=de-dqr:4&to=fr-cncp&lang=de');
    expect(german.body.basis).to.equal('official');
    expect(german.body.from.label).to.equal('DQR-Niveau 4');
    expect((await app.get('/mappings?from=cefr:B1&to=de-dqr')).body.basis).to.equal('none');
  });

  it('GET /mappings: missing or malformed parameters are 400s naming the parameter; unknown ones 404s', async () => {
    const cases: Array<[string, number, string, RegExp]> = [
      ['/mappings?to=eqf', 400, '/query/from', /from is required/],
      ['/mappings?from=ma-cnc:5', 400, '/query/to', /to is required/],
      ['/mappings?from=ma-cnc5&to=eqf', 400, '/query/from', /<framework>:<level>/],
      ['/mappings?from=ma-cnc:5&from=ma-cnc:4&to=eqf', 400, '/query/from', /once/],
      ['/mappings?from=ma-cnc:9&to=eqf', 404, '/query/from', /Valid codes: 1, 2, 3, 4, 5, 6, 7, 8/],
      ['/mappings?from=zz:1&to=eqf', 404, '/query/from', /no framework "zz"/],
      ['/mappings?from=ma-cnc:5&to=zz', 404, '/query/to', /Valid framework ids/],
      ['/mappings?from=ma-cnc:5&to=eqf&lang=%20', 400, '/query/lang', /BCP 47/],
    ];
    for (const [path, status, pointer, detail] of cases) {
      const response = await app.get(path);
      expectProblem(response, status);
      expect(response.body.instance, path).to.equal(pointer);
      expect(response.body.detail, path).to.match(detail);
    }
  });

  it('answers 405 for other methods', async () => {
    const response = await app.post('/frameworks', {});
    expectProblem(response, 405);
  });
});
