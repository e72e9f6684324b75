import type { ApiKeyRecord, ApiKeyStore, IssuerKeyRecord, IssuerRecord, IssuerStore, KeyStore } from '../ports.js';
import { toConflict } from './duplicate-key.js';
import type { ApiKeyDoc, IssuerDoc, KeyDoc, Models } from './models.js';

// Records and documents have the same fields. Copying them one by one (`*Fields`)
// keeps `_id` in the adapter on the way out, keeps stray properties out on the way in (the
// schemas are `strict: 'throw'`), and leaves unset optional fields absent, never null.

/** Oldest first; `_id` breaks ties between records created in the same millisecond. */
const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

export function mongoIssuerStore({ issuers }: Models): IssuerStore {
  return {
    async create(issuer) {
      try {
        await issuers.create(issuerFields(issuer));
      } catch (error) {
        throw toConflict(error, `Issuer ${issuer.slug}`);
      }
    },
    async findById(id) {
      const doc = await issuers.findOne({ id }).lean<IssuerDoc>().exec();
      return doc === null ? undefined : issuerFields(doc);
    },
    async findBySlug(slug) {
      const doc = await issuers.findOne({ slug }).lean<IssuerDoc>().exec();
      return doc === null ? undefined : issuerFields(doc);
    },
    async list() {
      const docs = await issuers.find().sort(OLDEST_FIRST).lean<IssuerDoc[]>().exec();
      return docs.map(issuerFields);
    },
  };
}

export function mongoKeyStore({ keys }: Models): KeyStore {
  async function add(key: IssuerKeyRecord): Promise<void> {
    try {
      await keys.create(keyFields(key));
    } catch (error) {
      throw toConflict(error, `Key ${key.id}`);
    }
  }

  return {
    add,
    async listForIssuer(issuerId) {
      const docs = await keys.find({ issuerId }).sort(OLDEST_FIRST).lean<KeyDoc[]>().exec();
      return docs.map(keyFields);
    },
    /**
     * Two documents cannot change atomically without a transaction, and transactions
     * need a replica set, which we do not require. So the order is chosen for the
     * unique index `one_active_key_per_issuer` to police: retire first, then insert
     * the new active key. There is never a moment with two active keys; there is a
     * moment of a few milliseconds with none, which a signer sees as an error it can
     * retry. If the insert fails, the retired key is made active again. Of two
     * concurrent rotations, the index lets exactly one insert win; the other fails
     * with a conflict.
     */
    async rotate(issuerId, next, retiredAt) {
      const active = await keys.find({ issuerId, status: 'active' }).select({ id: 1 }).lean<Pick<KeyDoc, 'id'>[]>().exec();
      const retired = active.map((key) => key.id);
      await keys.updateMany({ id: { $in: retired }, status: 'active' }, { $set: { status: 'retired', retiredAt } }).exec();
      try {
        await add(asActiveKey(issuerId, next));
      } catch (error) {
        // Best effort: if it fails too, the original error is still the one to report.
        await keys
          .updateMany({ id: { $in: retired }, status: 'retired', retiredAt }, { $set: { status: 'active' }, $unset: { retiredAt: 1 } })
          .exec()
          .catch(() => undefined);
        throw error;
      }
    },
  };
}

export function mongoApiKeyStore({ apiKeys }: Models): ApiKeyStore {
  return {
    async add(key) {
      try {
        await apiKeys.create(apiKeyFields(key));
      } catch (error) {
        throw toConflict(error, `API key ${key.id}`);
      }
    },
    async findById(id) {
      const doc = await apiKeys.findOne({ id }).lean<ApiKeyDoc>().exec();
      return doc === null ? undefined : apiKeyFields(doc);
    },
    async listForIssuer(issuerId) {
      const docs = await apiKeys.find({ issuerId }).sort(OLDEST_FIRST).lean<ApiKeyDoc[]>().exec();
      return docs.map(apiKeyFields);
    },
    async revoke(issuerId, id, revokedAt) {
      // Only a key not yet revoked gets a date, so revoking twice keeps the first one.
      const result = await apiKeys.updateOne({ issuerId, id, revokedAt: { $exists: false } }, { $set: { revokedAt } }).exec();
      if (result.matchedCount > 0) return true;
      return (await apiKeys.exists({ issuerId, id }).exec()) !== null;
    },
  };
}

/** The key `rotate` stores: active, for that issuer, never with a retiredAt. */
function asActiveKey(issuerId: string, next: IssuerKeyRecord): IssuerKeyRecord {
  const { id, publicKeyMultibase, sealedSecretKey, createdAt } = next;
  return { id, issuerId, publicKeyMultibase, sealedSecretKey, status: 'active', createdAt };
}

/** `{[name]: value}` when the value is stored, `{}` otherwise. */
function optional<K extends string>(name: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value === undefined || value === null ? {} : ({ [name]: value } as Record<K, string>);
}

function issuerFields(doc: IssuerDoc): IssuerRecord {
  return {
    id: doc.id,
    slug: doc.slug,
    legalName: doc.legalName,
    country: doc.country,
    names: doc.names,
    didMethod: doc.didMethod,
    did: doc.did,
    createdAt: doc.createdAt,
  };
}

function keyFields(doc: KeyDoc): IssuerKeyRecord {
  return {
    id: doc.id,
    issuerId: doc.issuerId,
    publicKeyMultibase: doc.publicKeyMultibase,
    sealedSecretKey: doc.sealedSecretKey,
    status: doc.status,
    createdAt: doc.createdAt,
    ...optional('retiredAt', doc.retiredAt),
  };
}

function apiKeyFields(doc: ApiKeyDoc): ApiKeyRecord {
  return {
    id: doc.id,
    issuerId: doc.issuerId,
    secretHash: doc.secretHash,
    createdAt: doc.createdAt,
    ...optional('label', doc.label),
    ...optional('revokedAt', doc.revokedAt),
  };
}
