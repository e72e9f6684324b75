import type { Credential } from '../shared/credential-model.js';
import type { CredentialRecord } from '../store/ports.js';
import { profileForSchemaId } from '../issue/profiles/registry.js';

/** The claims of a stored credential, as signed: the VC itself, or the payload of its VC-JOSE JWT. */
export function signedClaims(record: CredentialRecord): Record<string, unknown> {
  if (record.jwt === undefined) return record.credential;
  const payload = record.jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The profile a stored credential was issued under (its credentialSchema), if any. */
export function profileOfRecord(record: CredentialRecord): string | undefined {
  const schemas = signedClaims(record).credentialSchema;
  const list = Array.isArray(schemas) ? schemas : [schemas];
  for (const schema of list) {
    const id = schema !== null && typeof schema === 'object' ? (schema as { id?: unknown }).id : undefined;
    const profile = typeof id === 'string' ? profileForSchemaId(id) : undefined;
    if (profile !== undefined) return profile.name;
  }
  return undefined;
}

/**
 * The stored credential's claims made out to the wallet's holder DID, ready for the ordinary
 * issue pipeline: the same issuer, achievement, results and identifier hashes (the same salt,
 * so nothing new about the holder is stored or revealed), with `credentialSubject.id` set.
 * What the pipeline gives every new credential is left out: id, validFrom, status and proof.
 * Built from the credential rather than from its request because the request holds passport
 * numbers in clear, which this service does not keep.
 */
export function credentialForHolder(record: CredentialRecord, holderDid: string): Credential {
  const { id: _id, validFrom: _validFrom, credentialStatus: _status, proof: _proof, ...claims } = structuredClone(signedClaims(record));
  const subject = claims.credentialSubject as Record<string, unknown>;
  const { id: _subjectId, ...subjectRest } = subject;
  // id first, as profile-built subjects have it: the signed form is the same whatever the order.
  claims.credentialSubject = { id: holderDid, ...subjectRest };
  return claims as Credential;
}
