import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { diplomaRow, parseCsv, toCsv } from '../batch/batch-helpers.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { recordSecret } from '../helpers/run-log.js';
import { ADMIN_TOKEN, startTestApp } from '../helpers/start-app.js';

/** The master key startTestApp uses, so that an app opened on the CLI's folder reads the same sealed keys. */
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('operator CLI (npm run passerelle)', function () {
  this.timeout(60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<Run> {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/passerelle.ts', ...args], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, MASTER_KEY },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('documents every command with --help', async () => {
    const commands: Array<[string[], RegExp]> = [
      [[], /issuer[\s\S]*api-key[\s\S]*key/],
      [['issuer', 'create'], /--slug[\s\S]*--legal-name[\s\S]*--country[\s\S]*--name[\s\S]*--did-method/],
      [['issuer', 'list'], /list the issuers/],
      [['api-key', 'create'], /--label/],
      [['api-key', 'list'], /never their secrets/],
      [['api-key', 'revoke'], /<slug> <id>/],
      [['key', 'rotate'], /keep\s+verifying/],
      [['issue-batch'], /--issuer[\s\S]*--profile[\s\S]*--format[\s\S]*--mode[\s\S]*--out/],
    ];
    for (const [command, documents] of commands) {
      const run = await cli(...command, '--help');
      expect(run.code, command.join(' ')).to.equal(0);
      expect(run.stdout, command.join(' ')).to.match(documents);
    }
  });

  it('creates and lists issuers, creates, lists and revokes keys, and rotates the signing key', async () => {
    const created = await cli(
      '--json',
      'issuer',
      'create',
      '--slug',
      'ista-tanger',
      '--legal-name',
      'ISTA Tanger',
      '--country',
      'MA',
      '--name',
      'fr=ISTA Tanger',
      '--name',
      'ar=معهد',
    );
    expect(created.code, created.stderr).to.equal(0);
    const issuer = JSON.parse(created.stdout) as { slug: string; did: string; apiKey: string };
    recordSecret(issuer.apiKey);
    expect(issuer.did).to.match(/^did:web:.*:issuers:ista-tanger$/);
    expect(issuer.apiKey).to.match(/^psk_/);
    const listed = JSON.parse((await cli('--json', 'issuer', 'list')).stdout) as Array<{ slug: string }>;
    expect(listed.map((entry) => entry.slug)).to.include('ista-tanger');

    const second = JSON.parse((await cli('--json', 'api-key', 'create', 'ista-tanger', '--label', 'registrar')).stdout) as { id: string; apiKey: string };
    recordSecret(second.apiKey);
    const keys = JSON.parse((await cli('--json', 'api-key', 'list', 'ista-tanger')).stdout) as Array<{ id: string; label?: string; revokedAt?: string }>;
    expect(keys).to.have.length(2);
    // The secret is everything after psk_<id>_ (base64url, so it may itself contain "_").
    expect(JSON.stringify(keys)).to.not.include(/^psk_[^_]+_(.+)$/.exec(second.apiKey)?.[1] as string);
    expect((await cli('api-key', 'revoke', 'ista-tanger', second.id)).code).to.equal(0);
    const after = JSON.parse((await cli('--json', 'api-key', 'list', 'ista-tanger')).stdout) as Array<{ id: string; revokedAt?: string }>;
    expect(after.find((key) => key.id === second.id)?.revokedAt).to.be.a('string');

    const rotated = await cli('key', 'rotate', 'ista-tanger');
    expect(rotated.code, rotated.stderr).to.equal(0);
    expect(rotated.stdout).to.match(/New signing key for "ista-tanger": did:web:/);

    // The key the CLI made works against the service on the same folder; the revoked one does not.
    const app = await startTestApp({ dataDir });
    try {
      const issue = (key: string) => app.post('/issuers/ista-tanger/credentials', { profile: 'nope' }, { authorization: `Bearer ${key}` });
      expect((await app.post('/credentials/issue', { credential: minimalCredential() }, { authorization: `Bearer ${issuer.apiKey}` })).status).to.equal(201);
      expect((await issue(second.apiKey)).status).to.equal(401);
    } finally {
      await app.close();
    }
  });

  it('refuses what the admin API refuses, with the same message, and exits 2', async () => {
    const run = await cli('issuer', 'create', '--slug', 'Bad Slug!', '--legal-name', 'X', '--country', 'MA');
    expect(run.code).to.equal(2);
    const app = await startTestApp();
    try {
      const api = await app.post(
        '/admin/issuers',
        { slug: 'Bad Slug!', legalName: 'X', country: 'MA', didMethod: 'web' },
        { authorization: `Bearer ${ADMIN_TOKEN}` },
      );
      expect(api.status).to.equal(400);
      expect(run.stderr).to.include(api.body.detail);
    } finally {
      await app.close();
    }
    const missing = await cli('api-key', 'list', 'no-such-issuer');
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include('No issuer "no-such-issuer".');
  });

  it('issues a cohort from a CSV file with issue-batch, writes the results file, and refuses a bad file listing every bad row (exit 2)', async () => {
    const created = await cli('--json', 'issuer', 'create', '--slug', 'ofppt-cohort', '--legal-name', 'OFPPT cohort', '--country', 'MA');
    expect(created.code, created.stderr).to.equal(0);
    recordSecret((JSON.parse(created.stdout) as { apiKey: string }).apiKey);
    const file = join(dataDir, 'cohort.csv');
    writeFileSync(file, toCsv([0, 1, 2].map((index) => diplomaRow(index, { rowKey: `stagiaire-${index}` }))));
    const run = await cli('--json', 'issue-batch', '--issuer', 'ofppt-cohort', '--profile', 'diploma', '--format', 'jwt', file);
    expect(run.code, run.stderr).to.equal(0);
    const summary = JSON.parse(run.stdout) as { total: number; done: number; failed: number; results: string };
    expect(summary).to.include({ total: 3, done: 3, failed: 0 });
    const results = parseCsv(readFileSync(summary.results, 'utf8'));
    expect(results.map((row) => row.rowKey)).to.deep.equal(['stagiaire-0', 'stagiaire-1', 'stagiaire-2']);
    expect(results.every((row) => /\/credentials\//.test(row.credentialId ?? ''))).to.equal(true);

    const again = await cli('--json', 'issue-batch', '--issuer', 'ofppt-cohort', '--profile', 'diploma', '--format', 'jwt', file);
    expect((JSON.parse(again.stdout) as { done: number }).done, 'a resubmitted file issues nothing new').to.equal(3);
    expect(parseCsv(readFileSync(summary.results, 'utf8')).map((row) => row.credentialId)).to.deep.equal(results.map((row) => row.credentialId));

    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, toCsv([diplomaRow(0, { awardDate: '2024-13-45' }), diplomaRow(1, { awardDate: 'soon' })]));
    const refused = await cli('issue-batch', '--issuer', 'ofppt-cohort', '--profile', 'diploma', bad);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(/\/rows\/2\/awardDate/);
    expect(refused.stderr).to.match(/\/rows\/3\/awardDate/);
  });
});

describe('admin API: optional bodies', () => {
  it('creates an API key and rotates a key with a bare POST (no body, no Content-Type)', async () => {
    const app = await startTestApp();
    try {
      const issuer = await app.createIssuer();
      const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const key = await fetch(`${app.baseUrl}/admin/issuers/${issuer.slug}/api-keys`, { method: 'POST', headers });
      expect(key.status).to.equal(201);
      recordSecret(((await key.json()) as { apiKey: string }).apiKey);
      const rotated = await fetch(`${app.baseUrl}/admin/issuers/${issuer.slug}/keys`, { method: 'POST', headers });
      expect(rotated.status).to.equal(201);
      // Other writes still need their JSON body.
      expect((await fetch(`${app.baseUrl}/admin/issuers`, { method: 'POST', headers })).status).to.equal(400);
    } finally {
      await app.close();
    }
  });
});
