import type { DidDocument } from '../resolve/did-document.js';
import { listsMethod, type DidResolver } from '../resolve/did-resolver.js';
import { createDocumentLoader } from '../resolve/document-loader.js';
import type { Clock } from '../shared/clock.js';
import type { StatusListSource } from '../status/status-list-source.js';
import { issuerIdOf } from '../shared/credential-model.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import type { Check, VerifyContext } from './check.js';
import { dataModelCheck } from './checks/data-model-check.js';
import { issuerCheck } from './checks/issuer-check.js';
import { issuerKeyCheck } from './checks/issuer-key-check.js';
import { schemaCheck } from './checks/schema-check.js';
import { signatureCheck } from './checks/signature-check.js';
import { statusCheck } from './checks/status-check.js';
import { trustCheck } from './checks/trust-check.js';
import type { TrustRegistry } from '../trust/trust-registry.js';
import { validityPeriodCheck } from './checks/validity-period-check.js';
import { frameworkSections, resolveFrameworkOptions, type FrameworkOptions } from './framework-sections.js';
import { runChecks } from './run-checks.js';
import { isVerified, verdictOf, type CheckId, type VerificationReport } from './report.js';

/** Everything but trust: what a credential must pass to be `verified` (VC API), and all a trust list's own credentials get. */
export const CREDENTIAL_CHECKS: readonly Check[] = [dataModelCheck, issuerKeyCheck, signatureCheck, issuerCheck, schemaCheck, validityPeriodCheck, statusCheck];

/** In order; the first four are fatal; trust last, once the issuer is proven. */
export const CHECKS: readonly Check[] = [...CREDENTIAL_CHECKS, trustCheck];

export interface VerifyDeps {
  contexts: ReadonlyMap<string, object>;
  didResolver: DidResolver;
  clock: Clock;
  statusLists?: StatusListSource;
  trust?: TrustRegistry;
}

export interface VerifyRequest {
  verifiableCredential: unknown;
  options?: FrameworkOptions & { checks?: string[] };
}

/** The VC API names of checks (schemas/verify-request), as our check ids. */
const VC_API_CHECK_NAMES: Readonly<Record<string, CheckId>> = { proof: 'signature', credentialStatus: 'status', expiration: 'validity-period' };

/** parse → data model → key → signature → issuer → schema → validity → status → report (+ levels and requirements when asked). */
export async function verifyCredential(deps: VerifyDeps, body: unknown): Promise<VerificationReport> {
  assertMatchesSchema<VerifyRequest>('verify-request', body);
  // Unknown frameworks or presets are the caller's mistake: refused before any check runs.
  const asked = resolveFrameworkOptions(body.options ?? {});
  const { report, credential } = await verifyOne(deps, body.verifiableCredential);
  // Claims are evaluated only for a credential that passed every check, whatever subset `verified` is about.
  const full = { ...report, ...frameworkSections(asked, report, credential, deps.clock.now()) };
  return body.options?.checks === undefined ? full : scopedToAskedChecks(full, body.options.checks);
}

/**
 * W3C VC API `options.checks`: the caller names the checks it asks about, and `verified`
 * (hence 200 / 422) answers for those. Every check still runs and is reported, and the
 * verdict still covers all of them; `verifiedChecks` says which ones `verified` covers.
 * Each asked check rests on the fatal checks before it (a proof is only checked once the
 * credential is well formed and its key resolved; otherwise it is "not run", never a
 * success), and trust never counts, as without the option.
 */
function scopedToAskedChecks(report: VerificationReport, names: string[]): VerificationReport {
  const ids = new Set<CheckId>(names.map((name) => VC_API_CHECK_NAMES[name] ?? (name as CheckId)));
  const prerequisites = new Set<CheckId>();
  for (const outcome of report.checks) {
    if (ids.has(outcome.check)) {
      for (const earlier of report.checks.slice(0, report.checks.indexOf(outcome))) if (isFatal(earlier.check)) prerequisites.add(earlier.check);
    }
  }
  // A malformed credential is never verified, whatever was asked (the schema also refuses an empty list).
  prerequisites.add('data-model');
  const covered = report.checks.filter((outcome) => (ids.has(outcome.check) || prerequisites.has(outcome.check)) && outcome.check !== 'trust');
  return { ...report, verified: isVerified(covered), verifiedChecks: covered.map((outcome) => outcome.check) };
}

function isFatal(id: CheckId): boolean {
  return CHECKS.find((check) => check.id === id)?.fatal === true;
}

/** The checks and the parsed credential (the JWT payload for VC-JOSE), for callers that read its claims. */
export async function verifyOne(
  deps: VerifyDeps,
  input: unknown,
  checks: readonly Check[] = CHECKS,
): Promise<{ report: VerificationReport; credential?: Record<string, unknown> }> {
  // Several checks look up the same DID; one lookup per verification is enough.
  const didResolver = memoized(deps.didResolver);
  const context: VerifyContext = {
    input,
    now: deps.clock.now(),
    didResolver,
    documentLoader: createDocumentLoader({ contexts: deps.contexts, didResolver }),
    ...(deps.statusLists === undefined ? {} : { statusLists: deps.statusLists }),
    ...(deps.trust === undefined ? {} : { trust: deps.trust }),
  };
  const outcomes = await runChecks(checks, context);
  const credential = context.parsed?.credential;
  const report: VerificationReport = {
    verified: isVerified(outcomes),
    verdict: verdictOf(outcomes),
    format: context.parsed?.format ?? 'unknown',
    ...(credential === undefined
      ? {}
      : {
          credential: {
            id: typeof credential.id === 'string' ? credential.id : undefined,
            type: credential.type,
            issuer: issuerIdOf(credential),
            validFrom: typeof credential.validFrom === 'string' ? credential.validFrom : undefined,
            validUntil: typeof credential.validUntil === 'string' ? credential.validUntil : undefined,
          },
        }),
    checks: outcomes,
    ...(context.trustSummary === undefined ? {} : { trust: context.trustSummary }),
  };
  return credential === undefined ? { report } : { report, credential: credential as Record<string, unknown> };
}

function memoized(resolver: DidResolver): DidResolver {
  const seen = new Map<string, Promise<DidDocument>>();
  return {
    async resolve(did, needs) {
      const earlier = seen.get(did);
      if (earlier !== undefined) {
        // A document resolved for one proof's key may be an older copy without another proof's key: ask again for that one.
        const document = await earlier.catch(() => undefined);
        if (document === undefined || listsMethod(document, needs)) return earlier;
      }
      const document = resolver.resolve(did, needs);
      seen.set(did, document);
      return document;
    },
  };
}
