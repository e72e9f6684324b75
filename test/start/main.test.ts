import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { freePort, startMain, stop } from '../helpers/main-process.js';

describe('npm start (src/main.ts)', function () {
  this.timeout(40000);
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-main-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded store with a demo issuer, prints its DID and API key once, and the key works', async () => {
    const port = await freePort();
    const { child, output } = await startMain({ PORT: String(port), DATA_DIR: dataDir });
    try {
      expect(output).to.include(`did:web:localhost%3A${port}:issuers:demo`);
      expect(output).to.match(/WARNING: MASTER_KEY is not set/);
      const apiKey = /API key \(shown once, store it now\): (psk_\S+)/.exec(output)?.[1];
      expect(apiKey, output).to.be.a('string');
      expect(statSync(join(dataDir, 'passerelle.sqlite')).isFile()).to.equal(true);
      expect(statSync(join(dataDir, 'master.key')).mode & 0o077).to.equal(0);

      const issued = await fetch(`http://127.0.0.1:${port}/credentials/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          credential: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiableCredential'],
            credentialSubject: { id: 'did:example:worker-1' },
          },
        }),
      });
      expect(issued.status).to.equal(201);
      const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      expect(health).to.deep.equal({ status: 'ok', store: 'sqlite' });
    } finally {
      expect(await stop(child)).to.equal(0);
    }

    // A second start keeps the same issuer and never prints a key again.
    const again = await startMain({ PORT: String(await freePort()), DATA_DIR: dataDir });
    try {
      expect(again.output).to.include('Demo issuer "demo"');
      expect(again.output).not.to.match(/psk_/);
      expect(again.output).not.to.match(/WARNING: MASTER_KEY is not set/);
    } finally {
      await stop(again.child);
    }
  });

  it('refuses to start with invalid configuration, naming each bad variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', ADMIN_TOKEN: 'short' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).to.equal(1);
    expect(output).to.include('PORT');
    expect(output).to.include('ADMIN_TOKEN');
    expect(output).not.to.match(/\n\s+at /); // a message for operators, not a stack trace
  });
});
