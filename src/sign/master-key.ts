import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const MASTER_KEY_FILE = 'master.key';

/** Parses MASTER_KEY: 32 bytes as base64/base64url (44/43 chars) or hex (64 chars). */
export function parseMasterKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

/**
 * The master key from config, or else from `<dataDir>/master.key`, generated on first
 * start. The generated file keeps a fresh checkout working with zero configuration, but
 * it sits next to the data it protects, so the caller must warn loudly.
 */
export function loadOrCreateMasterKey(configured: Buffer | undefined, dataDir: string): { key: Buffer; source: 'env' | 'file' | 'generated'; path?: string } {
  if (configured !== undefined) return { key: configured, source: 'env' };
  const path = join(dataDir, MASTER_KEY_FILE);
  if (existsSync(path)) {
    const key = parseMasterKey(readFileSync(path, 'utf8'));
    if (key === undefined) throw new Error(`${path} does not hold a 32-byte key (base64 or hex).`);
    return { key, source: 'file', path };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated', path };
}
