import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Metrics } from '../observe/metrics.js';
import { ProblemError } from '../shared/problems.js';
import type { Store } from '../store/ports.js';
import { methodNotAllowed } from './problem-response.js';

/** GET /readyz (load balancers: send traffic?) and GET /metrics (Prometheus). /healthz is in meta-routes. */
export function createOperationsRouter(deps: { store: Store; metrics: Metrics; metricsToken: string | undefined }): Router {
  const router = Router();

  router
    .route('/readyz')
    .get(async (_req, res) => {
      try {
        await deps.store.ping();
      } catch {
        throw new ProblemError('store-unavailable', `Not ready: the ${deps.store.kind} store does not answer.`);
      }
      res.json({ status: 'ready', store: deps.store.kind });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/metrics')
    .get(async (req, res) => {
      if (deps.metricsToken !== undefined && !bearerMatches(req.headers.authorization, deps.metricsToken)) {
        throw new ProblemError('unauthenticated', 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".');
      }
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    })
    .all(methodNotAllowed('GET'));

  return router;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
