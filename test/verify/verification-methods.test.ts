import { expect } from 'chai';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { DID_DOCUMENT_CONTEXTS, findVerificationMethod, type DidDocument, type VerificationMethod } from '../../src/resolve/did-document.js';
import { resolveDidKey } from '../../src/resolve/did-key.js';
import { verifyProofInPool } from '../../src/resolve/json-ld-pool.js';
import { publicJwkOf } from '../../src/resolve/verification-key.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { ecdsaRdfc2019Signer, ed25519Signature2020Signer, type ForeignSigner } from '../helpers/foreign-signers.js';

/**
 * One key, written as each verification method type a DID document may use for it: the
 * suites must verify the same proof whichever form the issuer's DID document chose.
 * (Foreign did:web documents, where these forms occur, are not resolved yet; this runs
 * the real worker and suites with the DID document given directly.)
 */
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';

function documentWith(did: string, method: VerificationMethod): DidDocument {
  return { '@context': [...DID_DOCUMENT_CONTEXTS], id: did, verificationMethod: [method], assertionMethod: [method.id], authentication: [method.id] };
}

/** The same public key as each method type, with the id the proof names. */
async function methodForms(signer: ForeignSigner, publicKeyMultibase: string, jwk: Record<string, unknown>): Promise<VerificationMethod[]> {
  const base = { id: signer.verificationMethodId, controller: signer.did };
  return [
    { ...base, type: 'Multikey', publicKeyMultibase },
    ...(publicKeyMultibase.startsWith('z6Mk') ? [{ ...base, type: 'Ed25519VerificationKey2020' as const, publicKeyMultibase }] : []),
    { ...base, type: 'JsonWebKey', publicKeyJwk: { kty: String(jwk.kty), ...jwk } },
    { ...base, type: 'JsonWebKey2020', publicKeyJwk: { kty: String(jwk.kty), ...jwk } },
  ];
}

describe('verification method forms: Multikey, Ed25519VerificationKey2020, JsonWebKey, JsonWebKey2020 (#11)', () => {
  it('hands each method to the suites under the context of its own type', () => {
    const did = 'did:example:issuer';
    const forms: Array<[VerificationMethod, string]> = [
      [{ id: `${did}#1`, controller: did, type: 'Multikey', publicKeyMultibase: 'z6Mk' }, 'https://w3id.org/security/multikey/v1'],
      [{ id: `${did}#1`, controller: did, type: 'Ed25519VerificationKey2020', publicKeyMultibase: 'z6Mk' }, ED25519_2020],
      [{ id: `${did}#1`, controller: did, type: 'JsonWebKey', publicKeyJwk: { kty: 'OKP' } }, 'https://w3id.org/security/jwk/v1'],
    ];
    for (const [method, context] of forms) {
      expect(findVerificationMethod(documentWith(did, method), `${did}#1`)).to.deep.equal({ ...method, '@context': context });
    }
    const unknown = { id: `${did}#1`, controller: did, type: 'RsaVerificationKey2018', publicKeyPem: '…' } as unknown as VerificationMethod;
    expect(findVerificationMethod(documentWith(did, unknown), `${did}#1`)).to.equal(undefined);
  });

  it('resolves a P-256 did:key (zDn…) locally to a Multikey, and refuses a truncated one', async () => {
    const keyPair = await EcdsaMultikey.generate({ curve: 'P-256' });
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    expect(resolveDidKey(did)?.verificationMethod).to.deep.equal([
      { id: `${did}#${keyPair.publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase: keyPair.publicKeyMultibase },
    ]);
    expect(resolveDidKey(did.slice(0, -1))).to.equal(undefined);
  });

  describe('an Ed25519 key: Ed25519Signature2020 over VC 1.1', () => {
    let signer: ForeignSigner;
    let credential: Record<string, unknown>;
    let forms: VerificationMethod[];

    before(async () => {
      signer = await ed25519Signature2020Signer();
      const publicKeyMultibase = signer.did.slice('did:key:'.length);
      const jwk = await Ed25519Multikey.toJwk({
        keyPair: await Ed25519Multikey.from({ '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', publicKeyMultibase }),
      });
      forms = await methodForms(signer, publicKeyMultibase, jwk);
      credential = await signer.sign({
        '@context': [VC_V1, ED25519_2020],
        type: ['VerifiableCredential'],
        issuer: signer.did,
        issuanceDate: '2024-06-01T00:00:00Z',
        credentialSubject: { id: 'did:example:learner' },
      });
    });

    it('verifies with the key in every form, and gives every form the same JWK for EdDSA', async () => {
      for (const method of forms) {
        expect(await verifyProofInPool(credential, { [signer.did]: documentWith(signer.did, method) }), method.type).to.deep.equal({ verified: true });
        expect((await publicJwkOf(method))?.alg, method.type).to.equal('EdDSA');
      }
    });

    it('does not verify with another key in the same form', async () => {
      const other = await ed25519Signature2020Signer();
      const otherKey = other.did.slice('did:key:'.length);
      const method: VerificationMethod = {
        id: signer.verificationMethodId,
        controller: signer.did,
        type: 'Ed25519VerificationKey2020',
        publicKeyMultibase: otherKey,
      };
      const outcome = await verifyProofInPool(credential, { [signer.did]: documentWith(signer.did, method) });
      expect(outcome.verified).to.equal(false);
    });
  });

  describe('a P-256 key: ecdsa-rdfc-2019 over VC 2.0', () => {
    it('verifies with the key as a Multikey and as JWKs, and gives ES256 for VC-JOSE', async () => {
      const signer = await ecdsaRdfc2019Signer();
      const { kty, crv, x, y } = await EcdsaMultikey.toJwk({ keyPair: signer.keyPair });
      const forms = await methodForms(signer, signer.keyPair.publicKeyMultibase, { kty, crv, x, y });
      const credential = await signer.sign({ ...minimalCredential(), issuer: signer.did });
      for (const method of forms) {
        expect(await verifyProofInPool(credential, { [signer.did]: documentWith(signer.did, method) }), method.type).to.deep.equal({ verified: true });
        expect((await publicJwkOf(method))?.alg, method.type).to.equal('ES256');
      }
    });
  });

  it('reads no key from a JWK of another curve, and only the public members of one that also carries a private part', async () => {
    const base = { id: 'did:example:x#0', controller: 'did:example:x', type: 'JsonWebKey' as const };
    expect(await publicJwkOf({ ...base, publicKeyJwk: { kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA' } })).to.equal(undefined);
    expect(await publicJwkOf({ ...base, publicKeyJwk: { kty: 'oct', k: 'c2VjcmV0' } })).to.equal(undefined);
    const withPrivate = await publicJwkOf({ ...base, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA', d: 'BB' } });
    expect(withPrivate?.jwk).to.deep.equal({ kty: 'OKP', crv: 'Ed25519', x: 'AA' });
  });
});
