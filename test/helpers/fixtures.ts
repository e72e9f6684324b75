import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { knownContexts } from '../../src/resolve/known-contexts.js';

/** Standard artefacts copied into the repository (test/fixtures/SOURCES.md says from where). */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function readFixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(FIXTURES_DIR + path, 'utf8')) as T;
}

export function readFixtureText(path: string): string {
  return readFileSync(FIXTURES_DIR + path, 'utf8');
}

export const EXAMPLES_CONTEXT_URL = 'https://www.w3.org/ns/credentials/examples/v2';

/**
 * The service's contexts plus the W3C examples context, which only test vectors use
 * (its @vocab would make every term "defined", so production does not load it).
 */
export function contextsWithExamples(): Map<string, object> {
  return new Map([...knownContexts(), [EXAMPLES_CONTEXT_URL, readFixtureJson('contexts/credentials-examples-v2.jsonld')]]);
}

/** A minimal VC 2.0 credential using only terms the VC 2.0 context defines. */
export function minimalCredential(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    name: 'Pre-departure orientation module',
    description: 'Completed 120 hours of pre-departure training.',
    credentialSubject: { id: 'did:example:worker-1', name: 'Amina El Idrissi' },
    ...overrides,
  };
}
