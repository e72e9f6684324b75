import type { TrustEntryRecord, TrustEntryStore } from '../ports.js';
import { toConflict } from './duplicate-key.js';
import type { Models, TrustEntryDoc } from './models.js';

export function mongoTrustEntryStore({ trustEntries }: Models): TrustEntryStore {
  return {
    async add(record) {
      try {
        await trustEntries.create({
          id: record.id,
          origin: record.origin,
          subjectDid: record.subjectDid,
          entryJson: JSON.stringify(record.entry),
          ...(record.credentialId === undefined ? {} : { credentialId: record.credentialId }),
          createdAt: record.createdAt,
          ...(record.withdrawnAt === undefined ? {} : { withdrawnAt: record.withdrawnAt }),
        });
      } catch (error) {
        throw toConflict(error, `Trust entry ${record.id}`);
      }
    },
    async findById(id) {
      const doc = await trustEntries.findOne({ id }).lean<TrustEntryDoc>().exec();
      return doc === null ? undefined : fromDoc(doc);
    },
    async list() {
      const docs = await trustEntries.find().sort({ createdAt: 1, _id: 1 }).lean<TrustEntryDoc[]>().exec();
      return docs.map(fromDoc);
    },
    async withdraw(id, at) {
      const result = await trustEntries.updateOne({ id, withdrawnAt: { $exists: false } }, { $set: { withdrawnAt: at } }).exec();
      return result.modifiedCount === 1;
    },
  };
}

function fromDoc(doc: TrustEntryDoc): TrustEntryRecord {
  return {
    id: doc.id,
    origin: doc.origin,
    subjectDid: doc.subjectDid,
    entry: JSON.parse(doc.entryJson) as Record<string, unknown>,
    ...(doc.credentialId === undefined ? {} : { credentialId: doc.credentialId }),
    createdAt: doc.createdAt,
    ...(doc.withdrawnAt === undefined ? {} : { withdrawnAt: doc.withdrawnAt }),
  };
}
