import type { Clock } from '../shared/clock.js';
import { ProblemError } from '../shared/problems.js';
import { fetchRemoteDocument, type RemoteFetchOptions } from './fetch-remote-document.js';
import type { StatusListPublisher } from './publish-status-list.js';
import { parseStatusListUrl } from './status-list-urls.js';

/**
 * A fetched status list credential (a signed VC object or a compact JWT). The same
 * object is returned for as long as the source keeps the list, so a verifier may
 * remember by identity that it already checked this very document.
 */
export interface FetchedStatusList {
  readonly body: unknown;
}

/** Where the verifier gets status list credentials. */
export interface StatusListSource {
  get(url: string): Promise<FetchedStatusList>;
}

/** Foreign lists are kept at most this long, and never past their own validUntil. */
const MAX_CACHE_MS = 5 * 60_000;

/**
 * Our own lists come straight from the publisher (no HTTP to ourselves); other
 * issuers' lists from the guarded https fetcher, cached so that verifying many
 * credentials of one issuer costs one fetch per list.
 */
export function createStatusListSource(deps: {
  publicUrl: string;
  publisher: StatusListPublisher;
  clock: Clock;
  remote: RemoteFetchOptions;
}): StatusListSource {
  const cache = new Map<string, { expires: number; document: Promise<FetchedStatusList> }>();

  async function fetchForeign(url: string): Promise<FetchedStatusList> {
    const { contentType, body } = await fetchRemoteDocument(url, deps.remote);
    if (/application\/(vc\+)?jwt/.test(contentType) || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(body.trim())) return { body: body.trim() };
    try {
      return { body: JSON.parse(body) as unknown };
    } catch {
      throw new ProblemError('status-unchecked', `The status list ${url} is neither JSON nor a JWT.`);
    }
  }

  return {
    async get(url) {
      const own = parseStatusListUrl(deps.publicUrl, url);
      // The publisher returns the same PublishedList object until it re-signs.
      if (own !== undefined) return deps.publisher.get(own.listId, own.purpose, own.format);

      const now = deps.clock.now().getTime();
      const hit = cache.get(url);
      if (hit !== undefined && hit.expires > now) return hit.document;
      const document = fetchForeign(url);
      cache.set(url, { expires: now + MAX_CACHE_MS, document });
      document.then(
        (value) => {
          const validUntil = Date.parse(String((value.body as { validUntil?: unknown } | null)?.validUntil ?? ''));
          if (Number.isFinite(validUntil)) cache.set(url, { expires: Math.min(now + MAX_CACHE_MS, validUntil), document });
        },
        () => cache.delete(url),
      );
      return document;
    },
  };
}
