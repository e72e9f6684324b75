import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import type { KeyVault } from '../sign/key-vault.js';
import { didWebForIssuer } from '../resolve/did-web.js';
import type { DidMethod, IssuerRecord, Store } from '../store/ports.js';
import type { TrustRegistry } from '../trust/trust-registry.js';
import { createApiKey } from './api-keys.js';
import { newIssuerKey } from './issuer-keys.js';

export interface CreateIssuerInput {
  slug: string;
  legalName: string;
  country: string;
  names?: Record<string, string>;
  didMethod?: DidMethod;
}

export interface IssuerDeps {
  store: Store;
  vault: KeyVault;
  clock: Clock;
  publicUrl: string;
  /** Told when an issuer is added, so that its cached list of hosted issuers does not miss the new one for seconds. */
  trust?: Pick<TrustRegistry, 'invalidate'>;
}

/**
 * An operator registers an organisation: it gets a DID, an Ed25519 key sealed at
 * rest, and a first API key, which is returned here and never again.
 */
export async function createIssuer(deps: IssuerDeps, input: unknown): Promise<{ issuer: IssuerRecord; apiKey: string }> {
  assertMatchesSchema<CreateIssuerInput>('issuer-create', input);
  const id = randomUUID();
  const createdAt = deps.clock.now().toISOString();
  const didMethod = input.didMethod ?? 'web';
  const { record: key, did } = await newIssuerKey({
    issuerId: id,
    vault: deps.vault,
    createdAt,
    ...(didMethod === 'web' ? { did: didWebForIssuer(deps.publicUrl, input.slug) } : {}),
  });
  const issuer: IssuerRecord = {
    id,
    slug: input.slug,
    legalName: input.legalName,
    country: input.country,
    names: input.names ?? {},
    didMethod,
    did,
    createdAt,
  };
  // The issuer first: a taken slug must fail before anything else is written.
  await deps.store.issuers.create(issuer);
  await deps.store.keys.add(key);
  const { apiKey } = await createApiKey(deps, id, 'initial');
  deps.trust?.invalidate();
  return { issuer, apiKey };
}
