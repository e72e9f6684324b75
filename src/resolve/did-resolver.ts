import { LRUCache } from 'lru-cache';
import { ProblemError } from '../shared/problems.js';
import type { DidDocument } from './did-document.js';
import { isDidKey, resolveDidKey } from './did-key.js';
import { isDidJwk, resolveDidJwk } from './did-jwk.js';
import { hostedIssuerSlug } from './did-web.js';
import type { RemoteDidResolver } from './did-web-remote.js';

export interface DidResolver {
  /**
   * Throws ProblemError `issuer-unresolved` when the DID cannot be resolved here. `needs`: the
   * verification method (full id) the caller is about to read, when it knows it.
   */
  resolve(did: string, needs?: string): Promise<DidDocument>;
}

/** Hosted issuers whose DID document is kept in memory (each a few hundred bytes). */
const HOSTED_DOCUMENTS_CACHED = 1_000;

/** True when the document lists the method `needs` (or nothing in particular is needed). */
export function listsMethod(document: DidDocument, needs: string | undefined): boolean {
  return needs === undefined || document.verificationMethod.some((method) => method.id === needs);
}

/**
 * Resolves did:key locally, did:web of the issuers this service hosts from the store,
 * and did:web of other hosts through the guarded fetcher (did-web-remote.ts). Without a
 * remote resolver (a unit under test), another host's DID is "could not check".
 */
export function createDidResolver(options: {
  publicUrl: string;
  hostedDidDocument: (slug: string) => Promise<DidDocument | undefined>;
  remoteDidWeb?: RemoteDidResolver;
}): DidResolver {
  // A hosted DID document only ever gains keys (a rotation keeps the retired key listed:
  // issuers/issuer-did-document.ts; no key or issuer is ever removed), so a copy read earlier,
  // here or by another instance's change, can only lack a key, never list one too many. A copy
  // is used only when it lists the method the caller needs; otherwise the store is read again.
  // It saves two store reads per verification of a hosted issuer's credential (~9 % of a generic one).
  const hosted = new LRUCache<string, DidDocument>({ max: HOSTED_DOCUMENTS_CACHED });
  async function hostedDocument(slug: string, needs: string | undefined): Promise<DidDocument | undefined> {
    const cached = needs === undefined ? undefined : hosted.get(slug);
    if (cached !== undefined && listsMethod(cached, needs)) return cached;
    const document = await options.hostedDidDocument(slug);
    if (document !== undefined) hosted.set(slug, document);
    return document;
  }
  return {
    async resolve(did, needs) {
      if (isDidKey(did)) {
        const document = resolveDidKey(did);
        if (document === undefined) throw new ProblemError('issuer-unresolved', `${did} is not a did:key of an Ed25519 or P-256 key.`);
        return document;
      }
      // did:jwk is the public key itself, resolved locally like did:key (did-jwk.ts).
      if (isDidJwk(did)) return resolveDidJwk(did);
      if (did.startsWith('did:web:')) {
        const slug = hostedIssuerSlug(options.publicUrl, did);
        if (slug === undefined) {
          if (options.remoteDidWeb !== undefined) return options.remoteDidWeb(did);
          throw new ProblemError('issuer-unresolved', `${did} is hosted by another service, and this one is not set up to fetch DID documents.`);
        }
        const document = await hostedDocument(slug, needs);
        if (document === undefined) throw new ProblemError('issuer-unresolved', `No issuer "${slug}" is hosted here for ${did}.`);
        return document;
      }
      throw new ProblemError(
        'issuer-unresolved',
        `The DID method of ${did.split(':').slice(0, 2).join(':')} is not supported (did:key, did:jwk and did:web are).`,
      );
    },
  };
}
