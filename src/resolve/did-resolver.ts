import { ProblemError } from '../shared/problems.js';
import type { DidDocument } from './did-document.js';
import { isDidKey, resolveDidKey } from './did-key.js';
import { isDidJwk, resolveDidJwk } from './did-jwk.js';
import { hostedIssuerSlug } from './did-web.js';
import type { RemoteDidResolver } from './did-web-remote.js';

export interface DidResolver {
  /** Throws ProblemError `issuer-unresolved` when the DID cannot be resolved here. */
  resolve(did: string): Promise<DidDocument>;
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
  return {
    async resolve(did) {
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
        const document = await options.hostedDidDocument(slug);
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
