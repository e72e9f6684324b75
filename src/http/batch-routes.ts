import { Router, type Request } from 'express';
import { readCsvBatch, readJsonBatch } from '../batch/batch-input.js';
import type { BatchJobs } from '../batch/batch-jobs.js';
import { jobView, resultsCsv, rowResults, templateCsv } from '../batch/job-results.js';
import { profileNames } from '../issue/profiles/registry.js';
import { ProblemError } from '../shared/problems.js';
import type { BatchMode, CredentialFormat, IssuerRecord, Store } from '../store/ports.js';
import { issuerOf, requireIssuer } from './authenticate.js';
import { methodNotAllowed } from './problem-response.js';

const MODES: readonly BatchMode[] = ['all-or-nothing', 'valid-rows'];
const FORMATS: readonly CredentialFormat[] = ['di', 'jwt'];

/** POST /issuers/:slug/credentials/batch, GET /profiles/:profile/template.csv, GET /jobs/:id(/events|/results.json|/results.csv). */
export function createBatchRouter(deps: { store: Store; batchJobs: BatchJobs; publicUrl: string }): Router {
  const router = Router();

  router
    .route('/issuers/:slug/credentials/batch')
    .post(requireIssuer(deps.store), async (req, res) => {
      const issuer = issuerOf(res);
      if (issuer.slug !== req.params.slug) {
        throw new ProblemError('forbidden', `This API key belongs to issuer "${issuer.slug}", not "${req.params.slug}".`, { pointer: '/slug' });
      }
      const mode = choice(req, 'mode', MODES, 'all-or-nothing');
      const offersQuery = choice(req, 'offers', ['true', 'false'], 'false') === 'true';
      let batch;
      if (req.is('text/csv')) {
        if (typeof req.body !== 'string') throw new ProblemError('invalid-request', 'The CSV file is empty.', { pointer: '/rows' });
        const profile = profileParameter(req.query.profile);
        batch = { profile, format: choice(req, 'format', FORMATS, 'di'), offers: offersQuery, input: readCsvBatch(req.body, profile) };
      } else {
        const { profile, format, offers, input } = readJsonBatch(req.body);
        if (offers !== undefined && typeof offers !== 'boolean')
          throw new ProblemError('invalid-request', 'offers must be true or false.', { pointer: '/offers' });
        batch = { profile: profileParameter(profile, '/profile'), format: formatOf(format), offers: offers === true || offersQuery, input };
      }
      const job = await deps.batchJobs.submit(issuer, { ...batch, mode });
      res.location(`/jobs/${job.id}`);
      if (job.state === 'running') {
        res.status(202).json(jobView(deps.publicUrl, job, await deps.batchJobs.progress(job), []));
      } else {
        res.status(201).json(jobView(deps.publicUrl, job, await deps.batchJobs.progress(job), await deps.batchJobs.rows(job)));
      }
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/profiles/:profile/template.csv')
    .get((req, res) => {
      const template = templateCsv(req.params.profile);
      if (template === undefined) throw new ProblemError('not-found', `No profile "${req.params.profile}"; GET /profiles lists them.`);
      res.type('text/csv; charset=utf-8').attachment(`${req.params.profile}-template.csv`).send(template);
    })
    .all(methodNotAllowed('GET'));

  const ownJob = async (issuer: IssuerRecord, id: string) => {
    const job = await deps.batchJobs.find(issuer.id, id);
    // Another issuer's job reads exactly like a missing one.
    if (job === undefined) throw new ProblemError('not-found', `No job ${id}.`);
    return job;
  };

  router
    .route('/jobs/:id')
    .get(requireIssuer(deps.store), async (req, res) => {
      const job = await ownJob(issuerOf(res), req.params.id as string);
      res.json(jobView(deps.publicUrl, job, await deps.batchJobs.progress(job), await deps.batchJobs.rows(job)));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/jobs/:id/results.json')
    .get(requireIssuer(deps.store), async (req, res) => {
      const job = await ownJob(issuerOf(res), req.params.id as string);
      res.json(rowResults(deps.publicUrl, await deps.batchJobs.rows(job)));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/jobs/:id/results.csv')
    .get(requireIssuer(deps.store), async (req, res) => {
      const job = await ownJob(issuerOf(res), req.params.id as string);
      res
        .type('text/csv; charset=utf-8')
        .attachment(`results-${job.id}.csv`)
        .send(resultsCsv(rowResults(deps.publicUrl, await deps.batchJobs.rows(job))));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/jobs/:id/events')
    .get(requireIssuer(deps.store), async (req, res) => {
      const job = await ownJob(issuerOf(res), req.params.id as string);
      res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.flushHeaders();
      const send = (progress: { state: string }) => {
        res.write(`event: ${progress.state === 'completed' ? 'completed' : 'progress'}\ndata: ${JSON.stringify(progress)}\n\n`);
        if (progress.state === 'completed') res.end();
      };
      // Subscribe before reading the current state, so that no group committed in between is missed.
      const unsubscribe = deps.batchJobs.subscribe(job.id, send);
      res.on('close', unsubscribe);
      const current = await deps.store.batchJobs.findById(job.id);
      if (current !== undefined) send(await deps.batchJobs.progress(current));
    })
    .all(methodNotAllowed('GET'));

  return router;
}

function profileParameter(value: unknown, pointer = '/query/profile'): string {
  if (typeof value === 'string' && profileNames().includes(value)) return value;
  throw new ProblemError('invalid-request', `profile must be one of: ${profileNames().join(', ')}`, { pointer });
}

function formatOf(value: unknown): CredentialFormat {
  if (value === undefined) return 'di';
  if (FORMATS.includes(value as CredentialFormat)) return value as CredentialFormat;
  throw new ProblemError('invalid-request', `format must be one of: ${FORMATS.join(', ')}`, { pointer: '/format' });
}

function choice<T extends string>(req: Request, name: string, allowed: readonly T[], fallback: T): T {
  const value = req.query[name];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && allowed.includes(value as T)) return value as T;
  throw new ProblemError('invalid-request', `${name} must be one of: ${allowed.join(', ')}`, { pointer: `/query/${name}` });
}
