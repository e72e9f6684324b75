import express, { type Express } from 'express';
import type { Services } from './composition-root.js';
import { createCredentialRouter } from './http/credential-routes.js';
import { createFrameworkRouter } from './http/framework-routes.js';
import { createIssuerRouter } from './http/issuer-routes.js';
import { createMetaRouter } from './http/meta-routes.js';
import { buildOpenApi } from './http/openapi.js';
import { notFound, problemResponse, requireJsonBody } from './http/problem-response.js';
import { createRequirementRouter } from './http/requirement-routes.js';
import { createProfileRouter } from './http/profile-routes.js';
import { createStatusRouter } from './http/status-routes.js';
import { createVerificationPageRouter } from './http/verification-page-routes.js';

/** Wires the routers to the services. No listening, no environment: tests start it on port 0. */
export function createApp(services: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const deps = { ...services, publicUrl: services.config.publicUrl, adminToken: services.config.adminToken };
  // Before the JSON-only guard: the public page takes url-encoded form posts.
  app.use(createVerificationPageRouter(deps));
  app.use(requireJsonBody);
  app.use(express.json({ limit: services.config.bodyLimit, type: ['application/json', 'application/*+json'], strict: false }));

  app.use(createMetaRouter({ ...deps, openapi: () => buildOpenApi(services.config.publicUrl) }));
  app.use(createIssuerRouter(deps));
  app.use(createFrameworkRouter());
  app.use(createRequirementRouter(deps));
  app.use(createProfileRouter(deps));
  // Before the credential router, so that /credentials/status is not read as a credential id.
  app.use(createStatusRouter(deps));
  app.use(createCredentialRouter(deps));

  app.use(notFound);
  app.use(problemResponse(services.log));
  return app;
}
