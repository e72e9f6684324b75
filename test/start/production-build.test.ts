import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { freePort, startMain, stop } from '../helpers/main-process.js';

/**
 * Issue #10: `npm run build` makes a dist/ that runs on its own with `node dist/main.js`
 * (schemas, contexts, framework data, fonts and the JSON-LD worker all found). The build
 * goes to test-output/ inside the repository, as dist/ would be.
 */
describe('production build (npm run build, node dist/main.js)', function () {
  this.timeout(120_000);
  const outDir = join('test-output', `build-${process.pid}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-prod-'));

  before(() => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir], { stdio: 'pipe' });
    execFileSync(process.execPath, ['scripts/copy-build-assets.mjs', outDir], { stdio: 'pipe' });
  });
  after(() => {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts from the compiled JavaScript and issues, verifies and renders credentials', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const { child, output } = await startMain({ PORT: String(port), PUBLIC_URL: baseUrl, DATA_DIR: dataDir }, [join(outDir, 'main.js')]);
    try {
      const apiKey = /psk_[A-Za-z0-9_-]+/.exec(output)?.[0];
      expect(apiKey, output).to.be.a('string');
      const post = async (path: string, body: unknown) =>
        fetch(baseUrl + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify(body),
        });
      const issued = await post('/issuers/demo/credentials', { ...PROFILE_EXAMPLES['language-level'], format: 'di' });
      const body = (await issued.json()) as { verifiableCredential: { id: string } };
      expect(issued.status, JSON.stringify(body)).to.equal(201);
      const report = (await (await post('/credentials/verify', { verifiableCredential: body.verifiableCredential })).json()) as {
        verdict: string;
        verified: boolean;
      };
      // Authentic and in force; no authority vouches for a demo issuer, and the report says so.
      expect(report.verified).to.equal(true);
      expect(report.verdict).to.equal('unrecognized-issuer');
      const id = body.verifiableCredential.id.split('/').pop();
      const pdf = await fetch(`${baseUrl}/credentials/${id}/certificate.pdf`);
      expect(pdf.status).to.equal(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).to.equal('%PDF-');
      expect((await fetch(`${baseUrl}/frameworks/de-dqr`)).status).to.equal(200);
    } finally {
      expect(await stop(child)).to.equal(0);
    }
  });
});
