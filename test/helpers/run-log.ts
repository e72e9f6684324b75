import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every app a test starts writes its log (requests included) into one file for the run;
 * every secret a test sees is recorded. A root hook (log-secrets.hooks.ts) then checks
 * that no recorded secret appears anywhere in the file.
 */
export const RUN_LOG = join('test-output', `run-${process.pid}.log`);
mkdirSync('test-output', { recursive: true });

const secrets = new Set<string>();

export function recordSecret(secret: string | undefined): void {
  if (secret !== undefined && secret.length >= 8) secrets.add(secret);
}

export function recordedSecrets(): ReadonlySet<string> {
  return secrets;
}

export function appendToRunLog(line: string): void {
  appendFileSync(RUN_LOG, line);
}

export function readRunLog(): string {
  try {
    return readFileSync(RUN_LOG, 'utf8');
  } catch {
    return '';
  }
}
