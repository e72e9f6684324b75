import type { DidDocument } from '../resolve/did-document.js';
import type { DidResolver } from '../resolve/did-resolver.js';
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
import { validityPeriodCheck } from './checks/validity-period-check.js';
import { runChecks } from './run-checks.js';
import { isVerified, verdictOf, type VerificationReport } from './report.js';

/** In order; the first four are fatal. */
export const CHECKS: readonly Check[] = [dataModelCheck, issuerKeyCheck, signatureCheck, issuerCheck, schemaCheck, validityPeriodCheck, statusCheck];

export interface VerifyDeps {
  contexts: ReadonlyMap<string, object>;
  didResolver: DidResolver;
  clock: Clock;
  statusLists?: StatusListSource;
}

export interface VerifyRequest {
  verifiableCredential: unknown;
  options?: Record<string, never>;
}

/** parse → data model → key → signature → issuer → schema → validity → status → report. */
export async function verifyCredential(deps: VerifyDeps, body: unknown): Promise<VerificationReport> {
  assertMatchesSchema<VerifyRequest>('verify-request', body);
  // Several checks look up the same DID; one lookup per verification is enough.
  const didResolver = memoized(deps.didResolver);
  const context: VerifyContext = {
    input: body.verifiableCredential,
    now: deps.clock.now(),
    clock: deps.clock,
    didResolver,
    documentLoader: createDocumentLoader({ contexts: deps.contexts, didResolver }),
    ...(deps.statusLists === undefined ? {} : { statusLists: deps.statusLists }),
  };
  const checks = await runChecks(CHECKS, context);
  const credential = context.parsed?.credential;
  return {
    verified: isVerified(checks),
    verdict: verdictOf(checks),
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
    checks,
  };
}

function memoized(resolver: DidResolver): DidResolver {
  const seen = new Map<string, Promise<DidDocument>>();
  return {
    resolve(did) {
      let document = seen.get(did);
      if (document === undefined) {
        document = resolver.resolve(did);
        seen.set(did, document);
      }
      return document;
    },
  };
}
