import type { RemoteFetchOptions } from '../resolve/guarded-fetch.js';
import type { Clock } from '../shared/clock.js';
import type { IssuerRecord, Store, TrustEntryRecord } from '../store/ports.js';
import { refreshList, usableCopy, type ListState, type VerifyListCredential } from './subscribed-list.js';
import type { TrustEntry } from './trust-entry.js';

/**
 * Who vouches for an issuer, from three sources the operator controls:
 *  - trust lists it subscribes to (TRUST_LISTS), used only where a trust anchor
 *    (TRUST_ANCHORS) signed them: recognition is never inferred through chains;
 *  - entries the operator adds through the admin API (the operator's own word);
 *  - recognitions it granted to its hosted issuers (published on GET /trust-list).
 * Lists are refreshed on a timer; a lookup never waits for the network except for the
 * first load after start.
 */
export interface TrustRegistry {
  /** Every entry naming `did` (withdrawn ones included, marked), and the lists that could not be consulted. */
  lookup(did: string): Promise<{ entries: TrustEntry[]; unavailable: string[] }>;
  /** The issuer this service hosts under that DID, if any (tier "registered"). */
  hostedIssuer(did: string): Promise<IssuerRecord | undefined>;
  /** For GET /trust. */
  describe(): Promise<TrustOverview>;
  /** Fetches and verifies every subscribed list now. */
  refresh(): Promise<void>;
  /** Local entries changed (admin API): read them again. */
  invalidate(): void;
  close(): void;
}

export interface TrustOverview {
  anchors: readonly string[];
  lists: Array<{
    source: string;
    state: 'fresh' | 'cached-copy' | 'unavailable' | 'not-loaded';
    fetchedAt?: string;
    usableUntil?: string;
    lastAttempt?: string;
    error?: string;
    signers: string[];
    entries: number;
    warnings: string[];
  }>;
  entries: TrustEntry[];
  lastRefresh?: string;
  warnings: string[];
}

/** Local entries are re-read at most this often, so several instances on one MongoDB agree within seconds. */
const LOCAL_ENTRIES_TTL_MS = 5000;

export function createTrustRegistry(deps: {
  store: Store;
  clock: Clock;
  anchors: readonly string[];
  lists: readonly string[];
  refreshSeconds: number;
  remote: RemoteFetchOptions;
  verify: VerifyListCredential;
  onWarning?: (message: string) => void;
}): TrustRegistry {
  const states: ListState[] = deps.lists.map((source) => ({ source, warnings: [] }));
  const now = () => deps.clock.now().getTime();
  let local: { at: number; entries: Promise<TrustEntry[]> } | undefined;
  let lastRefresh: number | undefined;
  let running: Promise<void> | undefined;
  let firstLoad: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let hosted: { at: number; issuers: Promise<IssuerRecord[]> } | undefined;

  async function readLocal(): Promise<TrustEntry[]> {
    const records = await deps.store.trustEntries.list();
    return Promise.all(records.map((record) => localEntry(deps.store, record)));
  }

  function localEntries(): Promise<TrustEntry[]> {
    if (local === undefined || now() - local.at > LOCAL_ENTRIES_TTL_MS) {
      const entries = readLocal();
      local = { at: now(), entries };
      entries.catch(() => (local = undefined));
    }
    return local.entries;
  }

  function refresh(): Promise<void> {
    running ??= (async () => {
      for (const state of states) {
        await refreshList(state, { anchors: deps.anchors, remote: deps.remote, verify: deps.verify, now });
        if (state.lastError !== undefined) deps.onWarning?.(`Trust list ${state.source} ${state.lastError}.`);
        for (const warning of state.warnings) deps.onWarning?.(warning);
      }
      lastRefresh = now();
    })().finally(() => (running = undefined));
    return running;
  }

  function ensureLoaded(): Promise<void> {
    if (states.length === 0) return Promise.resolve();
    if (firstLoad === undefined) {
      firstLoad = refresh();
      timer = setInterval(
        () => void refresh().catch((error: unknown) => deps.onWarning?.(`Trust list refresh failed: ${String(error)}`)),
        deps.refreshSeconds * 1000,
      );
      timer.unref();
    }
    return firstLoad;
  }

  return {
    async lookup(did) {
      await ensureLoaded();
      const at = now();
      const entries = (await localEntries()).filter((entry) => entry.did === did);
      const unavailable: string[] = [];
      for (const state of states) {
        const copy = usableCopy(state, at);
        if (copy === undefined) unavailable.push(state.source);
        else entries.push(...copy.entries.filter((entry) => entry.did === did));
      }
      return { entries, unavailable };
    },
    async hostedIssuer(did) {
      if (hosted === undefined || now() - hosted.at > LOCAL_ENTRIES_TTL_MS) {
        const issuers = deps.store.issuers.list();
        hosted = { at: now(), issuers };
        issuers.catch(() => (hosted = undefined));
      }
      return (await hosted.issuers).find((issuer) => issuer.did === did);
    },
    async describe() {
      await ensureLoaded();
      const at = now();
      const listed = states.map((state) => {
        const copy = usableCopy(state, at);
        const stateName: TrustOverview['lists'][number]['state'] =
          state.lastAttempt === undefined ? 'not-loaded' : copy === undefined ? 'unavailable' : state.lastError === undefined ? 'fresh' : 'cached-copy';
        return {
          source: state.source,
          state: stateName,
          ...(state.copy === undefined
            ? {}
            : { fetchedAt: new Date(state.copy.fetchedAt).toISOString(), usableUntil: new Date(state.copy.usableUntil).toISOString() }),
          ...(state.lastAttempt === undefined ? {} : { lastAttempt: new Date(state.lastAttempt).toISOString() }),
          ...(state.lastError === undefined ? {} : { error: state.lastError }),
          signers: copy?.signers ?? [],
          entries: copy?.entries.length ?? 0,
          warnings: state.warnings,
        };
      });
      const entries = [...(await localEntries()), ...states.flatMap((state) => usableCopy(state, at)?.entries ?? [])];
      const warnings = [
        ...(deps.lists.length > 0 && deps.anchors.length === 0 ? ['Trust lists are configured but TRUST_ANCHORS is empty: no list can be used.'] : []),
        ...listed.flatMap((list) => [...(list.error === undefined ? [] : [`${list.source} ${list.error}`]), ...list.warnings]),
      ];
      return {
        anchors: deps.anchors,
        lists: listed,
        entries,
        ...(lastRefresh === undefined ? {} : { lastRefresh: new Date(lastRefresh).toISOString() }),
        warnings,
      };
    },
    refresh: async () => {
      await ensureLoaded();
      await refresh();
    },
    invalidate() {
      local = undefined;
      hosted = undefined;
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
    },
  };
}

/** A stored entry as the registry uses it; a hosted recognition whose credential was revoked counts as withdrawn. */
async function localEntry(store: Store, record: TrustEntryRecord): Promise<TrustEntry> {
  const entry = record.entry as unknown as TrustEntry;
  if (record.withdrawnAt !== undefined) return { ...entry, withdrawn: { at: record.withdrawnAt, reason: 'the operator withdrew the recognition' } };
  if (record.credentialId !== undefined && (await store.status.stateOf(record.credentialId)).revoked) {
    return { ...entry, withdrawn: { reason: 'its recognition credential was revoked' } };
  }
  return entry;
}
