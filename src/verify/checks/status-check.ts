import { decodeList, EncodedListError } from '../../status/bitstring.js';
import { issuerIdOf, type Credential } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check, type CheckResult, type VerifyContext } from '../check.js';
import { runChecks } from '../run-checks.js';
import type { FetchedStatusList, TrustedStatusList } from '../../status/trusted-status-list.js';
import { dataModelCheck } from './data-model-check.js';
import { issuerCheck } from './issuer-check.js';
import { issuerKeyCheck } from './issuer-key-check.js';
import { signatureCheck } from './signature-check.js';
import { CLOCK_SKEW_MS, validityPeriodCheck } from './validity-period-check.js';

/** A status list credential is verified like any credential, minus a status of its own. */
const LIST_CHECKS = [dataModelCheck, issuerKeyCheck, signatureCheck, issuerCheck, validityPeriodCheck];

/** Revocation and suspension need two; a little room for issuers that add more purposes. */
export const MAX_STATUS_LISTS_PER_CREDENTIAL = 4;

type EntryResult = { state: 'set' | 'clear'; purpose: string } | { state: 'unknown'; problem: ProblemError };

/**
 * Bitstring Status List: for each entry, fetch the list, verify it (proof, issuer,
 * validity), then read the bit. A list that cannot be trusted or reached gives
 * "could not check", never a false "active".
 */
export const statusCheck: Check = {
  id: 'status',
  fatal: false,
  async run(context) {
    const { credential } = parsedOf(context);
    const status = credential.credentialStatus;
    if (status === undefined) return { status: 'skipped', cause: 'not-applicable', reason: 'No status: the credential has no credentialStatus.' };
    const entries = (Array.isArray(status) ? status : [status]) as Array<Record<string, unknown>>;
    // Each distinct list is a fetch for a foreign issuer: a credential naming hundreds of
    // lists could make one public request fetch hundreds of URLs. No fetch is made then.
    const lists = new Set(entries.map((entry) => (entry !== null && typeof entry === 'object' ? entry.statusListCredential : undefined)));
    if (lists.size > MAX_STATUS_LISTS_PER_CREDENTIAL) {
      const problem = new ProblemError(
        'status-unchecked',
        `The credential names ${lists.size} status lists; this verifier checks at most ${MAX_STATUS_LISTS_PER_CREDENTIAL} per credential, so its status was not checked.`,
        { extensions: { limit: 'maxStatusLists', max: MAX_STATUS_LISTS_PER_CREDENTIAL } },
      );
      return { status: 'skipped', cause: 'could-not-check', reason: problem.message, problems: [problem] };
    }
    const results = await Promise.all(entries.map((entry) => checkEntry(context, credential, entry)));
    return summarise(results);
  },
};

async function checkEntry(context: VerifyContext, credential: Credential, entry: Record<string, unknown>): Promise<EntryResult> {
  const unknown = (detail: string) => ({ state: 'unknown' as const, problem: new ProblemError('status-unchecked', detail) });
  if (entry.type !== 'BitstringStatusListEntry')
    return unknown(`Status entries of type ${JSON.stringify(entry.type)} are not supported (only BitstringStatusListEntry).`);
  const purpose = entry.statusPurpose;
  const url = entry.statusListCredential;
  const index = Number(entry.statusListIndex);
  if (typeof purpose !== 'string' || typeof url !== 'string' || typeof entry.statusListIndex !== 'string' || !Number.isInteger(index) || index < 0) {
    return unknown('The status entry lacks a statusPurpose, a statusListCredential URL or an integer statusListIndex.');
  }
  if (context.statusLists === undefined) return unknown('Status lists are not available to this verifier.');

  let trusted: TrustedStatusList | string;
  try {
    trusted = await context.statusLists.trusted(url, (fetched) => verifyList(context, url, fetched));
  } catch (error) {
    if (error instanceof ProblemError)
      return { state: 'unknown', problem: new ProblemError('status-unchecked', error.message, { extensions: { statusListCredential: url } }) };
    throw error;
  }
  if (typeof trusted === 'string') return unknown(trusted);
  if (trusted.issuer !== issuerIdOf(credential)) {
    return unknown(`The status list ${url} is issued by ${String(trusted.issuer)}, not by the credential's issuer.`);
  }
  if (!trusted.purposes.includes(purpose)) {
    return unknown(`The status list ${url} is not a BitstringStatusList for "${purpose}".`);
  }
  if (index >= trusted.bits.length) return unknown(`Index ${index} is outside the status list ${url} (${trusted.bits.length} entries).`);
  return { state: trusted.bits.get(index) ? 'set' : 'clear', purpose };
}

/** The verified, decoded list, or why it cannot be trusted. */
async function verifyList(context: VerifyContext, url: string, fetched: FetchedStatusList): Promise<TrustedStatusList | string> {
  const listContext: VerifyContext = { input: fetched.body, now: context.now, documentLoader: context.documentLoader, didResolver: context.didResolver };
  const outcomes = await runChecks(LIST_CHECKS, listContext);
  const failed = outcomes.find((outcome) => outcome.status === 'failure' || (outcome.status === 'skipped' && outcome.cause !== 'not-applicable'));
  if (failed !== undefined && failed.status !== 'success') {
    const why = failed.status === 'failure' ? (failed.problems[0]?.detail ?? 'failed') : failed.reason;
    return `The status list ${url} cannot be trusted: its ${failed.check} check did not pass (${why}).`;
  }
  const list = listContext.parsed?.credential as Credential;
  const subject = list.credentialSubject as Record<string, unknown> | undefined;
  if (subject?.type !== 'BitstringStatusList') return `The status list ${url} is not a BitstringStatusList.`;
  let bits: TrustedStatusList['bits'];
  try {
    bits = decodeList(subject.encodedList);
  } catch (error) {
    if (error instanceof EncodedListError) return `The status list ${url} is malformed: ${error.message}`;
    throw error;
  }
  return {
    issuer: issuerIdOf(list),
    purposes: [subject.statusPurpose].flat(),
    bits,
    notBefore: typeof list.validFrom === 'string' ? Date.parse(list.validFrom) - CLOCK_SKEW_MS : -Infinity,
    notAfter: typeof list.validUntil === 'string' ? Date.parse(list.validUntil) : Infinity,
  };
}
function summarise(results: EntryResult[]): CheckResult {
  const set = results.filter((result): result is { state: 'set'; purpose: string } => result.state === 'set').map((result) => result.purpose);
  if (set.length > 0) {
    // Revocation outranks suspension: a revoked credential is reported as revoked.
    const ordered = [...set].sort((a, b) => Number(b === 'revocation') - Number(a === 'revocation'));
    return {
      status: 'failure',
      problems: ordered.map((purpose) =>
        purpose === 'revocation'
          ? new ProblemError('credential-revoked', 'The issuer has revoked this credential.')
          : purpose === 'suspension'
            ? new ProblemError('credential-suspended', 'The issuer has suspended this credential.')
            : new ProblemError('status-unchecked', `The status bit for "${purpose}" is set; this verifier does not interpret that purpose.`),
      ),
    };
  }
  const unknown = results.filter((result): result is { state: 'unknown'; problem: ProblemError } => result.state === 'unknown');
  if (unknown.length > 0) {
    return {
      status: 'skipped',
      cause: 'could-not-check',
      reason: unknown.map((result) => result.problem.message).join(' '),
      problems: unknown.map((result) => result.problem),
    };
  }
  const purposes = results.map((result) => (result.state === 'clear' ? result.purpose : '')).join(' and ');
  return { status: 'success', message: `Active: the ${purposes} status lists do not flag it.` };
}
