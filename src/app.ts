import type { RequestListener } from 'node:http';
import express, { type Express } from 'express';
import type { Services } from './composition-root.js';
import { assertWithinJsonLimits } from './shared/json-limits.js';
import { createCredentialRouter } from './http/credential-routes.js';
import { createDocsRouter } from './http/docs-routes.js';
import { createDossierRouter } from './http/dossier-routes.js';
import { createOperationsRouter } from './http/operations-routes.js';
import { publicRateLimit, type PublicRateLimit } from './http/rate-limit.js';
import { requestLogging } from './http/request-logging.js';
import { createFrameworkRouter } from './http/framework-routes.js';
import { createIssuerRouter } from './http/issuer-routes.js';
import { createTrustRouter } from './http/trust-routes.js';
import { createMetaRouter } from './http/meta-routes.js';
import { buildOpenApi } from './http/openapi.js';
import { notFound, problemResponse, requireJsonBody } from './http/problem-response.js';
import { createRequirementRouter } from './http/requirement-routes.js';
import { createProfileRouter } from './http/profile-routes.js';
import { createBatchRouter } from './http/batch-routes.js';
import { createStatusRouter } from './http/status-routes.js';
import { createVerificationPageRouter } from './http/verification-page-routes.js';
import { createDeliverRouter } from './http/deliver-routes.js';
import { openOfferUri } from './deliver/create-offer.js';
import { verifyEntry } from './http/verify-entry.js';

/** Public endpoints that take a JSON body (VERIFY_BODY_LIMIT applies). */
const PUBLIC_JSON_ROUTES = ['/credentials/verify', '/presentations/verify', '/requirements/check', '/dossiers/verify'];
/** Batches: a larger body, JSON or CSV. */
const BATCH_ROUTE = /^\/issuers\/[^/]+\/credentials\/batch$/;

/**
 * What the HTTP server calls for each request: POST /credentials/verify's own entry
 * (http/verify-entry.ts) when it takes the request, the Express app otherwise. Both share one
 * request logger and one rate limit.
 */
export function createRequestListener(services: Services): RequestListener {
  const logging = requestLogging(services.logger, services.metrics);
  const rateLimit = publicRateLimit(services.config.rateLimitPerMinute, services.config.trustProxy);
  const app = createApp(services, { logging, rateLimit });
  const takeVerify = verifyEntry(services, {
    bodyLimit: services.config.verifyBodyLimit,
    requestLogging: logging,
    rateLimit,
    log: services.log,
  });
  return (req, res) => {
    if (!takeVerify(req, res)) void app(req, res);
  };
}

/** Wires the routers to the services. No listening, no environment: tests start it on port 0. */
export function createApp(
  services: Services,
  shared: { logging: ReturnType<typeof requestLogging>; rateLimit: PublicRateLimit } = {
    logging: requestLogging(services.logger, services.metrics),
    rateLimit: publicRateLimit(services.config.rateLimitPerMinute, services.config.trustProxy),
  },
): Express {
  const app = express();
  app.disable('x-powered-by');
  // The client address (rate limits, logs) comes from X-Forwarded-For only through the proxies named here.
  app.set('trust proxy', services.config.trustProxy);
  const deps = { ...services, publicUrl: services.config.publicUrl, adminToken: services.config.adminToken };
  app.use(shared.logging);
  app.use(shared.rateLimit);
  app.use(createDocsRouter());
  app.use(createOperationsRouter({ store: services.store, metrics: services.metrics, metricsToken: services.config.metricsToken }));
  // Before the JSON-only guard: the public page takes url-encoded form posts.
  const deliverDeps = { ...deps, offerTtlSeconds: services.config.credentialOfferTtlSeconds };
  app.use(createVerificationPageRouter({ ...deps, walletOfferUri: (record, code) => openOfferUri(deliverDeps, record, code) }));
  // Before the JSON-only guard too: the OpenID4VCI token endpoint takes a form (RFC 6749), and creating an offer takes no body.
  app.use(createDeliverRouter(deliverDeps));
  // Every write takes a JSON body, except creating an API key, rotating a key and refreshing trust lists, whose body is optional.
  app.use(
    requireJsonBody({
      bodyOptional: [/^\/admin\/issuers\/[^/]+\/(api-keys|keys)$/, /^\/admin\/trust\/refresh$/],
      // A batch is a JSON object or a CSV file (the registrar's spreadsheet).
      alsoAccepted: [{ path: BATCH_ROUTE, types: ['text/csv'] }],
    }),
  );
  // Public endpoints take anyone's body: a smaller limit than the authenticated issue endpoints.
  // A body parsed by the first parser is left alone by the second.
  const json = (limit: string) => express.json({ limit, type: ['application/json', 'application/*+json'], strict: false });
  app.use(PUBLIC_JSON_ROUTES, json(services.config.verifyBodyLimit));
  // A cohort is larger than one request: BATCH_BODY_LIMIT; the JSON limits apply to each item (batch/batch-input.ts).
  app.use(BATCH_ROUTE, json(services.config.batchBodyLimit), express.text({ type: 'text/csv', limit: services.config.batchBodyLimit }));
  app.use(json(services.config.bodyLimit));
  // Depth, array length and value count are bounded before any JSON-LD processing sees the body.
  app.use((req, _res, next) => {
    if (req.body !== undefined && !BATCH_ROUTE.test(req.path)) assertWithinJsonLimits(req.body);
    next();
  });

  app.use(createMetaRouter({ ...deps, openapi: () => buildOpenApi(services.config.publicUrl) }));
  app.use(createIssuerRouter(deps));
  app.use(createTrustRouter(deps));
  app.use(createFrameworkRouter());
  app.use(createRequirementRouter(deps));
  app.use(createBatchRouter(deps));
  app.use(createDossierRouter(deps));
  app.use(createProfileRouter(deps));
  // Before the credential router, so that /credentials/status is not read as a credential id.
  app.use(createStatusRouter(deps));
  app.use(createCredentialRouter(deps));

  app.use(notFound);
  app.use(problemResponse(services.log));
  return app;
}
