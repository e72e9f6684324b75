import { Router } from 'express';
import { verifyDossier } from '../dossier/verify-dossier.js';
import { renderDossierPage } from '../present/dossier/render-dossier-page.js';
import { PAGE_CSP } from '../present/page-assets.js';
import { ProblemError } from '../shared/problems.js';
import type { VerifyDeps } from '../verify/verify-credential.js';
import { methodNotAllowed } from './problem-response.js';
import { readerLanguage } from './reader-language.js';
import { localizeReport } from '../present/localize-report.js';

const FORMATS = ['json', 'html', 'pdf'] as const;

/** POST /dossiers/verify[?format=json|html|pdf]: one report for a whole dossier (public, rate-limited). */
export function createDossierRouter(deps: VerifyDeps): Router {
  const router = Router();
  router
    .route('/dossiers/verify')
    .post(async (req, res) => {
      const format = req.query.format ?? 'json';
      if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
        throw new ProblemError('invalid-request', `format must be one of ${FORMATS.join(', ')}.`, { pointer: '/format' });
      }
      // options.lang, else ?lang=, else Accept-Language: the page, the PDF and the JSON all follow it.
      const report = await verifyDossier(deps, req.body, readerLanguage(req, (req.body as { options?: { lang?: unknown } } | undefined)?.options?.lang));
      // Not cached anywhere: a dossier is personal data, and the passport check depends on the request.
      res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      if (format === 'html') {
        res
          .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP, 'Referrer-Policy': 'no-referrer' })
          .send(renderDossierPage(report));
        return;
      }
      if (format === 'pdf') {
        // Imported on the first PDF asked for: pdfkit, fontkit and their tables cost ~20 MB of every process otherwise.
        const pdf = await (await import('../present/dossier/dossier-pdf.js')).dossierPdf(report, deps.clock.now());
        res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': 'inline; filename="dossier-report.pdf"' }).send(pdf);
        return;
      }
      res.json(localizeReport(report, report.lang));
    })
    .all(methodNotAllowed('POST'));
  return router;
}
