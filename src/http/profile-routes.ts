import type { Metrics } from '../observe/metrics.js';
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { IssueDeps } from '../issue/issue-credential.js';
import { issueProfileCredential } from '../issue/issue-profile-credential.js';
import { listProfiles, publishedSchemaNames } from '../issue/profiles/registry.js';
import { ProblemError } from '../shared/problems.js';
import { issuerOf, requireIssuer } from './authenticate.js';
import { idempotencyKeyOf } from './idempotency-header.js';
import { methodNotAllowed } from './problem-response.js';
import { SCHEMAS_DIR } from '../shared/package-paths.js';
import { selfContainedSchema } from '../shared/self-contained-schema.js';

/** POST /issuers/:slug/credentials (typed profiles), GET /profiles, GET /schemas/:name.json. */
export function createProfileRouter(deps: IssueDeps & { metrics: Metrics }): Router {
  const router = Router();
  const files = new Map(
    publishedSchemaNames().map((name) => [`${name}.json`, JSON.parse(readFileSync(`${SCHEMAS_DIR}${name}.schema.json`, 'utf8')) as Record<string, unknown>]),
  );
  // Each published schema stands alone (what it borrows from profile-common is copied in), so a verifier loads one document.
  const schemas = new Map([...files].map(([file, schema]) => [file.replace(/\.json$/, ''), JSON.stringify(selfContainedSchema(schema, files))]));

  router
    .route('/issuers/:slug/credentials')
    .post(requireIssuer(deps.store), async (req, res) => {
      const issuer = issuerOf(res);
      if (issuer.slug !== req.params.slug) {
        throw new ProblemError('forbidden', `This API key belongs to issuer "${issuer.slug}", not "${req.params.slug}".`, { pointer: '/slug' });
      }
      const result = await issueProfileCredential(deps, issuer, req.body, idempotencyKeyOf(req));
      if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
      else deps.metrics.credentialIssued(result.record.format, String((req.body as { profile?: unknown }).profile));
      res.status(201).location(result.record.id).json({ verifiableCredential: result.verifiableCredential });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/profiles')
    .get((_req, res) => {
      res.json(
        listProfiles().map((profile) => ({
          ...profile,
          requestSchemaUrl: `${deps.publicUrl}/schemas/${profile.requestSchema}.json`,
          credentialSchemaUrl: `${deps.publicUrl}/schemas/${profile.credentialSchema}.json`,
        })),
      );
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/schemas/:name.json')
    .get((req, res) => {
      const schema = schemas.get(req.params.name);
      if (schema === undefined) throw new ProblemError('not-found', `No schema "${req.params.name}"; GET /profiles lists them.`);
      res.type('application/schema+json').send(schema);
    })
    .all(methodNotAllowed('GET'));

  return router;
}
