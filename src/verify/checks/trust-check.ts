import { claimsOf } from '../../ob3/claims.js';
import { frameworkRegistry } from '../../frameworks/registry.js';
import { issuerIdOf } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import { describeScope, outOfScopeReasons } from '../../trust/evaluate-scope.js';
import type { TrustEntry } from '../../trust/trust-entry.js';
import { parsedOf, type Check } from '../check.js';
import type { TrustSummary } from '../report.js';

/**
 * Who vouches for the issuer: an entry of a trust list signed by an anchor, of the
 * operator, or a recognition granted here, valid now and covering this credential.
 * Runs after the signature (only a proven issuer is looked up) and is never fatal:
 * `verified` keeps its VC API meaning, the verdict carries the trust outcome.
 */
export const trustCheck: Check = {
  id: 'trust',
  fatal: false,
  async run(context) {
    const credential = parsedOf(context).credential;
    const issuer = issuerIdOf(credential) as string;
    if (context.trust === undefined) {
      context.trustSummary = { tier: 'unknown', recognized: false };
      return { status: 'skipped', cause: 'not-recognized', reason: 'This service uses no trust registry, so no authority vouches for any issuer here.' };
    }
    const [{ entries, unavailable }, hosted] = await Promise.all([context.trust.lookup(issuer), context.trust.hostedIssuer(issuer)]);
    const now = context.now.getTime();
    // The claims are read only for an entry whose scope has to be judged (none, for most issuers).
    let claims: ReturnType<typeof claimsOf> | undefined;
    const registry = frameworkRegistry();
    const judged = entries.map((entry) => ({
      entry,
      reasons: entryReasons(entry, now, () => outOfScopeReasons(entry.scope, (claims ??= claimsOf(credential)), registry)),
    }));
    const good = judged.find((candidate) => candidate.reasons.length === 0)?.entry;
    if (good !== undefined) {
      context.trustSummary = summaryOf(good);
      const names = Object.values(good.legalName);
      return {
        status: 'success',
        message: `Recognized by ${authorityLabel(good)} (${sourceLabel(good)}) to issue ${describeScope(good.scope)}${names.length === 0 ? '' : `; recognized legal name: ${names.join(' / ')}`}.`,
      };
    }
    const tier: TrustSummary['tier'] = entries.length > 0 ? 'accredited' : hosted !== undefined ? 'registered' : 'unknown';
    context.trustSummary = { tier, recognized: false };
    if (judged.length > 0) {
      const details = judged.map(({ entry, reasons }) => `${authorityLabel(entry)} (${sourceLabel(entry)}): ${reasons.join('; ')}`);
      return {
        status: 'failure',
        problems: [new ProblemError('issuer-out-of-scope', `The issuer is recognized, but not for this credential. ${details.join(' | ')}.`)],
      };
    }
    if (unavailable.length > 0) {
      return {
        status: 'skipped',
        cause: 'could-not-check',
        reason: `No entry names ${issuer}, but ${unavailable.length === 1 ? 'the trust list' : 'trust lists'} ${unavailable.join(', ')} could not be fetched and ${unavailable.length === 1 ? 'has' : 'have'} no valid copy.`,
        problems: [new ProblemError('trust-unchecked', `Trust lists unavailable: ${unavailable.join(', ')}.`, { extensions: { lists: unavailable } })],
      };
    }
    return {
      status: 'skipped',
      cause: 'not-recognized',
      reason:
        hosted !== undefined
          ? `${issuer} is registered on this service (the operator knows it), but no authority this service trusts recognizes it; the names it gives itself are its own claims.`
          : `No trust list or entry this service uses names ${issuer}; the names it gives itself are its own claims.`,
    };
  },
};

function entryReasons(entry: TrustEntry, now: number, scopeReasons: () => string[]): string[] {
  if (entry.withdrawn !== undefined) return [`the recognition was withdrawn: ${entry.withdrawn.reason}`];
  if (entry.validUntil !== undefined && Date.parse(entry.validUntil) < now) return [`the recognition expired on ${entry.validUntil}`];
  if (entry.validFrom !== undefined && Date.parse(entry.validFrom) > now) return [`the recognition starts on ${entry.validFrom}`];
  return scopeReasons();
}

function authorityLabel(entry: TrustEntry): string {
  return entry.recognizedBy.name === undefined ? entry.recognizedBy.id : `${entry.recognizedBy.name} (${entry.recognizedBy.id})`;
}

function sourceLabel(entry: TrustEntry): string {
  switch (entry.source.kind) {
    case 'list':
      return `trust list ${entry.source.url}`;
    case 'operator':
      return "this service's operator";
    case 'hosted':
      return 'a recognition granted on this service';
  }
}

function summaryOf(entry: TrustEntry): TrustSummary {
  return {
    tier: 'accredited',
    recognized: true,
    legalName: entry.legalName,
    recognizedBy: entry.recognizedBy,
    source: entry.source.kind === 'list' ? entry.source.url : entry.source.kind,
    scope: describeScope(entry.scope),
    ...(entry.scope.examBrands === undefined ? {} : { examBrands: entry.scope.examBrands }),
    ...(entry.validUntil === undefined ? {} : { validUntil: entry.validUntil }),
  };
}
