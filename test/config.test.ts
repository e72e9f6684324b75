import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config/load-config.js';

describe('configuration', () => {
  it('has zero-configuration defaults', () => {
    const config = loadConfig({});
    expect(config).to.include({ port: 3000, publicUrl: 'http://localhost:3000', dataDir: './data', bodyLimit: '1mb', demoIssuer: false });
    expect(config.adminToken).to.equal(undefined);
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('reports every invalid variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', PUBLIC_URL: 'ftp://x', ADMIN_TOKEN: 'short', MASTER_KEY: 'nope', MONGODB_URI: 'postgres://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'PUBLIC_URL', 'ADMIN_TOKEN', 'MASTER_KEY', 'MONGODB_URI']) expect(problems).to.include(name);
  });

  it('accepts a 32-byte master key in base64 or hex, and strips a trailing slash from PUBLIC_URL', () => {
    const base64 = loadConfig({ MASTER_KEY: Buffer.alloc(32, 1).toString('base64'), PUBLIC_URL: 'https://passerelle.example/' });
    expect(base64.masterKey?.equals(Buffer.alloc(32, 1))).to.equal(true);
    expect(base64.publicUrl).to.equal('https://passerelle.example');
    expect(loadConfig({ MASTER_KEY: 'ab'.repeat(32) }).masterKey?.length).to.equal(32);
  });
});
