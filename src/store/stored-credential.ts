import { envelope, isEnvelopeOf } from '../shared/enveloped-credential.js';
import type { CredentialRecord, CredentialFormat } from './ports.js';

/**
 * How both adapters keep a credential's signed forms. A JWT credential's compact JWS is
 * what was signed, and its `credential` (the EnvelopedVerifiableCredential) only wraps the
 * same JWS again: storing both doubled every JWT row (some 13 kB each), the largest cost
 * of a 10,000-row batch. So when the JSON is exactly the envelope of the JWT, only the JWT
 * is stored and the envelope is rebuilt on read, here and nowhere else. Any other JSON
 * (a Data Integrity credential; rows written before this rule) is stored and read as is.
 */
export function credentialJsonToStore(record: CredentialRecord): string | undefined {
  if (record.format === 'jwt' && record.jwt !== undefined && isEnvelopeOf(record.credential, record.jwt)) return undefined;
  return JSON.stringify(record.credential);
}

/** The credential JSON of a stored row: its stored JSON, or the envelope of its JWT when only the JWT was kept. */
export function credentialOfStored(stored: {
  id: string;
  format: CredentialFormat;
  credentialJson?: string | null;
  jwt?: string | null;
}): Record<string, unknown> {
  if (stored.credentialJson !== undefined && stored.credentialJson !== null) return JSON.parse(stored.credentialJson) as Record<string, unknown>;
  if (stored.format === 'jwt' && typeof stored.jwt === 'string') return envelope(stored.jwt);
  throw new Error(`Credential ${stored.id} is stored without its JSON or its JWT.`);
}
