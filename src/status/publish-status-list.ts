import { LRUCache } from 'lru-cache';
import type { DocumentLoader } from '../resolve/document-loader.js';
import { isoSeconds, type Clock } from '../shared/clock.js';
import { ProblemError } from '../shared/problems.js';
import { signDataIntegrity } from '../sign/data-integrity-signer.js';
import { signVcJwt } from '../sign/jose-signer.js';
import type { Keyring } from '../sign/keyring.js';
import type { CredentialFormat, StatusListRecord, StatusPurpose, Store } from '../store/ports.js';
import { encodeList } from './bitstring.js';
import { indexForOrdinal } from './position-permutation.js';
import { statusListUrl } from './status-list-urls.js';

export interface PublishedList {
  /** A DI credential (JSON), or a compact JWT. */
  body: Record<string, unknown> | string;
  contentType: string;
  validUntil: Date;
}

export interface StatusListPublisher {
  get(listId: string, purpose: StatusPurpose, format: CredentialFormat): Promise<PublishedList>;
}

/** A signed list as kept: for which version of the list, until when it is answered as is, and once signed, the list. */
interface Published {
  version: number;
  refreshAfter: number;
  published: Promise<PublishedList>;
  ready?: PublishedList;
  /** Its successor is being signed. */
  refreshing?: boolean;
}

/** Signed status lists kept (list × purpose × format); each is a few kB. */
export const PUBLISHED_LISTS_MAX = 500;

/**
 * Signs status list credentials on demand. A signed list is reused while the list's
 * version is unchanged and it is younger than half its lifetime; past that, while it is
 * still valid for a quarter of its lifetime, it is still answered while the next one is
 * signed in the background (a DI signature can take a worker's start: every request of
 * that moment used to wait for it). The version is read from the store on every request,
 * so a revocation made by any process is published at the next request, and verifiers
 * that cache see it within `ttlSeconds`.
 */
export function createStatusListPublisher(deps: {
  store: Store;
  keyring: Keyring;
  documentLoader: DocumentLoader;
  clock: Clock;
  publicUrl: string;
  ttlSeconds: number;
}): StatusListPublisher {
  // One entry per list, purpose and format asked for: lists keep being added as credentials are issued,
  // so the least recently asked for are dropped (and signed again if asked) beyond this bound.
  const cache = new LRUCache<string, Published>({ max: PUBLISHED_LISTS_MAX });

  async function build(listId: string, purpose: StatusPurpose, format: CredentialFormat): Promise<PublishedList> {
    const list = await deps.store.status.findList(listId);
    const issuer = list === undefined ? undefined : await deps.store.issuers.findById(list.issuerId);
    if (list === undefined || issuer === undefined) throw new ProblemError('not-found', `No status list ${listId}.`);
    const flagged = await deps.store.status.listFlagged(listId);
    const indexes = flagged
      .filter((entry) => (purpose === 'revocation' ? entry.revoked : entry.suspended))
      .map((entry) => indexForOrdinal(entry.ordinal, list.size, list.permutationKey));
    const now = deps.clock.now();
    const validUntil = new Date(now.getTime() + deps.ttlSeconds * 1000);
    const url = statusListUrl(deps.publicUrl, listId, purpose, format);
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuer.did,
      validFrom: isoSeconds(now),
      validUntil: isoSeconds(validUntil),
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: purpose,
        encodedList: await encodeList(list.size, indexes),
        ttl: deps.ttlSeconds * 1000,
      },
    };
    const key = await deps.keyring.activeKey(issuer);
    return format === 'jwt'
      ? { body: await signVcJwt(credential, key), contentType: 'application/vc+jwt', validUntil }
      : { body: await signDataIntegrity(credential, { key, documentLoader: deps.documentLoader, now }), contentType: 'application/vc+ld+json', validUntil };
  }

  // One store read per list while it is in flight: a credential's revocation and suspension entries
  // name one list and are checked at once, so they share it; once it has answered, the next asks again.
  const reading = new Map<string, Promise<StatusListRecord | undefined>>();
  const readList = (listId: string): Promise<StatusListRecord | undefined> => {
    let read = reading.get(listId);
    if (read === undefined) {
      read = deps.store.status.findList(listId);
      reading.set(listId, read);
      void read.finally(() => reading.delete(listId)).catch(() => undefined);
    }
    return read;
  };

  /** Signs the list as it is now; the entry learns the signed list once it is ready, and is forgotten if signing fails. */
  function publish(key: string, listId: string, purpose: StatusPurpose, format: CredentialFormat, version: number, now: number): Published {
    const entry: Published = { version, refreshAfter: now + (deps.ttlSeconds * 1000) / 2, published: build(listId, purpose, format) };
    entry.published.then(
      (list) => (entry.ready = list),
      () => {
        if (cache.get(key) === entry) cache.delete(key);
      },
    );
    return entry;
  }

  return {
    async get(listId, purpose, format) {
      const list = await readList(listId);
      if (list === undefined) throw new ProblemError('not-found', `No status list ${listId}.`);
      const key = `${listId}/${purpose}/${format}`;
      const now = deps.clock.now().getTime();
      const hit = cache.get(key);
      if (hit !== undefined && hit.version === list.version) {
        if (now < hit.refreshAfter) return hit.published;
        // Past half its life, same content, still valid for a quarter of it at least: answered with it while its
        // successor is signed in the background (once), instead of every request waiting for the signature.
        if (hit.ready !== undefined && now < hit.ready.validUntil.getTime() - (deps.ttlSeconds * 1000) / 4) {
          if (hit.refreshing !== true) {
            hit.refreshing = true;
            const next = publish(key, listId, purpose, format, list.version, now);
            next.published.then(
              () => {
                if (cache.get(key) === hit) cache.set(key, next);
              },
              () => (hit.refreshing = false),
            );
          }
          return hit.published;
        }
      }
      // New, changed (a revocation: never answered with the old list) or too old: signed now, and waited for.
      const entry = publish(key, listId, purpose, format, list.version, now);
      cache.set(key, entry);
      return entry.published;
    },
  };
}
