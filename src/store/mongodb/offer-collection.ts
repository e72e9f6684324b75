import type { CredentialOfferRecord, CredentialOfferStore } from '../ports.js';
import { toConflict } from './duplicate-key.js';
import type { CredentialOfferDoc, Models } from './models.js';

export function mongoCredentialOfferStore({ credentialOffers }: Models): CredentialOfferStore {
  return {
    async add(offer) {
      try {
        await credentialOffers.create({ ...offer });
      } catch (error) {
        throw toConflict(error, `Credential offer ${offer.id}`);
      }
    },
    async findByCodeHash(codeHash) {
      const doc = await credentialOffers.findOne({ codeHash }).lean<CredentialOfferDoc>().exec();
      return doc === null ? undefined : fromDoc(doc);
    },
    async findById(id) {
      const doc = await credentialOffers.findOne({ id }).lean<CredentialOfferDoc>().exec();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listForCredential(credentialId) {
      const docs = await credentialOffers.find({ credentialId }).sort({ createdAt: 1, _id: 1 }).lean<CredentialOfferDoc[]>().exec();
      return docs.map(fromDoc);
    },
    async recordFailedTxCode(id) {
      // $inc in one findOneAndUpdate: two wrong codes at once both count.
      const doc = await credentialOffers
        .findOneAndUpdate({ id }, { $inc: { failedTxCodes: 1 } }, { new: true })
        .lean<CredentialOfferDoc>()
        .exec();
      return doc?.failedTxCodes ?? 0;
    },
    async transition(id, from, to, fields = {}) {
      const set: Record<string, unknown> = { state: to };
      const unset: Record<string, ''> = {};
      for (const [name, value] of Object.entries(fields)) {
        if (value === undefined) unset[name] = '';
        else set[name] = value;
      }
      // The state in the filter makes it a compare-and-set; a single-document update is atomic.
      const result = await credentialOffers.updateOne({ id, state: from }, { $set: set, ...(Object.keys(unset).length === 0 ? {} : { $unset: unset }) }).exec();
      // matched, not modified: delivered → delivered with the credential id is a real move too.
      return result.matchedCount === 1;
    },
  };
}

function fromDoc(doc: CredentialOfferDoc): CredentialOfferRecord {
  return {
    id: doc.id,
    issuerId: doc.issuerId,
    credentialId: doc.credentialId,
    codeHash: doc.codeHash,
    txCodeHash: doc.txCodeHash,
    state: doc.state,
    failedTxCodes: doc.failedTxCodes,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    ...(doc.redeemedAt === undefined || doc.redeemedAt === null ? {} : { redeemedAt: doc.redeemedAt }),
    ...(doc.deliveredAt === undefined || doc.deliveredAt === null ? {} : { deliveredAt: doc.deliveredAt }),
    ...(doc.deliveredCredentialId === undefined || doc.deliveredCredentialId === null ? {} : { deliveredCredentialId: doc.deliveredCredentialId }),
  };
}
