import type { StatusListRecord, StatusStore } from '../ports.js';
import { duplicateKeyIndex } from './duplicate-key.js';
import type { CredentialStatusDoc, Models, StatusListDoc } from './models.js';

/**
 * Status lists and credential status without multi-document transactions (a
 * standalone mongod has none). Each step that must be atomic touches one document:
 * an allocation is one `$inc` guarded by `allocated < size`; a change sets the state
 * and appends its event in one update guarded by the expected state.
 */
export function mongoStatusStore({ statusLists, credentialStatus }: Models): StatusStore {
  return {
    async allocate(issuerId, newList, count = 1) {
      // A pipeline update, so that the list never counts past its size: the document as
      // it was before says where the block starts, the size caps where it ends.
      const before = await statusLists
        .findOneAndUpdate(
          { issuerId, $expr: { $lt: ['$allocated', '$size'] } },
          [{ $set: { allocated: { $min: ['$size', { $add: ['$allocated', count] }] } } }],
          { sort: { createdAt: 1, id: 1 }, returnDocument: 'before', updatePipeline: true },
        )
        .lean<StatusListDoc>()
        .exec();
      if (before !== null) {
        const taken = Math.min(count, before.size - before.allocated);
        return { list: toList({ ...before, allocated: before.allocated + taken }), ordinal: before.allocated, count: taken };
      }
      // Every list is full. Two processes may both open a new list here; each then
      // owns its own list, which wastes nothing that matters and never shares a position.
      const fresh = newList();
      const taken = Math.min(count, fresh.size);
      const list: StatusListRecord = { ...fresh, allocated: taken };
      await statusLists.create(list);
      return { list, ordinal: 0, count: taken };
    },

    async findList(listId) {
      const doc = await statusLists.findOne({ id: listId }).lean<StatusListDoc>().exec();
      return doc === null ? undefined : toList(doc);
    },

    async listFlagged(listId) {
      const docs = await credentialStatus
        .find({ listId, $or: [{ revoked: true }, { suspended: true }] }, { ordinal: 1, revoked: 1, suspended: 1 })
        .sort({ ordinal: 1 })
        .lean<Array<Pick<CredentialStatusDoc, 'ordinal' | 'revoked' | 'suspended'>>>()
        .exec();
      return docs.map(({ ordinal, revoked, suspended }) => ({ ordinal, revoked, suspended }));
    },

    async stateOf(credentialId) {
      const doc = await credentialStatus.findOne({ credentialId }, { revoked: 1, suspended: 1 }).lean<CredentialStatusDoc>().exec();
      return { credentialId, revoked: doc?.revoked === true, suspended: doc?.suspended === true };
    },

    async applyChange(position, expected, next, event) {
      // A credential never changed has no document; "expected active" then upserts it.
      // If another change created it meanwhile, the upsert collides on the unique
      // credentialId instead of matching, and the compare-and-set fails as it should.
      const filter = { credentialId: expected.credentialId, revoked: expected.revoked, suspended: expected.suspended };
      const isActive = !expected.revoked && !expected.suspended;
      try {
        const result = await credentialStatus
          .updateOne(
            filter,
            {
              $set: { revoked: next.revoked, suspended: next.suspended },
              $setOnInsert: { listId: position.listId, ordinal: position.ordinal },
              $push: { events: event },
            },
            { upsert: isActive },
          )
          .exec();
        if (result.matchedCount === 0 && result.upsertedCount === 0) return false;
      } catch (error) {
        if (isActive && duplicateKeyIndex(error) === 'credential_status_credential') return false;
        throw error;
      }
      // After the change, not before: a publisher that re-reads on the new version
      // then sees the new state. Crashing in between leaves the version unbumped; the
      // publisher still re-signs within half its TTL.
      await statusLists.updateOne({ id: position.listId }, { $inc: { version: 1 } }).exec();
      return true;
    },

    async eventsFor(credentialId) {
      const doc = await credentialStatus.findOne({ credentialId }, { events: 1 }).lean<CredentialStatusDoc>().exec();
      return (doc?.events ?? []).map((event) => {
        const { reason, ...rest } = event;
        return reason === undefined || reason === null ? rest : { ...rest, reason };
      });
    },
  };
}

function toList(doc: StatusListDoc): StatusListRecord {
  return {
    id: doc.id,
    issuerId: doc.issuerId,
    size: doc.size,
    allocated: doc.allocated,
    permutationKey: doc.permutationKey,
    version: doc.version,
    createdAt: doc.createdAt,
  };
}
