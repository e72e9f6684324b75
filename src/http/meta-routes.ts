import { Router } from 'express';
import { OWN_CONTEXT_BASE } from '../resolve/known-contexts.js';
import { ProblemError } from '../shared/problems.js';
import type { Store } from '../store/ports.js';
import { methodNotAllowed } from './problem-response.js';

export function createMetaRouter(deps: { store: Store; contexts: ReadonlyMap<string, object>; openapi: () => object }): Router {
  const router = Router();

  router
    .route('/healthz')
    .get(async (_req, res) => {
      try {
        await deps.store.ping();
        res.json({ status: 'ok', store: deps.store.kind });
      } catch {
        throw new ProblemError('store-unavailable', `The ${deps.store.kind} store does not answer.`);
      }
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/openapi.json')
    .get((_req, res) => {
      res.json(deps.openapi());
    })
    .all(methodNotAllowed('GET'));

  // Our contexts are loaded offline by every verifier using this service; serving them
  // lets other JSON-LD processors read the same definitions.
  router
    .route('/contexts/:name')
    .get((req, res) => {
      const context = deps.contexts.get(OWN_CONTEXT_BASE + req.params.name);
      if (context === undefined) throw new ProblemError('not-found', `No context "${req.params.name}".`);
      res.type('application/ld+json').send(JSON.stringify(context));
    })
    .all(methodNotAllowed('GET'));

  return router;
}
