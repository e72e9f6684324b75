import { createHash } from 'node:crypto';

export interface EvidenceInput {
  /** Where the document can be fetched (by the holder or a verifier; this service never fetches it). */
  url: string;
  /** Hex SHA-256 of the document's bytes, as `sha256sum` prints it. */
  sha256: string;
  name: string;
  /** What kind of document: Transcript, EmployerAttestation, CertificateScan… */
  genre?: string;
  mediaType?: string;
  description?: string;
}

/** Multihash prefix of SHA-256: code 0x12, digest length 0x20. */
const SHA2_256 = Buffer.from([0x12, 0x20]);

/**
 * VC DM 2.0 §5.3 `digestMultibase`: a multibase (base64url, prefix `u`) multihash.
 * A verifier hashes the document it was given and compares, so it knows it reads
 * the document the issuer saw.
 */
export function digestMultibaseOfSha256(sha256Hex: string): string {
  return 'u' + Buffer.concat([SHA2_256, Buffer.from(sha256Hex, 'hex')]).toString('base64url');
}

export function digestMultibase(document: Uint8Array): string {
  return digestMultibaseOfSha256(createHash('sha256').update(document).digest('hex'));
}

/** For verifiers: is `document` the one this digest was made of? Only SHA-256 multihashes are understood. */
export function documentMatchesDigest(document: Uint8Array, digest: string): boolean {
  return digest === digestMultibase(document);
}

/** An OB 3.0 Evidence entry: the URL is its `id`; name, genre and digest describe it. */
export function evidenceEntry(input: EvidenceInput): Record<string, unknown> {
  return {
    id: input.url,
    type: ['Evidence'],
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.genre === undefined ? {} : { genre: input.genre }),
    ...(input.mediaType === undefined ? {} : { mediaType: input.mediaType }),
    digestMultibase: digestMultibaseOfSha256(input.sha256.toLowerCase()),
  };
}
