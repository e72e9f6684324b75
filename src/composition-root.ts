import type { Config } from './config/load-config.js';
import { issuerDidDocument } from './issuers/issuer-did-document.js';
import { createDidResolver, type DidResolver } from './resolve/did-resolver.js';
import { createRemoteDidWebResolver } from './resolve/did-web-remote.js';
import { createDocumentLoader, type DocumentLoader } from './resolve/document-loader.js';
import { knownContexts } from './resolve/known-contexts.js';
import { systemClock, type Clock } from './shared/clock.js';
import { createKeyVault, type KeyVault } from './sign/key-vault.js';
import { createKeyring, type Keyring } from './sign/keyring.js';
import { loadOrCreateMasterKey } from './sign/master-key.js';
import type { RemoteFetchOptions } from './resolve/guarded-fetch.js';
import { createStatusListPublisher, type StatusListPublisher } from './status/publish-status-list.js';
import type { DestinationStream } from 'pino';
import { createLogger, type Logger } from './observe/logger.js';
import { createMetrics, type Metrics } from './observe/metrics.js';
import { setJsonLdDeadline, setJsonLdWorkerIdle } from './resolve/json-ld-pool.js';
import { shareImmutableContexts } from './resolve/jsonld-shared-contexts.js';
import { createStatusListSource, type StatusListSource } from './status/status-list-source.js';
import { createTrustRegistry, type TrustRegistry } from './trust/trust-registry.js';
import { CREDENTIAL_CHECKS, verifyOne } from './verify/verify-credential.js';
import { createStatusPositions, type StatusPositions } from './status/status-positions.js';
import { createStore } from './store/create-store.js';
import { createBatchJobs, type BatchJobs } from './batch/batch-jobs.js';
import type { Store } from './store/ports.js';

export interface Services {
  config: Config;
  store: Store;
  vault: KeyVault;
  keyring: Keyring;
  clock: Clock;
  contexts: ReadonlyMap<string, object>;
  didResolver: DidResolver;
  documentLoader: DocumentLoader;
  statusListPublisher: StatusListPublisher;
  statusPositions: StatusPositions;
  statusLists: StatusListSource;
  /** Batch issuance jobs (cohorts from a spreadsheet): validated, stored, issued in groups, resumed at start. */
  batchJobs: BatchJobs;
  /** Who vouches for issuers (trust lists, operator entries, recognitions granted here). */
  trust: TrustRegistry;
  /** Errors the service could not handle (bugs, unavailable dependencies). */
  log: (message: string) => void;
  logger: Logger;
  metrics: Metrics;
  /** How the master key was obtained, so main can warn when it was generated. */
  masterKeySource: 'env' | 'file' | 'generated';
  close(): Promise<void>;
}

/** The only place that picks adapters and wires ports to them. */
export async function createServices(
  config: Config,
  options: {
    clock?: Clock;
    /** Where log lines go (stdout by default); tests collect them in a file. */
    logDestination?: DestinationStream;
    /** How foreign status lists are fetched; tests point it at a local TLS server. */
    remoteFetch?: Partial<RemoteFetchOptions>;
  } = {},
): Promise<Services> {
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.adminToken, config.masterKey?.toString('base64'), config.masterKey?.toString('hex'), config.metricsToken],
    ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
  });
  const metrics = createMetrics();
  // Signing canonicalises on this thread: jsonld.js#414 fixed here too (the workers do it themselves).
  await shareImmutableContexts();
  // One worker pool per process (resolve/json-ld-pool.ts); the deadline and idle time are the configured ones.
  setJsonLdDeadline(config.jsonLdDeadlineMs);
  setJsonLdWorkerIdle(config.jsonLdWorkerIdleMs);
  const masterKey = loadOrCreateMasterKey(config.masterKey, config.dataDir);
  const store = await createStore({ dataDir: config.dataDir, ...(config.mongodbUri === undefined ? {} : { mongodbUri: config.mongodbUri }) });
  const vault = createKeyVault(masterKey.key);
  const contexts = knownContexts();
  const clock = options.clock ?? systemClock;
  const remote: RemoteFetchOptions = {
    timeoutMs: 5000,
    maxBytes: 1_000_000,
    allowPrivateNetwork: config.outboundAllowPrivate,
    ...(config.outboundCa === undefined ? {} : { ca: config.outboundCa }),
    ...options.remoteFetch,
  };
  const didResolver = createDidResolver({
    publicUrl: config.publicUrl,
    remoteDidWeb: createRemoteDidWebResolver({ remote, clock }),
    async hostedDidDocument(slug) {
      const issuer = await store.issuers.findBySlug(slug);
      return issuer === undefined ? undefined : issuerDidDocument(issuer, await store.keys.listForIssuer(issuer.id));
    },
  });
  const keyring = createKeyring({ store, vault });
  const documentLoader = createDocumentLoader({ contexts, didResolver });
  const statusListPublisher = createStatusListPublisher({
    store,
    keyring,
    documentLoader,
    clock,
    publicUrl: config.publicUrl,
    ttlSeconds: config.statusListTtlSeconds,
  });
  const statusLists = createStatusListSource({
    publicUrl: config.publicUrl,
    publisher: statusListPublisher,
    clock,
    remote,
    onForeignLookup: (outcome) => metrics.statusListLookup(outcome),
  });
  const trust = createTrustRegistry({
    store,
    clock,
    anchors: config.trustAnchors,
    lists: config.trustLists,
    refreshSeconds: config.trustListRefreshSeconds,
    remote,
    // A list's credentials get every check but trust itself: recognition is never inferred through chains.
    verify: async (credential) => {
      const { report, credential: parsed } = await verifyOne({ contexts, didResolver, clock, statusLists }, credential, CREDENTIAL_CHECKS);
      const issuer = parsed?.issuer;
      const issuerName = issuer !== null && typeof issuer === 'object' ? (issuer as { name?: unknown }).name : undefined;
      return {
        verified: report.verified,
        verdict: report.verdict,
        issuer: report.credential?.issuer,
        issuerName: typeof issuerName === 'string' ? issuerName : undefined,
        validUntil: report.credential?.validUntil,
        credential: parsed,
      };
    },
    onWarning: (message) => logger.warn(message),
  });
  const statusPositions = createStatusPositions({ store, clock });
  const log = (message: string) => logger.error(message);
  const batchJobs = createBatchJobs({
    store,
    keyring,
    documentLoader,
    didResolver,
    clock,
    publicUrl: config.publicUrl,
    statusPositions,
    vault,
    log,
    offerTtlSeconds: config.credentialOfferTtlSeconds,
    leaseSeconds: config.batchLeaseSeconds,
  });
  return {
    config,
    store,
    vault,
    keyring,
    clock,
    contexts,
    didResolver,
    documentLoader,
    statusListPublisher,
    statusPositions,
    batchJobs,
    statusLists,
    trust,
    log,
    logger,
    metrics,
    masterKeySource: masterKey.source,
    close: async () => {
      trust.close();
      // A job stopped here stays "running" in the store and is resumed at the next start.
      await batchJobs.stop();
      await store.close();
    },
  };
}
