import { readFile, stat } from 'node:fs/promises';
import { guardedFetch, OutboundFetchError, type RemoteFetchOptions } from '../resolve/guarded-fetch.js';
import { assertWithinJsonLimits } from '../shared/json-limits.js';
import { entriesOfListCredential, type TrustEntry } from './trust-entry.js';

/** Bounds on a subscribed list, all enforced here. */
export const TRUST_LIST_LIMITS = {
  maxBytes: 2_000_000,
  /** Credentials read from one list document. */
  maxCredentials: 500,
  /** A verified copy is used at most this long after it was fetched, and never past its own validUntil. */
  maxCopyAgeMs: 7 * 24 * 3600_000,
} as const;

/** What the verifier says about one credential of a list (verify-credential without the trust check). */
export interface ListCredentialVerdict {
  verified: boolean;
  verdict: string;
  issuer?: string | undefined;
  issuerName?: string | undefined;
  validUntil?: string | undefined;
  /** The credential as signed (the JWT payload for VC-JOSE). */
  credential?: Record<string, unknown> | undefined;
}

export type VerifyListCredential = (credential: unknown) => Promise<ListCredentialVerdict>;

export interface ListCopy {
  entries: TrustEntry[];
  fetchedAt: number;
  usableUntil: number;
  /** Who signed the credentials used, for GET /trust. */
  signers: string[];
}

export interface ListState {
  source: string;
  copy?: ListCopy;
  lastAttempt?: number;
  lastError?: string;
  warnings: string[];
}

/**
 * One subscribed list (an https URL through the guarded fetcher, or a file): a
 * RecognizedEntityCredential, or a VerifiablePresentation carrying several (one per
 * recognition, each with its own status entry, so one can be withdrawn alone). Each
 * credential is verified like any other, and used only when an anchor signed it.
 */
export async function refreshList(
  state: ListState,
  deps: { anchors: readonly string[]; remote: RemoteFetchOptions; verify: VerifyListCredential; now: () => number },
): Promise<void> {
  const now = deps.now();
  state.lastAttempt = now;
  let document: unknown;
  try {
    document = await load(state.source, deps.remote);
  } catch (error) {
    const why = error instanceof OutboundFetchError ? error.why : (error as Error).message;
    state.lastError = `could not be read: ${why}`;
    return;
  }
  const credentials = credentialsOf(document);
  if (typeof credentials === 'string') {
    state.lastError = credentials;
    return;
  }
  const warnings: string[] = [];
  const entries: TrustEntry[] = [];
  const signers = new Set<string>();
  let usableUntil = now + TRUST_LIST_LIMITS.maxCopyAgeMs;
  for (const [index, credential] of credentials.entries()) {
    const label = `credential ${index + 1} of ${state.source}`;
    const result = await deps.verify(credential);
    if (result.issuer === undefined || result.credential === undefined) {
      warnings.push(`${label} was ignored: it could not be read (${result.verdict}).`);
      continue;
    }
    if (!deps.anchors.includes(result.issuer)) {
      warnings.push(`${label} was ignored: it is signed by ${result.issuer}, which is not one of this service's trust anchors (TRUST_ANCHORS).`);
      continue;
    }
    const types = result.credential.type;
    if (!(Array.isArray(types) ? types : [types]).includes('RecognizedEntityCredential')) {
      warnings.push(`${label} was ignored: it is not a RecognizedEntityCredential.`);
      continue;
    }
    const source = {
      kind: 'list' as const,
      url: state.source,
      ...(typeof result.credential.id === 'string' ? { listCredentialId: result.credential.id } : {}),
    };
    const parsed = entriesOfListCredential(result.credential, source, {
      id: result.issuer,
      ...(result.issuerName === undefined ? {} : { name: result.issuerName }),
    });
    warnings.push(...parsed.skipped.map((why) => `An entry was skipped: ${why}.`));
    if (result.verified) {
      signers.add(result.issuer);
      entries.push(...parsed.entries);
      if (result.validUntil !== undefined) usableUntil = Math.min(usableUntil, Date.parse(result.validUntil));
    } else if (result.verdict === 'revoked' || result.verdict === 'expired') {
      // Authentic and signed by an anchor, but withdrawn or lapsed: kept, so a report can say so.
      const reason = result.verdict === 'revoked' ? 'its authority revoked the recognition (status list)' : 'the recognition credential has expired';
      entries.push(...parsed.entries.map((entry) => ({ ...entry, withdrawn: { reason } })));
    } else {
      warnings.push(`${label} was ignored: verification gave "${result.verdict}".`);
    }
  }
  state.copy = { entries, fetchedAt: now, usableUntil, signers: [...signers] };
  state.warnings = warnings;
  delete state.lastError;
}

/** The copy, if one may still be used at `now`. */
export function usableCopy(state: ListState, now: number): ListCopy | undefined {
  return state.copy !== undefined && now < state.copy.usableUntil ? state.copy : undefined;
}

async function load(source: string, remote: RemoteFetchOptions): Promise<unknown> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    text = (
      await guardedFetch(source, { ...remote, maxBytes: TRUST_LIST_LIMITS.maxBytes }, 'application/vp+ld+json, application/vc+ld+json, application/json;q=0.9')
    ).body;
  } else {
    const path = source.startsWith('file://') ? new URL(source) : source;
    if ((await stat(path)).size > TRUST_LIST_LIMITS.maxBytes) throw new Error(`the file is larger than ${TRUST_LIST_LIMITS.maxBytes} bytes`);
    text = await readFile(path, 'utf8');
  }
  const trimmed = text.trim();
  // A VC-JOSE list is a compact JWS: the verifier reads it as is.
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed)) return trimmed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('it is neither JSON nor a JWT');
  }
  assertWithinJsonLimits(parsed);
  return parsed;
}

function credentialsOf(document: unknown): unknown[] | string {
  if (typeof document === 'string') return [document];
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return 'is not a credential or a presentation';
  const record = document as Record<string, unknown>;
  const types = Array.isArray(record.type) ? record.type : [record.type];
  if (!types.includes('VerifiablePresentation')) return [record];
  const carried =
    record.verifiableCredential === undefined ? [] : Array.isArray(record.verifiableCredential) ? record.verifiableCredential : [record.verifiableCredential];
  if (carried.length > TRUST_LIST_LIMITS.maxCredentials) return `carries ${carried.length} credentials, more than ${TRUST_LIST_LIMITS.maxCredentials}`;
  return carried;
}
