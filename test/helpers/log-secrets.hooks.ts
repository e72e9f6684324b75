import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { readRunLog, recordedSecrets, RUN_LOG } from './run-log.js';

/**
 * Root hook (loaded by .mocharc.json): after the whole run, the log that every test app
 * wrote must contain request lines (so this check could fail) and none of the secrets the
 * tests created or used — API keys, admin tokens, master keys.
 */
export const mochaHooks = {
  afterAll(this: { test?: { title: string } }) {
    const log = readRunLog();
    if (log === '') return; // a run that started no app (a single unit test file)
    expect(log, 'the run log has request lines').to.match(/"route":"\/credentials\/issue"|"route":"\//);
    const leaked = [...recordedSecrets()].filter((secret) => log.includes(secret));
    expect(leaked, `secrets found in ${RUN_LOG}`).to.deep.equal([]);
    expect(log, 'no API key shape in the log').to.not.match(/psk_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}/);
    rmSync(RUN_LOG, { force: true });
  },
};
