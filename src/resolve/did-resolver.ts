import { ProblemError } from '../shared/problems.js';
import type { DidDocument } from './did-document.js';
import { isDidKey, resolveDidKey } from './did-key.js';
import { isDidJwk, resolveDidJwk } from './did-jwk.js';
import { hostedIssuerSlug } from './did-web.js';

export interface DidResolver {
  /** Throws ProblemError `issuer-unresolved` when the DID cannot be resolved here. */
  resolve(did: string): Promise<DidDocument>;
}

/**
 * Resolves did:key locally and did:web for the issuers this service hosts, from the
 * store. A did:web of another host is not fetched: the verifier reports "could not
 * check" rather than trusting a document fetched from an address in the credential.
 */
export function createDidResolver(options: { publicUrl: string; hostedDidDocument: (slug: string) => Promise<DidDocument | undefined> }): DidResolver {
  return {
    async resolve(did) {
      if (isDidKey(did)) {
        const document = resolveDidKey(did);
        if (document === undefined) throw new ProblemError('issuer-unresolved', `${did} is not an Ed25519 did:key.`);
        return document;
      }
      // did:jwk is the public key itself, resolved locally like did:key (did-jwk.ts).
      if (isDidJwk(did)) return resolveDidJwk(did);
      if (did.startsWith('did:web:')) {
        const slug = hostedIssuerSlug(options.publicUrl, did);
        if (slug === undefined) {
          throw new ProblemError('issuer-unresolved', `${did} is hosted by another service; this service does not fetch DID documents from other hosts.`);
        }
        const document = await options.hostedDidDocument(slug);
        if (document === undefined) throw new ProblemError('issuer-unresolved', `No issuer "${slug}" is hosted here for ${did}.`);
        return document;
      }
      throw new ProblemError('issuer-unresolved', `The DID method of ${did.split(':').slice(0, 2).join(':')} is not supported (did:key and did:web are).`);
    },
  };
}
