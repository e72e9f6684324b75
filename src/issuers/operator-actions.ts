import type { Clock } from '../shared/clock.js';
import { ProblemError } from '../shared/problems.js';
import type { ApiKeyRecord, IssuerRecord, Store } from '../store/ports.js';
import { createApiKey } from './api-keys.js';

/**
 * What an operator does to issuers' API keys, with its rules, shared by the admin API
 * (http/issuer-routes.ts) and the operator CLI (scripts/passerelle.ts): the same checks
 * and the same messages whichever way it is asked.
 */

export async function issuerBySlug(store: Store, slug: string): Promise<IssuerRecord> {
  const issuer = await store.issuers.findBySlug(slug);
  if (issuer === undefined) throw new ProblemError('not-found', `No issuer "${slug}".`, { pointer: '/slug' });
  return issuer;
}

export async function addApiKey(deps: { store: Store; clock: Clock }, slug: string, label: unknown): Promise<{ apiKey: string; record: ApiKeyRecord }> {
  const issuer = await issuerBySlug(deps.store, slug);
  if (label !== undefined && (typeof label !== 'string' || label.length > 100)) {
    throw new ProblemError('invalid-request', 'label must be a string of at most 100 characters.', { pointer: '/label' });
  }
  return createApiKey(deps, issuer.id, label);
}

/** API keys of an issuer, never their secrets (only a hash is stored anyway). */
export async function listApiKeys(
  store: Store,
  slug: string,
): Promise<Array<{ id: string; label: string | undefined; createdAt: string; revokedAt: string | undefined }>> {
  const issuer = await issuerBySlug(store, slug);
  const keys = await store.apiKeys.listForIssuer(issuer.id);
  return keys.map(({ id, label, createdAt, revokedAt }) => ({ id, label, createdAt, revokedAt }));
}

export async function revokeApiKey(deps: { store: Store; clock: Clock }, slug: string, keyId: string): Promise<void> {
  const issuer = await issuerBySlug(deps.store, slug);
  const revoked = await deps.store.apiKeys.revoke(issuer.id, keyId, deps.clock.now().toISOString());
  if (!revoked) throw new ProblemError('not-found', `Issuer "${issuer.slug}" has no API key ${keyId}.`);
}
