import { LRUCache } from 'lru-cache';
import type { Clock } from '../shared/clock.js';
import { ProblemError } from '../shared/problems.js';
import { guardedFetch, OutboundFetchError, type RemoteFetchOptions } from '../resolve/guarded-fetch.js';
import type { StatusListPublisher } from './publish-status-list.js';
import { parseStatusListUrl } from './status-list-urls.js';
import type { FetchedStatusList, TrustedStatusList, VerifyStatusList } from './trusted-status-list.js';

export type { FetchedStatusList, TrustedStatusList, VerifyStatusList } from './trusted-status-list.js';

/** Where the verifier gets status lists: verified and decoded, or why not. */
export interface StatusListSource {
  /** The list at `url`, checked by `verify`; a string says why it cannot be trusted. Throws a ProblemError when unreachable. */
  trusted(url: string, verify: VerifyStatusList): Promise<TrustedStatusList | string>;
}

/** Bounds on what other issuers' lists can cost us; every one is enforced in this file. */
export const FOREIGN_LIST_LIMITS = {
  /** A verified list is reused at most this long, and never past its own validUntil. */
  maxAgeMs: 5 * 60_000,
  /** Verified, decoded lists kept (least recently used first out). */
  maxEntries: 500,
  /** Their decoded bitstrings, in bytes (a 131,072-entry list is 16 KiB). */
  maxBytes: 32 * 1024 * 1024,
  /** Foreign fetches in flight at once, across all requests; the rest wait. */
  maxConcurrentFetches: 8,
} as const;

/**
 * Our own lists come straight from the publisher (no HTTP to ourselves); other issuers'
 * lists from the guarded https fetcher. Only what passed `verify` is kept, decoded, in a
 * bounded LRU: a raw document (possibly a large unsigned one) is dropped once checked.
 * Concurrent requests for one URL share one fetch, and a global limit caps fetches in flight.
 */
export function createStatusListSource(deps: {
  publicUrl: string;
  publisher: StatusListPublisher;
  clock: Clock;
  remote: RemoteFetchOptions;
  /** Counts for the metrics endpoint, when there is one. */
  onForeignLookup?: (outcome: 'cache-hit' | 'fetched' | 'failed') => void;
}): StatusListSource {
  const verified = new LRUCache<string, TrustedStatusList>({
    max: FOREIGN_LIST_LIMITS.maxEntries,
    maxSize: FOREIGN_LIST_LIMITS.maxBytes,
    sizeCalculation: (list) => Math.max(1, Math.ceil(list.bits.length / 8)),
    ttl: FOREIGN_LIST_LIMITS.maxAgeMs,
    ttlAutopurge: false,
    perf: { now: () => deps.clock.now().getTime() },
  });
  const inFlight = new Map<string, Promise<TrustedStatusList | string>>();
  const ownVerified = new WeakMap<object, TrustedStatusList>();
  const slots = createSemaphore(FOREIGN_LIST_LIMITS.maxConcurrentFetches, deps.remote.timeoutMs);

  async function fetchForeign(url: string): Promise<FetchedStatusList> {
    const { contentType, body } = await slots
      .run(() => guardedFetch(url, deps.remote, 'application/vc+ld+json, application/vc+jwt, application/json;q=0.9'))
      .catch((error: unknown) => {
        if (error instanceof OutboundFetchError)
          throw new ProblemError('status-unchecked', `The status list ${url} could not be fetched: ${error.why}.`, {
            extensions: { statusListCredential: url },
          });
        throw error;
      });
    if (/application\/(vc\+)?jwt/.test(contentType) || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(body.trim())) return { body: body.trim() };
    try {
      return { body: JSON.parse(body) as unknown };
    } catch {
      throw new ProblemError('status-unchecked', `The status list ${url} is neither JSON nor a JWT.`);
    }
  }

  async function fetchAndVerify(url: string, verify: VerifyStatusList): Promise<TrustedStatusList | string> {
    let fetched: FetchedStatusList;
    try {
      fetched = await fetchForeign(url);
    } catch (error) {
      deps.onForeignLookup?.('failed');
      throw error;
    }
    deps.onForeignLookup?.('fetched');
    const trusted = await verify(fetched);
    if (typeof trusted !== 'string') {
      const now = deps.clock.now().getTime();
      const ttl = Math.min(FOREIGN_LIST_LIMITS.maxAgeMs, trusted.notAfter - now);
      if (ttl > 0) verified.set(url, trusted, { ttl });
    }
    return trusted;
  }

  return {
    async trusted(url, verify) {
      const own = parseStatusListUrl(deps.publicUrl, url);
      if (own !== undefined) {
        // The publisher returns the same object until it re-signs (after a status change),
        // so a list is verified once per version.
        const published = await deps.publisher.get(own.listId, own.purpose, own.format);
        const now = deps.clock.now().getTime();
        const remembered = ownVerified.get(published);
        if (remembered !== undefined && remembered.notBefore <= now && now < remembered.notAfter) return remembered;
        const trusted = await verify(published);
        if (typeof trusted !== 'string') ownVerified.set(published, trusted);
        return trusted;
      }

      const now = deps.clock.now().getTime();
      const hit = verified.get(url);
      if (hit !== undefined && hit.notBefore <= now && now < hit.notAfter) {
        deps.onForeignLookup?.('cache-hit');
        return hit;
      }
      let pending = inFlight.get(url);
      if (pending === undefined) {
        pending = fetchAndVerify(url, verify).finally(() => inFlight.delete(url));
        inFlight.set(url, pending);
      }
      return pending;
    },
  };
}

/** At most `limit` tasks at once; a task that waits longer than `maxWaitMs` for a slot is refused. */
function createSemaphore(limit: number, maxWaitMs: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < limit) running += 1;
      else {
        // A finishing task hands its slot straight to the first waiter, so `running` never exceeds `limit`.
        await new Promise<void>((resolve, reject) => {
          const wake = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            waiting.splice(waiting.indexOf(wake), 1);
            reject(new ProblemError('status-unchecked', 'Too many status lists are being fetched right now; try again shortly.'));
          }, maxWaitMs);
          waiting.push(wake);
        });
      }
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next === undefined) running -= 1;
        else next();
      }
    },
  };
}
