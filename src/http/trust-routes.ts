import { Router } from 'express';
import type { IssueDeps } from '../issue/issue-credential.js';
import { addOperatorEntry, publishedTrustList, recognizeHostedIssuer, withdrawEntry } from '../trust/recognitions.js';
import type { TrustRegistry } from '../trust/trust-registry.js';
import { requireAdmin } from './authenticate.js';
import { methodNotAllowed } from './problem-response.js';

type Deps = IssueDeps & { trust: TrustRegistry; adminToken: string | undefined };

/** GET /trust, GET /trust-list (public); the operator's trust entries and recognitions (admin). */
export function createTrustRouter(deps: Deps): Router {
  const router = Router();
  const admin = requireAdmin(deps.adminToken);

  router
    .route('/trust')
    .get(async (_req, res) => {
      res.json(await deps.trust.describe());
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/trust-list')
    .get(async (_req, res) => {
      res
        .set('cache-control', 'public, max-age=300')
        .type('application/vp+ld+json')
        .send(JSON.stringify(await publishedTrustList(deps)));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/admin/trust/entries')
    .post(admin, async (req, res) => {
      res.status(201).json(await addOperatorEntry(deps, req.body));
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/admin/trust/entries/:id')
    .delete(admin, async (req, res) => {
      await withdrawEntry(deps, req.params.id);
      res.status(204).end();
    })
    .all(methodNotAllowed('DELETE'));

  router
    .route('/admin/trust/refresh')
    .post(admin, async (_req, res) => {
      await deps.trust.refresh();
      res.json(await deps.trust.describe());
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/admin/issuers/:slug/recognition')
    .post(admin, async (req, res) => {
      res.status(201).json(await recognizeHostedIssuer(deps, req.params.slug, req.body));
    })
    .all(methodNotAllowed('POST'));

  return router;
}
