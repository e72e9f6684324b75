import express, { Router, type Response } from 'express';
import { negotiateLanguage } from '../present/i18n/messages.js';
import { PAGE_CSP } from '../present/page-assets.js';
import { qrContent, QR_MAX_VERSION, type QrMedium } from '../present/qr/qr-content.js';
import { qrPng, qrSvg } from '../present/qr/qr-image.js';
import { pastePage, presentedCredentialPage, storedCredentialPage, type PageDeps, type RenderedPage } from '../present/verification-page.js';
import { ProblemError } from '../shared/problems.js';
import type { CredentialRecord } from '../store/ports.js';
import { methodNotAllowed } from './problem-response.js';

/**
 * Public by design: the page, the QR code and the certificate of a credential are readable
 * by anyone who has its id (an unguessable UUID, printed on the paper), as the paper itself
 * is. They show display fields only (docs/qr-payload.md, "Who may read").
 */
export function createVerificationPageRouter(
  deps: PageDeps & {
    /** The offer URI of an open wallet offer of the credential (src/deliver/), for `certificate.pdf?offer=<code>`. */
    walletOfferUri?: (record: CredentialRecord, code: string) => Promise<string | undefined>;
  },
): Router {
  const router = Router();
  // Forms post url-encoded; mounted before the JSON-only guard, and only on these routes.
  const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 10 });

  const sendPage = (res: Response, page: RenderedPage) => {
    res
      .status(page.status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PAGE_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
        Vary: 'Accept-Language',
      })
      .send(page.html);
  };
  const languageOf = (query: unknown, accept: string | undefined) => negotiateLanguage(query, accept);
  const requireForm = (contentType: string | undefined) => {
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
      throw new ProblemError('unsupported-media-type', 'This form takes application/x-www-form-urlencoded; use POST /credentials/verify for JSON.');
    }
  };

  router
    .route('/v')
    .get((req, res) => {
      sendPage(res, pastePage(languageOf(req.query.lang, req.get('accept-language'))));
    })
    .post(form, async (req, res) => {
      requireForm(req.get('content-type'));
      sendPage(res, await presentedCredentialPage(deps, req.body ?? {}, languageOf(req.query.lang, req.get('accept-language'))));
    })
    .all(methodNotAllowed('GET', 'POST'));

  router
    .route('/v/:id')
    .get(async (req, res) => {
      sendPage(res, await storedCredentialPage(deps, String(req.params.id), languageOf(req.query.lang, req.get('accept-language'))));
    })
    .post(form, async (req, res) => {
      requireForm(req.get('content-type'));
      sendPage(res, await presentedCredentialPage(deps, req.body ?? {}, languageOf(req.query.lang, req.get('accept-language')), String(req.params.id)));
    })
    .all(methodNotAllowed('GET', 'POST'));

  const findRecord = async (id: string): Promise<CredentialRecord> => {
    const record = /^[A-Za-z0-9._~-]{1,128}$/.test(id) ? await deps.store.credentials.findById(`${deps.publicUrl}/credentials/${id}`) : undefined;
    if (record === undefined) throw new ProblemError('not-found', `No credential ${id}.`);
    return record;
  };
  const mediumOf = (value: unknown): QrMedium => {
    if (value === undefined) return 'print3cm';
    if (typeof value === 'string' && value in QR_MAX_VERSION) return value as QrMedium;
    throw new ProblemError('invalid-request', `"for" must be one of ${Object.keys(QR_MAX_VERSION).join(', ')}.`, { pointer: '/query/for' });
  };
  const publicHeaders = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=300', 'Referrer-Policy': 'no-referrer' };

  router
    .route('/credentials/:id/qr.svg')
    .get(async (req, res) => {
      const content = qrContent(deps.publicUrl, await findRecord(String(req.params.id)), mediumOf(req.query.for));
      res
        .set({ ...publicHeaders, 'Content-Type': 'image/svg+xml', 'X-QR-Carries-Credential': String(content.carriesCredential) })
        .send(await qrSvg(content.text));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/credentials/:id/qr.png')
    .get(async (req, res) => {
      const content = qrContent(deps.publicUrl, await findRecord(String(req.params.id)), mediumOf(req.query.for));
      res.set({ ...publicHeaders, 'Content-Type': 'image/png', 'X-QR-Carries-Credential': String(content.carriesCredential) }).send(await qrPng(content.text));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/credentials/:id/certificate.pdf')
    .get(async (req, res) => {
      const record = await findRecord(String(req.params.id));
      // A printed certificate outlives any later check: none is printed for a withdrawn credential.
      const state = await deps.store.status.stateOf(record.id);
      if (state.revoked || state.suspended) {
        throw new ProblemError(
          'conflict',
          `Credential ${record.id} is ${state.revoked ? 'revoked' : 'suspended'}, so no certificate is printed for it; its verification page says so.`,
        );
      }
      // ?offer=<code>: the school prints the wallet offer on the certificate it hands over with the PIN.
      const code = req.query.offer;
      let walletOffer: string | undefined;
      if (code !== undefined) {
        walletOffer = typeof code === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(code) ? await deps.walletOfferUri?.(record, code) : undefined;
        if (walletOffer === undefined) throw new ProblemError('not-found', 'No open wallet offer of this credential has that code (used, expired or unknown).');
      }
      // Imported on the first PDF asked for: pdfkit, fontkit and their tables cost ~20 MB of every process otherwise.
      const pdf = await (await import('../present/certificate/certificate-pdf.js')).certificatePdf(deps, record, walletOffer);
      res
        .set({
          ...publicHeaders,
          ...(walletOffer === undefined ? {} : { 'Cache-Control': 'no-store' }),
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="certificate-${String(req.params.id)}.pdf"`,
        })
        .send(pdf);
    })
    .all(methodNotAllowed('GET'));

  return router;
}
