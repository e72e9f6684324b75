import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `src/main.ts` as `npm start` does (DEMO_ISSUER=true), and collects its output until it listens. */
async function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', DEMO_ISSUER: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main did not start:\n${output}`)), 15000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Passerelle listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`main exited with ${String(code)}:\n${output}`));
    });
  });
  return { child, output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  child.removeAllListeners('exit');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

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
