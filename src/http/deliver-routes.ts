import express, { Router, type Request, type Response } from 'express';
import { Oauth2ResourceUnauthorizedError, Oauth2ServerErrorResponseError, setGlobalConfig, type RequestLike } from '@openid4vc/oauth2';
import { createNonce } from '../deliver/nonce-endpoint.js';
import { authorizationServerMetadata, credentialIssuerMetadata } from '../deliver/credential-configurations.js';
import { createCredentialOffer, resolveOffer } from '../deliver/create-offer.js';
import { deliverCredential } from '../deliver/deliver-credential.js';
import type { DeliverDeps } from '../deliver/deliver-deps.js';
import { issuerEndpoints } from '../deliver/issuer-endpoints.js';
import { publicJwk } from '../deliver/library-callbacks.js';
import { exchangeToken } from '../deliver/token-exchange.js';
import type { Metrics } from '../observe/metrics.js';
import { ProblemError } from '../shared/problems.js';
import type { IssuerRecord } from '../store/ports.js';
import { issuerOf, requireIssuer } from './authenticate.js';
import { methodNotAllowed } from './problem-response.js';

/**
 * OpenID4VCI wallet delivery (src/deliver/): metadata, the offer, token, nonce and credential
 * endpoints of each hosted issuer, and the issuer's call that creates an offer. Mounted before
 * the JSON-only guard: the token endpoint takes a form (RFC 6749). Protocol refusals are the
 * library's OAuth error objects, sent as the specs say; everything else is a problem.
 */
export function createDeliverRouter(deps: DeliverDeps & { metrics: Metrics }): Router {
  // The library accepts only https identifiers unless told otherwise; a PUBLIC_URL on plain
  // http (development, tests) is this service's own choice, so the library follows it.
  if (deps.publicUrl.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  const json = express.json({ limit: '64kb' });

  const hostedIssuer = async (req: Request): Promise<IssuerRecord> => {
    const issuer = await deps.store.issuers.findBySlug(String(req.params.slug));
    if (issuer === undefined) throw new ProblemError('not-found', `No issuer "${String(req.params.slug)}" is hosted here.`);
    return issuer;
  };

  const sendMetadata = async (req: Request, res: Response) => {
    const issuer = await hostedIssuer(req);
    res.set('Cache-Control', 'no-cache').json(credentialIssuerMetadata(issuer, issuerEndpoints(deps.publicUrl, issuer.slug)));
  };
  const sendAsMetadata = async (req: Request, res: Response) => {
    const issuer = await hostedIssuer(req);
    res.set('Cache-Control', 'no-cache').json(authorizationServerMetadata(issuerEndpoints(deps.publicUrl, issuer.slug)));
  };
  // RFC 8615 / OpenID4VCI §12.2.2: the well-known suffix goes between the origin and the issuer's
  // path; the suffix-after-path form is what older wallets (and the library's fallback) ask for.
  router.route('/.well-known/openid-credential-issuer/issuers/:slug').get(sendMetadata).all(methodNotAllowed('GET'));
  router.route('/issuers/:slug/.well-known/openid-credential-issuer').get(sendMetadata).all(methodNotAllowed('GET'));
  router.route('/.well-known/oauth-authorization-server/issuers/:slug').get(sendAsMetadata).all(methodNotAllowed('GET'));
  router.route('/issuers/:slug/.well-known/oauth-authorization-server').get(sendAsMetadata).all(methodNotAllowed('GET'));

  router
    .route('/issuers/:slug/jwks.json')
    .get(async (req, res) => {
      const issuer = await hostedIssuer(req);
      res.json({ keys: [await publicJwk(await deps.keyring.activeKey(issuer))] });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/issuers/:slug/credentials/:id/offer')
    .post(requireIssuer(deps.store), async (req, res) => {
      const issuer = issuerOf(res);
      // Another issuer's slug reads like its credentials do: not found.
      if (issuer.slug !== req.params.slug) throw new ProblemError('not-found', `No credential ${String(req.params.id)} issued by this API key's issuer.`);
      const id = String(req.params.id);
      const fullId = id.includes(':') ? id : `${deps.publicUrl}/credentials/${id}`;
      const offer = await createCredentialOffer(deps, issuer, fullId);
      res.status(201).set('Cache-Control', 'no-store').json(offer);
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/issuers/:slug/credential-offers/:code')
    .get(
      oauth(async (req, res) => {
        const offer = await resolveOffer(deps, await hostedIssuer(req), String(req.params.code));
        if (offer === undefined) {
          res
            .status(404)
            .set('Cache-Control', 'no-store')
            .json({ error: 'invalid_request', error_description: 'No such offer, or it was used or has expired.' });
          return;
        }
        res.set('Cache-Control', 'no-store').json(offer);
      }),
    )
    .all(methodNotAllowed('GET'));

  router
    .route('/issuers/:slug/token')
    .post(
      form,
      oauth(async (req, res) => {
        const issuer = await hostedIssuer(req);
        const token = await exchangeToken(deps, issuer, req.body, requestLike(req, issuerEndpoints(deps.publicUrl, issuer.slug).token));
        res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(token);
      }),
    )
    .all(methodNotAllowed('POST'));

  router
    .route('/issuers/:slug/nonce')
    .post(
      oauth(async (req, res) => {
        res.set('Cache-Control', 'no-store').json(await createNonce(deps, await hostedIssuer(req)));
      }),
    )
    .all(methodNotAllowed('POST'));

  router
    .route('/issuers/:slug/credential')
    .post(
      json,
      oauth(async (req, res) => {
        const issuer = await hostedIssuer(req);
        const delivered = await deliverCredential(deps, issuer, req.body, requestLike(req, issuerEndpoints(deps.publicUrl, issuer.slug).credential));
        deps.metrics.credentialIssued(delivered.format, delivered.profile);
        res.set('Cache-Control', 'no-store').json(delivered.response);
      }),
    )
    .all(methodNotAllowed('POST'));

  return router;
}

/** The library's view of the request: headers (Authorization, DPoP) and the endpoint URL. */
function requestLike(req: Request, url: string): RequestLike {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  return { headers, method: req.method as RequestLike['method'], url };
}

/**
 * OAuth 2.0 / OpenID4VCI refusals as those specs shape them: `{error, error_description}` with
 * the status the library chose, and 401 with WWW-Authenticate for a bad access token.
 */
function oauth(handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof Oauth2ServerErrorResponseError) {
        res.status(error.status).set('Cache-Control', 'no-store').json(error.errorResponse);
        return;
      }
      if (error instanceof Oauth2ResourceUnauthorizedError) {
        const [challenge] = error.wwwAuthenticateHeaders;
        res
          .status(401)
          .set({ 'Cache-Control': 'no-store', 'WWW-Authenticate': error.toHeaderValue() })
          .json({
            error: challenge?.error ?? 'invalid_token',
            ...(challenge?.error_description === undefined ? {} : { error_description: challenge.error_description }),
          });
        return;
      }
      throw error;
    }
  };
}
