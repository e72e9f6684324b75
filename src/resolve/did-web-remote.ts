import { LRUCache } from 'lru-cache';
import type { Clock } from '../shared/clock.js';
import { assertWithinJsonLimits } from '../shared/json-limits.js';
import { ProblemError } from '../shared/problems.js';
import { DID_DOCUMENT_CONTEXTS, type DidDocument, type VerificationMethod } from './did-document.js';
import { guardedFetch, OutboundFetchError, type RemoteFetchOptions } from './guarded-fetch.js';

/**
 * did:web of other hosts (another Passerelle instance, a ministry, a DCC issuer), fetched
 * through the one guarded fetcher and cached by the server's Cache-Control. When the
 * host cannot be reached, a copy past its freshness is still used for a bounded window
 * (stale-on-error), so a short outage does not turn every credential into "could not check".
 */
export const DID_WEB_CACHE = {
  /** Freshness when the server sends no max-age. */
  defaultMaxAgeMs: 5 * 60_000,
  /** Bounds on the server's max-age: a key rotation shows within a day at most. */
  minMaxAgeMs: 30_000,
  maxMaxAgeMs: 24 * 3600_000,
  /** How long past its freshness a copy may stand in for an unreachable host. */
  staleOnErrorMs: 24 * 3600_000,
  maxEntries: 1000,
  maxBytes: 200_000,
} as const;

export type RemoteDidResolver = (did: string) => Promise<DidDocument>;

interface CachedDocument {
  document: DidDocument;
  freshUntil: number;
  staleUntil: number;
}

/** did:web:host%3Aport:path:segments → https://host:port/path/segments/did.json (did:web §3.2). */
export function didWebUrl(did: string): string | undefined {
  const parts = did.split(':');
  if (parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'web') return undefined;
  const [host, ...path] = parts.slice(2).map((part) => decodeURIComponent(part));
  if (host === undefined || host === '' || /[/?#@\s]/.test(host) || path.some((segment) => segment === '' || /[/?#\s]/.test(segment))) return undefined;
  const pathname = path.length === 0 ? '/.well-known/did.json' : `/${path.map(encodeURIComponent).join('/')}/did.json`;
  try {
    return new URL(`https://${host}${pathname}`).href;
  } catch {
    return undefined;
  }
}

export function createRemoteDidWebResolver(deps: { remote: RemoteFetchOptions; clock: Clock }): RemoteDidResolver {
  const cache = new LRUCache<string, CachedDocument>({ max: DID_WEB_CACHE.maxEntries });
  const inFlight = new Map<string, Promise<DidDocument>>();

  async function fetchAndCache(did: string, url: string, stale: CachedDocument | undefined): Promise<DidDocument> {
    let fetched;
    try {
      fetched = await guardedFetch(
        url,
        { ...deps.remote, maxBytes: Math.min(deps.remote.maxBytes, DID_WEB_CACHE.maxBytes) },
        'application/did+json, application/json;q=0.9',
      );
    } catch (error) {
      if (!(error instanceof OutboundFetchError)) throw error;
      if (stale !== undefined && deps.clock.now().getTime() < stale.staleUntil) return stale.document;
      throw unresolved(did, url, `the DID document could not be fetched: ${error.why}`);
    }
    const document = parseDidDocument(did, url, fetched.body);
    const now = deps.clock.now().getTime();
    const maxAge = maxAgeMs(fetched.cacheControl);
    cache.set(did, { document, freshUntil: now + maxAge, staleUntil: now + maxAge + DID_WEB_CACHE.staleOnErrorMs });
    return document;
  }

  return async (did) => {
    const url = didWebUrl(did);
    if (url === undefined) throw unresolved(did, undefined, 'it is not a well-formed did:web identifier');
    const cached = cache.get(did);
    if (cached !== undefined && deps.clock.now().getTime() < cached.freshUntil) return cached.document;
    let pending = inFlight.get(did);
    if (pending === undefined) {
      pending = fetchAndCache(did, url, cached).finally(() => inFlight.delete(did));
      inFlight.set(did, pending);
    }
    return pending;
  };
}

/** max-age from Cache-Control, within bounds; no-store / no-cache mean the shortest freshness. */
function maxAgeMs(cacheControl: string): number {
  if (/\bno-(store|cache)\b/i.test(cacheControl)) return DID_WEB_CACHE.minMaxAgeMs;
  const match = /\bmax-age=(\d+)/i.exec(cacheControl);
  if (match === null) return DID_WEB_CACHE.defaultMaxAgeMs;
  return Math.min(DID_WEB_CACHE.maxMaxAgeMs, Math.max(DID_WEB_CACHE.minMaxAgeMs, Number(match[1]) * 1000));
}

/**
 * Keeps only what verification reads, under our own DID contexts: the document's id must
 * be the DID asked for, every method must belong to it, and relationships become lists
 * of method ids (embedded methods are moved into verificationMethod).
 */
function parseDidDocument(did: string, url: string, body: string): DidDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw unresolved(did, url, 'the DID document is not JSON');
  }
  try {
    assertWithinJsonLimits(raw);
  } catch (error) {
    throw unresolved(did, url, `the DID document is too large or too deep (${(error as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw unresolved(did, url, 'the DID document is not a JSON object');
  const record = raw as Record<string, unknown>;
  if (record.id !== did) throw unresolved(did, url, `the document served there is for ${JSON.stringify(record.id)}, not ${did}`);
  const methods = new Map<string, VerificationMethod>();
  const addMethod = (value: unknown): string | undefined => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const method = value as Record<string, unknown>;
    if (typeof method.id !== 'string' || typeof method.type !== 'string' || typeof method.controller !== 'string') return undefined;
    const id = method.id.startsWith('#') ? did + method.id : method.id;
    if (!id.startsWith(`${did}#`)) return undefined;
    const { '@context': _context, ...rest } = method;
    methods.set(id, { ...rest, id } as VerificationMethod);
    return id;
  };
  for (const method of asArray(record.verificationMethod)) addMethod(method);
  const relationship = (name: string): string[] =>
    asArray(record[name]).flatMap((entry) => {
      if (typeof entry === 'string') return [entry.startsWith('#') ? did + entry : entry];
      const id = addMethod(entry);
      return id === undefined ? [] : [id];
    });
  const assertionMethod = relationship('assertionMethod');
  const authentication = relationship('authentication');
  if (methods.size === 0) throw unresolved(did, url, 'the DID document names no verification method of its own');
  return { '@context': [...DID_DOCUMENT_CONTEXTS], id: did, verificationMethod: [...methods.values()], assertionMethod, authentication };
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function unresolved(did: string, url: string | undefined, why: string): ProblemError {
  return new ProblemError('issuer-unresolved', `${did} could not be resolved: ${why}.`, {
    extensions: { did, ...(url === undefined ? {} : { didDocumentUrl: url }) },
  });
}
