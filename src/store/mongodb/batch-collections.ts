import {
  BatchLeaseLostError,
  type BatchJobRecord,
  type BatchJobStore,
  type BatchRowOffer,
  type BatchRowOutcome,
  type BatchRowRecord,
  type BatchRowStatus,
} from '../ports.js';
import { mongoCredentialStore } from './credential-collection.js';
import { toConflict } from './duplicate-key.js';
import type { BatchJobDoc, BatchRowDoc, Models } from './models.js';

/**
 * Batch jobs without multi-document transactions (a standalone mongod has none). Each
 * credential is stored with its claim in one document (credential-collection.ts), and
 * every batch row has a claim, so the row result written after it can be lost in a crash
 * but never the credential, and a resumed job finds the claim and records `replayed`
 * with the same credential instead of issuing a second one. The lease is one guarded
 * update (findOneAndUpdate on id + owner or expiry), so of two runners only one gets it; a
 * group is written only after its lease was renewed, so a runner that lost the job stops
 * before writing (a group renewed just before expiry could still overlap a taker's first
 * group: the claims, unique per key, keep that from issuing twice).
 */
export function mongoBatchJobStore(models: Models): BatchJobStore {
  const { batchJobs, batchRows, credentialOffers } = models;
  const credentials = mongoCredentialStore(models);

  return {
    async create(job, rows) {
      try {
        await batchJobs.create(toJobDoc(job));
        if (rows.length > 0) await batchRows.insertMany(rows.map(toRowDoc), { ordered: true });
      } catch (error) {
        throw toConflict(error, `Batch job ${job.id}`);
      }
    },
    async findById(id) {
      const doc = await batchJobs.findOne({ id }).lean<BatchJobDoc>().exec();
      return doc === null ? undefined : toJob(doc);
    },
    async rows(jobId) {
      const docs = await batchRows.find({ jobId }, { requestJson: 0 }).sort({ row: 1 }).lean<BatchRowDoc[]>().exec();
      return docs.map(toRow);
    },
    async pendingRows(jobId) {
      const docs = await batchRows.find({ jobId, status: 'pending' }).sort({ row: 1 }).lean<BatchRowDoc[]>().exec();
      return docs.map(toRow);
    },
    async takeLease(jobId, lease, now) {
      const taken = await batchJobs
        .updateOne(
          {
            id: jobId,
            state: 'running',
            $or: [{ leaseOwner: { $exists: false } }, { leaseOwner: null }, { leaseOwner: lease.owner }, { leaseExpiresAt: { $lt: now } }],
          },
          { $set: { leaseOwner: lease.owner, leaseExpiresAt: lease.expiresAt } },
        )
        .exec();
      return taken.modifiedCount === 1 || taken.matchedCount === 1;
    },
    async releaseLease(jobId, owner) {
      await batchJobs.updateOne({ id: jobId, leaseOwner: owner }, { $unset: { leaseOwner: '', leaseExpiresAt: '' } }).exec();
    },
    async counts(jobId) {
      const result: Record<BatchRowStatus, number> = { pending: 0, issued: 0, replayed: 0, invalid: 0, failed: 0 };
      const groups = await batchRows
        .aggregate<{ _id: BatchRowStatus; n: number }>([{ $match: { jobId } }, { $group: { _id: '$status', n: { $sum: 1 } } }])
        .exec();
      for (const group of groups) result[group._id] = group.n;
      return result;
    },
    async commitRows(jobId, { issued, replayed, failed }, lease) {
      const renewed = await batchJobs.updateOne({ id: jobId, leaseOwner: lease.owner, state: 'running' }, { $set: { leaseExpiresAt: lease.expiresAt } }).exec();
      if (renewed.matchedCount !== 1) throw new BatchLeaseLostError(`Batch job ${jobId} is no longer leased to ${lease.owner}.`);
      const offers = new Map<number, BatchRowOffer>();
      for (const { row, offer } of [...issued, ...replayed]) if (offer !== undefined) offers.set(row, offer);
      const outcomes: BatchRowOutcome[] = await Promise.all(
        issued.map(async ({ row, record, claim }): Promise<BatchRowOutcome> => {
          const saved = await credentials.saveIssued(record, claim);
          if (saved.outcome === 'saved') return { row, status: 'issued', credentialId: record.id };
          return saved.requestHash === claim.requestHash
            ? { row, status: 'replayed', credentialId: saved.record.id }
            : { row, status: 'failed', errors: [{ pointer: '/rowKey', detail: 'was already used for a credential with other data' }] };
        }),
      );
      for (const { row, credentialId } of replayed) outcomes.push({ row, status: 'replayed', credentialId });
      for (const { row, errors } of failed) outcomes.push({ row, status: 'failed', errors });
      // Each offer for the credential its row ends up with, before the row names it.
      const offered = outcomes.flatMap((outcome) => {
        const offer = outcome.status === 'failed' ? undefined : offers.get(outcome.row);
        return offer === undefined || outcome.status === 'failed' ? [] : [{ ...offer.record, credentialId: outcome.credentialId }];
      });
      if (offered.length > 0) await credentialOffers.insertMany(offered, { ordered: true });
      if (outcomes.length > 0) {
        await batchRows.bulkWrite(
          outcomes.map((outcome) => ({
            updateOne: {
              filter: { jobId, row: outcome.row, status: 'pending' },
              update:
                outcome.status === 'failed'
                  ? { $set: { status: outcome.status, rowErrors: outcome.errors }, $unset: { requestJson: '' } }
                  : {
                      $set: {
                        status: outcome.status,
                        credentialId: outcome.credentialId,
                        ...(offers.has(outcome.row) ? { offerId: offers.get(outcome.row)?.record.id, sealedOffer: offers.get(outcome.row)?.sealed } : {}),
                      },
                      $unset: { requestJson: '' },
                    },
            },
          })),
        );
      }
      return outcomes;
    },
    async finish(jobId, at, owner) {
      const finished = await batchJobs
        .updateOne({ id: jobId, leaseOwner: owner }, { $set: { state: 'completed', finishedAt: at }, $unset: { leaseOwner: '', leaseExpiresAt: '' } })
        .exec();
      if (finished.matchedCount !== 1) throw new BatchLeaseLostError(`Batch job ${jobId} is no longer leased to ${owner}.`);
      await batchRows.updateMany({ jobId, requestJson: { $exists: true } }, { $unset: { requestJson: '' } }).exec();
    },
    async listUnfinished() {
      const docs = await batchJobs.find({ state: 'running' }).sort({ createdAt: 1, _id: 1 }).lean<BatchJobDoc[]>().exec();
      return docs.map(toJob);
    },
  };
}

function toJobDoc(job: BatchJobRecord): BatchJobDoc {
  const { offers, ...rest } = job;
  return { ...rest, ...(offers === true ? { offers: true } : {}) };
}

function toRowDoc(row: BatchRowRecord): BatchRowDoc {
  return {
    jobId: row.jobId,
    row: row.row,
    ...(row.rowKey === undefined ? {} : { rowKey: row.rowKey }),
    idempotencyKey: row.idempotencyKey,
    ...(row.request === undefined ? {} : { requestJson: JSON.stringify(row.request) }),
    status: row.status,
    ...(row.credentialId === undefined ? {} : { credentialId: row.credentialId }),
    ...(row.errors === undefined ? {} : { rowErrors: row.errors }),
  };
}

function toJob(doc: BatchJobDoc): BatchJobRecord {
  return {
    id: doc.id,
    issuerId: doc.issuerId,
    profile: doc.profile,
    format: doc.format,
    mode: doc.mode,
    total: doc.total,
    state: doc.state,
    createdAt: doc.createdAt,
    ...(doc.finishedAt === undefined || doc.finishedAt === null ? {} : { finishedAt: doc.finishedAt }),
    ...(doc.offers === true ? { offers: true } : {}),
  };
}

function toRow(doc: BatchRowDoc): BatchRowRecord {
  return {
    jobId: doc.jobId,
    row: doc.row,
    ...(doc.rowKey === undefined || doc.rowKey === null ? {} : { rowKey: doc.rowKey }),
    idempotencyKey: doc.idempotencyKey,
    ...(doc.requestJson === undefined || doc.requestJson === null ? {} : { request: JSON.parse(doc.requestJson) as Record<string, unknown> }),
    status: doc.status,
    ...(doc.credentialId === undefined || doc.credentialId === null ? {} : { credentialId: doc.credentialId }),
    ...(doc.rowErrors === undefined || doc.rowErrors === null || doc.rowErrors.length === 0
      ? {}
      : { errors: doc.rowErrors.map(({ pointer, detail }) => ({ pointer, detail })) }),
    ...(doc.offerId === undefined || doc.offerId === null ? {} : { offerId: doc.offerId }),
    ...(doc.sealedOffer === undefined || doc.sealedOffer === null ? {} : { sealedOffer: doc.sealedOffer }),
  };
}
