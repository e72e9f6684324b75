import { Router } from 'express';
import { createIssuer, type IssuerDeps } from '../issuers/create-issuer.js';
import { issuerDidDocument } from '../issuers/issuer-did-document.js';
import { rotateIssuerKey } from '../issuers/rotate-issuer-key.js';
import { addApiKey, issuerBySlug as findIssuer, listApiKeys, revokeApiKey } from '../issuers/operator-actions.js';
import { ProblemError } from '../shared/problems.js';
import type { Keyring } from '../sign/keyring.js';
import type { IssuerRecord } from '../store/ports.js';
import type { TrustRegistry } from '../trust/trust-registry.js';
import { requireAdmin } from './authenticate.js';
import { methodNotAllowed } from './problem-response.js';

type Deps = IssuerDeps & { keyring: Keyring; adminToken: string | undefined; trust: TrustRegistry };

/**
 * registered: the operator knows the issuer (it is hosted here); accredited: an entry this
 * service uses recognizes it now (a list signed by an anchor, the operator, or a recognition granted here).
 */
async function tierOf(trust: TrustRegistry, did: string, now: Date): Promise<'accredited' | 'registered'> {
  const { entries } = await trust.lookup(did);
  const inForce = entries.some(
    (entry) =>
      entry.withdrawn === undefined &&
      (entry.validUntil === undefined || Date.parse(entry.validUntil) >= now.getTime()) &&
      (entry.validFrom === undefined || Date.parse(entry.validFrom) <= now.getTime()),
  );
  return inForce ? 'accredited' : 'registered';
}

/** What anyone may see of an issuer. */
function publicIssuer(issuer: IssuerRecord) {
  const { id, slug, legalName, country, names, did, didMethod, createdAt } = issuer;
  return { id, slug, legalName, country, names, did, didMethod, createdAt };
}

export function createIssuerRouter(deps: Deps): Router {
  const router = Router();
  const admin = requireAdmin(deps.adminToken);

  const issuerBySlug = (slug: string) => findIssuer(deps.store, slug);

  router
    .route('/issuers/:slug')
    .get(async (req, res) => {
      const issuer = await issuerBySlug(req.params.slug);
      res.json({ ...publicIssuer(issuer), tier: await tierOf(deps.trust, issuer.did, deps.clock.now()) });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/issuers/:slug/did.json')
    .get(async (req, res) => {
      const issuer = await issuerBySlug(req.params.slug);
      if (issuer.didMethod !== 'web') throw new ProblemError('not-found', `Issuer "${issuer.slug}" uses ${issuer.did}, which needs no hosting.`);
      res.type('application/did+json').send(JSON.stringify(issuerDidDocument(issuer, await deps.store.keys.listForIssuer(issuer.id))));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/admin/issuers')
    .post(admin, async (req, res) => {
      const { issuer, apiKey } = await createIssuer(deps, req.body);
      res
        .status(201)
        .location(`${deps.publicUrl}/issuers/${issuer.slug}`)
        .json({ ...publicIssuer(issuer), apiKey });
    })
    .get(admin, async (_req, res) => {
      res.json((await deps.store.issuers.list()).map(publicIssuer));
    })
    .all(methodNotAllowed('GET', 'POST'));

  router
    .route('/admin/issuers/:slug/api-keys')
    .post(admin, async (req, res) => {
      const { apiKey, record } = await addApiKey(deps, req.params.slug, (req.body as { label?: unknown } | undefined)?.label);
      res.status(201).json({ id: record.id, apiKey, createdAt: record.createdAt });
    })
    .get(admin, async (req, res) => {
      res.json(await listApiKeys(deps.store, req.params.slug));
    })
    .all(methodNotAllowed('GET', 'POST'));

  router
    .route('/admin/issuers/:slug/api-keys/:id')
    .delete(admin, async (req, res) => {
      await revokeApiKey(deps, req.params.slug, req.params.id);
      res.status(204).end();
    })
    .all(methodNotAllowed('DELETE'));

  router
    .route('/admin/issuers/:slug/keys')
    .post(admin, async (req, res) => {
      const issuer = await issuerBySlug(req.params.slug);
      res.status(201).json(await rotateIssuerKey(deps, issuer));
    })
    .all(methodNotAllowed('POST'));

  return router;
}
