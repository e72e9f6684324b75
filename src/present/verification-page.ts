import { ProblemError } from '../shared/problems.js';
import type { IssuerRecord, Store } from '../store/ports.js';
import { parseVerifiable } from '../verify/parse-input.js';
import type { TrustRegistry } from '../trust/trust-registry.js';
import type { VerificationReport } from '../verify/report.js';
import { verifyCredential, type VerifyDeps } from '../verify/verify-credential.js';
import { viewCredential } from './credential-view.js';
import { viewerFrameworks } from './viewer-frameworks.js';
import type { PageLanguage } from './i18n/messages.js';
import { decodeQrPayload } from './qr/qr-payload.js';
import { renderPage, type PageModel } from './render-page.js';

export interface PageDeps extends VerifyDeps {
  store: Store;
  /** Required here: the page names a hosted issuer through the registry's short-lived cache of hosted issuers. */
  trust: TrustRegistry;
  publicUrl: string;
}

export interface RenderedPage {
  status: number;
  html: string;
}

const AUTHENTICITY_CHECKS = ['data-model', 'issuer-key', 'signature', 'issuer'] as const;

/** Page ids are the last segment of credential ids this service mints (UUIDs). */
const PAGE_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/** GET /v/:id — the stored credential, verified now (its status may have changed since issue). */
export async function storedCredentialPage(deps: PageDeps, pageId: string, language: PageLanguage): Promise<RenderedPage> {
  const record = PAGE_ID.test(pageId) ? await deps.store.credentials.findById(`${deps.publicUrl}/credentials/${pageId}`) : undefined;
  // Not found still renders the carried-credential form: the QR fragment may hold the credential.
  if (record === undefined) return { status: 404, html: renderPage({ language, verdict: 'not-found', ...(PAGE_ID.test(pageId) ? { pageId } : {}) }) };
  return { status: 200, html: await verifiedPage(deps, record.credential, language, { pageId, printable: true }) };
}

/** GET /v — only the paste form; where the language links of a pasted result lead. */
export function pastePage(language: PageLanguage): RenderedPage {
  return { status: 200, html: renderPage({ language }) };
}

/** POST /v(/:id) — a credential the visitor holds: carried in the QR fragment (`vc`) or pasted (`credential`). */
export async function presentedCredentialPage(
  deps: PageDeps,
  form: { vc?: unknown; credential?: unknown },
  language: PageLanguage,
  pageId?: string,
): Promise<RenderedPage> {
  const carried = typeof form.vc === 'string' && form.vc !== '';
  const page = pageId !== undefined && PAGE_ID.test(pageId) ? { pageId } : {};
  let input: unknown;
  try {
    input = carried ? carriedInput(form.vc as string) : pastedInput(form.credential);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    // The payload could not be decoded: a damaged code is not a forged credential.
    return { status: 200, html: renderPage({ language, verdict: carried ? 'unreadable' : 'malformed', carried, ...page }) };
  }
  const printable = page.pageId !== undefined && (await storedRecordExists(deps, page.pageId));
  const switcher = carried && page.pageId !== undefined ? { carriedPayload: form.vc as string } : {};
  return { status: 200, html: await verifiedPage(deps, input, language, { ...page, carried, printable, ...switcher }) };
}

async function verifiedPage(deps: PageDeps, input: unknown, language: PageLanguage, extra: Partial<PageModel>): Promise<string> {
  const report: VerificationReport = await verifyCredential(deps, {
    verifiableCredential: input,
    options: { frameworks: viewerFrameworks(language), lang: language },
  });
  // What the credential says (and the registered name of the issuer it names) is shown only once
  // its structure, key, signature and issuer all hold: a forged text must not look official, and a
  // valid signature by another key must not borrow a hosted institution's name.
  const authentic = AUTHENTICITY_CHECKS.every((id) => report.checks.some((outcome) => outcome.check === id && outcome.status === 'success'));
  const credential = authentic ? parseVerifiable(input).credential : undefined;
  const issuer = credential === undefined ? undefined : await issuerRecord(deps.trust, report.credential?.issuer);
  return renderPage({
    language,
    verdict: report.verdict,
    checks: report.checks,
    ...(report.trust === undefined ? {} : { trust: report.trust }),
    ...(credential === undefined ? {} : { view: viewCredential(credential, language, issuer) }),
    ...(report.levels === undefined ? {} : { levels: report.levels }),
    ...extra,
  });
}

function carriedInput(payload: string): unknown {
  const carried = decodeQrPayload(payload);
  return carried.kind === 'jwt' ? carried.jwt : carried.credential;
}

function pastedInput(text: unknown): unknown {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') throw new ProblemError('malformed-credential', 'Nothing was pasted.', { pointer: '/credential' });
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    throw new ProblemError('malformed-credential', 'The pasted text is neither JSON nor a JWT.', { pointer: '/credential' });
  }
}

/** The issuer's display names, when it is one of ours; a foreign issuer shows what its credential says. */
async function issuerRecord(trust: TrustRegistry, did: string | undefined): Promise<IssuerRecord | undefined> {
  if (did === undefined) return undefined;
  try {
    return await trust.hostedIssuer(did);
  } catch {
    return undefined; // the page still verifies without the issuer database
  }
}

async function storedRecordExists(deps: PageDeps, pageId: string): Promise<boolean> {
  try {
    return (await deps.store.credentials.findById(`${deps.publicUrl}/credentials/${pageId}`)) !== undefined;
  } catch {
    return false; // the database is unreachable: the carried credential is still checked
  }
}
