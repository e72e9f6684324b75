import type { BatchJobRecord, BatchJobStore, BatchRowOutcome, BatchRowRecord, BatchRowStatus } from '../ports.js';
import { mongoCredentialStore } from './credential-collection.js';
import { toConflict } from './duplicate-key.js';
import type { BatchJobDoc, BatchRowDoc, Models } from './models.js';

/**
 * Batch jobs without multi-document transactions (a standalone mongod has none). Each
 * credential is stored with its claim in one document (credential-collection.ts), and
 * every batch row has a claim, so the row result written after it can be lost in a crash
 * but never the credential, and a resumed job finds the claim and records `replayed`
 * with the same credential instead of issuing a second one.
 */
export function mongoBatchJobStore(models: Models): BatchJobStore {
  const { batchJobs, batchRows } = models;
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
    async rows(jobId, options = {}) {
      const filter = options.status === undefined ? { jobId } : { jobId, status: options.status };
      const docs = await batchRows.find(filter).sort({ row: 1 }).lean<BatchRowDoc[]>().exec();
      return docs.map(toRow);
    },
    async counts(jobId) {
      const result: Record<BatchRowStatus, number> = { pending: 0, issued: 0, replayed: 0, invalid: 0, failed: 0 };
      const groups = await batchRows
        .aggregate<{ _id: BatchRowStatus; n: number }>([{ $match: { jobId } }, { $group: { _id: '$status', n: { $sum: 1 } } }])
        .exec();
      for (const group of groups) result[group._id] = group.n;
      return result;
    },
    async commitRows(jobId, { issued, replayed, failed }) {
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
      if (outcomes.length > 0) {
        await batchRows.bulkWrite(
          outcomes.map((outcome) => ({
            updateOne: {
              filter: { jobId, row: outcome.row, status: 'pending' },
              update:
                outcome.status === 'failed'
                  ? { $set: { status: outcome.status, rowErrors: outcome.errors }, $unset: { requestJson: '' } }
                  : { $set: { status: outcome.status, credentialId: outcome.credentialId }, $unset: { requestJson: '' } },
            },
          })),
        );
      }
      return outcomes;
    },
    async finish(jobId, at) {
      await batchJobs.updateOne({ id: jobId }, { $set: { state: 'completed', finishedAt: at } }).exec();
      await batchRows.updateMany({ jobId, requestJson: { $exists: true } }, { $unset: { requestJson: '' } }).exec();
    },
    async listUnfinished() {
      const docs = await batchJobs.find({ state: 'running' }).sort({ createdAt: 1, _id: 1 }).lean<BatchJobDoc[]>().exec();
      return docs.map(toJob);
    },
  };
}

function toJobDoc(job: BatchJobRecord): BatchJobDoc {
  return { ...job };
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
  };
}
