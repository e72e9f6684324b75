import express, { Router } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { methodNotAllowed } from './problem-response.js';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
/** Starts Swagger UI on /openapi.json; served from this origin, so the page needs no inline script. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api', deepLinking: true, defaultModelsExpandDepth: 0 });
});
`;

/** Everything from this origin; Swagger UI sets inline styles, never inline scripts. */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const LANDING_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Passerelle API reference</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="api"></div><script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/assets/passerelle-init.js"></script></body></html>`;

const LANDING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Passerelle</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}a{color:#0b5cad}li{margin:.3rem 0}</style></head>
<body><h1>Passerelle</h1>
<p>Signed, checkable and comparable skills credentials for workers who move between North and West Africa and Europe.
Training providers and certification bodies issue W3C Verifiable Credentials here; anyone can check them.</p>
<ul>
<li><a href="/v">Check a credential</a>: paste one, or scan the QR code on a certificate</li>
<li><a href="/docs">API reference</a> (<a href="/openapi.json">OpenAPI document</a>)</li>
<li><a href="/frameworks">Qualification frameworks</a> and <a href="/profiles">credential profiles</a></li>
<li><a href="/healthz">Service health</a></li>
</ul></body></html>`;

/** GET / (what this service is) and GET /docs (the API reference, rendered from /openapi.json). */
export function createDocsRouter(): Router {
  const router = Router();
  router
    .route('/')
    .get((_req, res) => {
      res.set('Content-Security-Policy', LANDING_CSP).type('html').send(LANDING_PAGE);
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/docs')
    .get((_req, res) => {
      res.set('Content-Security-Policy', DOCS_CSP).type('html').send(DOCS_PAGE);
    })
    .all(methodNotAllowed('GET'));
  // Static files, not API routes: the initializer beside Swagger UI's own files.
  router.use('/docs/assets', (req, res, next) => (req.path === '/passerelle-init.js' ? void res.type('text/javascript').send(INIT_SCRIPT) : next()));
  router.use('/docs/assets', express.static(SWAGGER_UI_DIR, { index: false, fallthrough: true, maxAge: '1d' }));
  return router;
}
