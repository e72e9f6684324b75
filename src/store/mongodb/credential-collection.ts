import type { CredentialRecord, CredentialStore, IdempotencyClaim } from '../ports.js';
import { credentialJsonToStore, credentialOfStored } from '../stored-credential.js';
import { duplicateKeyIndex, toConflict } from './duplicate-key.js';
import type { CredentialDoc, Models } from './models.js';

/**
 * Credentials, and the Idempotency-Key claims they were issued under.
 *
 * The port asks for the claim and the credential to be written together. Without a
 * replica set there are no multi-document transactions, so instead of a claims
 * collection written first (which a crash between two inserts would leave claimed
 * but empty, and which makes every loser of a race wait for the winner's second
 * insert), the claim lives inside the credential document. One insert is atomic:
 * the unique index `idempotency_key` lets exactly one of racing inserts in, and
 * whoever loses reads back a credential that is already complete.
 */
export function mongoCredentialStore({ credentials }: Models): CredentialStore {
  async function findByClaim(issuerId: string, key: string) {
    const doc = await credentials.findOne({ 'idempotency.issuerId': issuerId, 'idempotency.key': key }).lean<CredentialDoc>().exec();
    if (doc === null || doc.idempotency === undefined) return undefined;
    return { record: toCredential(doc), requestHash: doc.idempotency.requestHash };
  }

  return {
    async saveIssued(record, claim) {
      try {
        await credentials.create(toDoc(record, claim));
        return { outcome: 'saved', record };
      } catch (error) {
        // A taken key wins over a taken id, as in SQLite where the claim is checked first.
        if (claim !== undefined && duplicateKeyIndex(error) !== undefined) {
          const first = await findByClaim(claim.issuerId, claim.key);
          if (first !== undefined) return { outcome: 'replayed', ...first };
        }
        throw toConflict(error, `Credential ${record.id}`);
      }
    },
    async findById(id) {
      const doc = await credentials.findOne({ id }).lean<CredentialDoc>().exec();
      return doc === null ? undefined : toCredential(doc);
    },
    findByIdempotencyKey: findByClaim,
  };
}

function toDoc(record: CredentialRecord, claim: IdempotencyClaim | undefined): CredentialDoc {
  const json = credentialJsonToStore(record);
  return {
    id: record.id,
    issuerId: record.issuerId,
    format: record.format,
    ...(json === undefined ? {} : { credentialJson: json }),
    ...(record.jwt === undefined ? {} : { jwt: record.jwt }),
    issuedAt: record.issuedAt,
    ...(record.status === undefined ? {} : { status: { listId: record.status.listId, ordinal: record.status.ordinal } }),
    ...(claim === undefined ? {} : { idempotency: { issuerId: claim.issuerId, key: claim.key, requestHash: claim.requestHash } }),
  };
}

function toCredential(doc: CredentialDoc): CredentialRecord {
  return {
    id: doc.id,
    issuerId: doc.issuerId,
    format: doc.format,
    credential: credentialOfStored(doc),
    ...(doc.jwt === undefined || doc.jwt === null ? {} : { jwt: doc.jwt }),
    issuedAt: doc.issuedAt,
    ...(doc.status === undefined || doc.status === null ? {} : { status: { listId: doc.status.listId, ordinal: doc.status.ordinal } }),
  };
}
