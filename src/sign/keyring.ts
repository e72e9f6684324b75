import { LRUCache } from 'lru-cache';
import type { IssuerRecord, Store } from '../store/ports.js';
import type { KeyVault } from './key-vault.js';
import { openSigningKey, type SigningKey } from './signing-key.js';

export interface Keyring {
  /** The issuer's active key, opened. */
  activeKey(issuer: IssuerRecord): Promise<SigningKey>;
  /** Drop the cached key after a rotation in this process. */
  forget(issuerId: string): void;
}

/** Issuers whose opened keys are kept (least recently used ones are opened again when needed). */
export const OPEN_KEYS_MAX = 1000;

/**
 * Opening a key (AES-GCM + key import) on every signature would cost more than the
 * signature itself, so opened keys are kept in memory. The short lifetime bounds how
 * long another process sharing the store keeps signing with a key rotated elsewhere;
 * that key still verifies meanwhile, because retired keys stay in the DID document.
 */
export function createKeyring(deps: { store: Store; vault: KeyVault; ttlMs?: number }): Keyring {
  const ttlMs = deps.ttlMs ?? 60_000;
  // At most this many issuers' keys stay open at once: an expired entry is only replaced when its
  // issuer signs again, so without a bound every issuer that ever signed would keep its key here.
  const cache = new LRUCache<string, { key: Promise<SigningKey>; expires: number }>({ max: OPEN_KEYS_MAX });

  async function load(issuer: IssuerRecord): Promise<SigningKey> {
    const keys = await deps.store.keys.listForIssuer(issuer.id);
    const active = keys.find((key) => key.status === 'active');
    if (active === undefined) throw new Error(`Issuer ${issuer.slug} has no active key.`);
    return openSigningKey(active, issuer.did, deps.vault);
  }

  return {
    activeKey(issuer) {
      const now = Date.now();
      const hit = cache.get(issuer.id);
      if (hit !== undefined && hit.expires > now) return hit.key;
      const key = load(issuer);
      cache.set(issuer.id, { key, expires: now + ttlMs });
      key.catch(() => cache.delete(issuer.id));
      return key;
    },
    forget(issuerId) {
      cache.delete(issuerId);
    },
  };
}
