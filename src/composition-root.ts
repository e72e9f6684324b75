import type { Config } from './config/load-config.js';
import { issuerDidDocument } from './issuers/issuer-did-document.js';
import { createDidResolver, type DidResolver } from './resolve/did-resolver.js';
import { createDocumentLoader, type DocumentLoader } from './resolve/document-loader.js';
import { knownContexts } from './resolve/known-contexts.js';
import { systemClock, type Clock } from './shared/clock.js';
import { createKeyVault, type KeyVault } from './sign/key-vault.js';
import { createKeyring, type Keyring } from './sign/keyring.js';
import { loadOrCreateMasterKey } from './sign/master-key.js';
import { createStore } from './store/create-store.js';
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
  log: (message: string) => void;
  /** How the master key was obtained, so main can warn when it was generated. */
  masterKeySource: 'env' | 'file' | 'generated';
  close(): Promise<void>;
}

/** The only place that picks adapters and wires ports to them. */
export async function createServices(
  config: Config,
  options: { clock?: Clock; log?: (message: string) => void } = {},
): Promise<Services> {
  const masterKey = loadOrCreateMasterKey(config.masterKey, config.dataDir);
  const store = await createStore({ dataDir: config.dataDir, ...(config.mongodbUri === undefined ? {} : { mongodbUri: config.mongodbUri }) });
  const vault = createKeyVault(masterKey.key);
  const contexts = knownContexts();
  const didResolver = createDidResolver({
    publicUrl: config.publicUrl,
    async hostedDidDocument(slug) {
      const issuer = await store.issuers.findBySlug(slug);
      return issuer === undefined ? undefined : issuerDidDocument(issuer, await store.keys.listForIssuer(issuer.id));
    },
  });
  return {
    config,
    store,
    vault,
    keyring: createKeyring({ store, vault }),
    clock: options.clock ?? systemClock,
    contexts,
    didResolver,
    documentLoader: createDocumentLoader({ contexts, didResolver }),
    log: options.log ?? ((message) => console.error(message)),
    masterKeySource: masterKey.source,
    close: () => store.close(),
  };
}
