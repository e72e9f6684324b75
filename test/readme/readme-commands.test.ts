import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { CONFIG_SCHEMA } from '../../src/config/config-schema.js';
import { profileExamplesMarkdown } from '../../src/issue/profiles/profile-examples-doc.js';
import { freePort, startMain, stop } from '../helpers/main-process.js';
import { recordSecret } from '../helpers/run-log.js';

/**
 * The README's runnable shell blocks, run as a newcomer would run them against `npm start`.
 *
 * Marker: an HTML comment on the line before a ```sh fence,
 *   <!-- runnable -->                 the block must exit 0;
 *   <!-- runnable expect=/regex/ -->  and its output must match the regex.
 * Blocks run in order, in one temporary folder (files one block writes, the next reads), with
 * bash -e -o pipefail, KEY and ADMIN_TOKEN exported as the README tells the reader to do, and
 * `localhost:3000` pointed at the port the test service listens on.
 */
interface RunnableBlock {
  line: number;
  script: string;
  expect?: RegExp;
}

function runnableBlocks(markdown: string): RunnableBlock[] {
  const blocks: RunnableBlock[] = [];
  const pattern = /<!-- runnable(?: expect=\/(.+?)\/)? -->\n```sh\n([\s\S]*?)```/g;
  for (const match of markdown.matchAll(pattern)) {
    const line = markdown.slice(0, match.index).split('\n').length;
    blocks.push({ line, script: match[2] as string, ...(match[1] === undefined ? {} : { expect: new RegExp(match[1]) }) });
  }
  return blocks;
}

describe('README: the commands work as written', function () {
  this.timeout(120_000);
  const readme = readFileSync('README.md', 'utf8');

  it('runs every runnable block against a started service (npm start)', async () => {
    const blocks = runnableBlocks(readme);
    expect(blocks.length, 'runnable blocks in the README').to.be.at.least(7);
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-readme-'));
    const workDir = mkdtempSync(join(tmpdir(), 'passerelle-readme-work-'));
    const adminToken = 'readme-admin-token-0123456789';
    recordSecret(adminToken);
    const { child, output } = await startMain({ PORT: String(port), DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn' });
    try {
      const key = /API key \(shown once, store it now\): (psk_\S+)/.exec(output)?.[1];
      expect(key, output).to.be.a('string');
      recordSecret(key);
      for (const block of blocks) {
        const script = block.script.replaceAll('localhost:3000', `localhost:${port}`);
        const run = await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', script], {
          cwd: workDir,
          env: { PATH: process.env.PATH ?? '', HOME: workDir, KEY: key as string, ADMIN_TOKEN: adminToken },
        }).catch((error: { code: number; stdout: string; stderr: string }) => {
          throw new Error(`README block at line ${block.line} exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
        });
        if (block.expect !== undefined) expect(run.stdout, `README block at line ${block.line}`).to.match(block.expect);
      }
    } finally {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  it('lists every configuration variable the service reads', () => {
    for (const name of Object.keys(CONFIG_SCHEMA.properties)) expect(readme, name).to.include(`| \`${name}\` |`);
    const example = readFileSync('.env.example', 'utf8');
    for (const name of Object.keys(CONFIG_SCHEMA.properties)) expect(example, `.env.example: ${name}`).to.match(new RegExp(`^#? ?${name}=`, 'm'));
  });

  it('keeps docs/profile-examples.md in step with src/issue/profiles/examples.ts (npm run docs:examples)', () => {
    expect(readFileSync('docs/profile-examples.md', 'utf8')).to.equal(profileExamplesMarkdown());
  });
});
