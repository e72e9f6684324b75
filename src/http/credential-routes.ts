import { Router } from 'express';
import { issueCredential, type IssueDeps } from '../issue/issue-credential.js';
import type { Metrics } from '../observe/metrics.js';
import { localizeReport } from '../present/localize-report.js';
import { summarizeReport } from '../present/report-summary.js';
import { ProblemError } from '../shared/problems.js';
import { verifyCredential, type VerifyDeps } from '../verify/verify-credential.js';
import { verifyPresentation } from '../verify/verify-presentation.js';
import { issuerOf, requireIssuer } from './authenticate.js';
import { idempotencyKeyOf } from './idempotency-header.js';
import { methodNotAllowed, sendProblem } from './problem-response.js';
import { readerLanguage } from './reader-language.js';
import type { PageLanguage } from '../present/i18n/messages.js';

export function createCredentialRouter(deps: IssueDeps & VerifyDeps & { metrics: Metrics }): Router {
  const router = Router();
  const authenticated = requireIssuer(deps.store);

  router
    .route('/credentials/issue')
    .post(authenticated, async (req, res) => {
      const result = await issueCredential(deps, issuerOf(res), req.body, idempotencyKeyOf(req));
      if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
      else deps.metrics.credentialIssued(result.record.format, 'generic');
      res.status(201).location(result.record.id).json({ verifiableCredential: result.verifiableCredential });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/credentials/verify')
    .post(async (req, res) => {
      // The reader's language: options.lang, else ?lang=, else Accept-Language, else English.
      const language = readerLanguage(req, (req.body as { options?: { lang?: unknown } } | undefined)?.options?.lang);
      const answer = await answerVerification(deps, req.body, language);
      res.status(answer.status).type(answer.contentType).send(answer.body);
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/presentations/verify')
    .post(async (req, res) => {
      const language = readerLanguage(req, (req.body as { options?: { lang?: unknown } } | undefined)?.options?.lang);
      const report = localizeReport(await verifyPresentation(deps, req.body), language);
      if (report.verified) {
        res.json(report);
        return;
      }
      sendProblem(res, {
        ...new ProblemError('verification-failed', 'The presentation, or a credential in it, did not verify; the checks below say which.').toProblem(),
        ...report,
      });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/credentials/:id')
    .get(authenticated, async (req, res) => {
      const id = String(req.params.id);
      const record = (await deps.store.credentials.findById(`${deps.publicUrl}/credentials/${id}`)) ?? (await deps.store.credentials.findById(id));
      // Another issuer's credential is answered exactly like a missing one: ids are not an oracle.
      if (record === undefined || record.issuerId !== issuerOf(res).id) {
        throw new ProblemError('not-found', `No credential ${id} issued by this API key's issuer.`);
      }
      // Wallet delivery (src/deliver/): the issuer sees whether each offer was picked up; its secrets are never shown again.
      const offers = (await deps.store.credentialOffers.listForCredential(record.id)).map((offer) => ({
        id: offer.id,
        createdAt: offer.createdAt,
        expiresAt: offer.expiresAt,
        used: offer.state !== 'offered',
        state: offer.state,
        ...(offer.deliveredCredentialId === undefined ? {} : { deliveredCredentialId: offer.deliveredCredentialId }),
      }));
      res.json({ verifiableCredential: record.credential, format: record.format, issuedAt: record.issuedAt, offers });
    })
    .all(methodNotAllowed('GET'));

  return router;
}

/**
 * POST /credentials/verify's answer, whichever way the request came in (this router, or the
 * verify entry that skips Express: verify-entry.ts): the full report in the reader's language.
 */
export async function answerVerification(
  deps: VerifyDeps & { metrics: Metrics },
  body: unknown,
  language: PageLanguage,
): Promise<{ status: number; contentType: string; body: string }> {
  const verified = await verifyCredential(deps, body);
  deps.metrics.verification(verified.verdict);
  // Reasons, caveats and check messages in that language, the English beside them as `detail`.
  // localizeReport returns a new object; adding to it (not `{ ...it, summary }`) spares a new hidden class per request (docs/architecture.md, Performance).
  const report = Object.assign(localizeReport(verified, language), { summary: summarizeReport(verified, language) });
  if (report.verified) return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(report) };
  // W3C VC API: a credential that does not verify is a 4xx. The body is the same full report,
  // as an RFC 9457 problem whose extension members are the report's.
  const problem = { ...new ProblemError('verification-failed', verdictSentence(report.verdict)).toProblem(), ...report };
  return { status: problem.status, contentType: 'application/problem+json; charset=utf-8', body: JSON.stringify(problem) };
}

function verdictSentence(verdict: string): string {
  return verdict === 'could-not-check'
    ? 'The credential could not be fully checked (verdict could-not-check); the checks below say what could not be checked and why.'
    : `The credential did not verify (verdict ${verdict}); the checks below say which check failed.`;
}
