import { Router } from 'express';
import { changeStatus, ownCredential } from '../status/change-status.js';
import type { StatusListPublisher } from '../status/publish-status-list.js';
import { parseStatusListPath } from '../status/status-list-urls.js';
import type { Clock } from '../shared/clock.js';
import { ProblemError } from '../shared/problems.js';
import type { Store } from '../store/ports.js';
import { apiKeyIdOf, issuerOf, requireIssuer } from './authenticate.js';
import { methodNotAllowed } from './problem-response.js';

export function createStatusRouter(deps: { store: Store; clock: Clock; publicUrl: string; statusListPublisher: StatusListPublisher }): Router {
  const router = Router();
  const authenticated = requireIssuer(deps.store);

  router
    .route('/credentials/status')
    .post(authenticated, async (req, res) => {
      res.json(await changeStatus(deps, { issuer: issuerOf(res), apiKeyId: apiKeyIdOf(res) }, req.body));
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/credentials/:id/status')
    .get(authenticated, async (req, res) => {
      const record = await ownCredential(deps, issuerOf(res), String(req.params.id));
      const state = await deps.store.status.stateOf(record.id);
      res.json({ credentialId: record.id, revoked: state.revoked, suspended: state.suspended, events: await deps.store.status.eventsFor(record.id) });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/status-lists/:listId/:purpose')
    .get(async (req, res) => {
      const parsed = parseStatusListPath(`${req.params.listId}/${req.params.purpose}`);
      if (parsed === undefined) throw new ProblemError('not-found', `No status list at ${req.path}.`);
      const published = await deps.statusListPublisher.get(parsed.listId, parsed.purpose, parsed.format);
      // Verifiers may cache a list until it expires, never longer.
      const maxAge = Math.max(0, Math.floor((published.validUntil.getTime() - deps.clock.now().getTime()) / 1000));
      res.setHeader('Cache-Control', `public, max-age=${maxAge}`);
      res.type(published.contentType).send(typeof published.body === 'string' ? published.body : JSON.stringify(published.body));
    })
    .all(methodNotAllowed('GET'));

  return router;
}
