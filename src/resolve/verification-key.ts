import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { importJWK } from 'jose';
import { LRUCache } from 'lru-cache';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import type { PublicKeyJwk, VerificationMethod } from './did-document.js';

/** The JOSE algorithms a verification method's key can sign with here: Ed25519 and P-256. */
export type JwsAlgorithm = 'EdDSA' | 'ES256';

/**
 * A verification method's public key as a JWK, with the one JWS algorithm it signs with,
 * for VC-JOSE. The key libraries do the decoding (multibase or JWK); undefined when the
 * method holds no Ed25519 or P-256 public key.
 */
export async function publicJwkOf(method: VerificationMethod): Promise<{ jwk: PublicKeyJwk; alg: JwsAlgorithm } | undefined> {
  try {
    if (method.type === 'JsonWebKey' || method.type === 'JsonWebKey2020') {
      // Only the public members: a JWK carrying "d" in a DID document is never used as given.
      const { kty, crv, x, y } = method.publicKeyJwk;
      if (kty === 'OKP' && crv === 'Ed25519' && typeof x === 'string') return { jwk: { kty, crv, x }, alg: 'EdDSA' };
      if (kty === 'EC' && crv === 'P-256' && typeof x === 'string' && typeof y === 'string') return { jwk: { kty, crv, x, y }, alg: 'ES256' };
      return undefined;
    }
    const { publicKeyMultibase } = method as { publicKeyMultibase: string };
    const multikey = { ...method, type: 'Multikey', '@context': 'https://w3id.org/security/multikey/v1' };
    if (publicKeyMultibase.startsWith('z6Mk')) {
      const keyPair = await Ed25519Multikey.from(multikey);
      return { jwk: (await Ed25519Multikey.toJwk({ keyPair })) as PublicKeyJwk, alg: 'EdDSA' };
    }
    if (publicKeyMultibase.startsWith('zDn')) {
      const keyPair = await EcdsaMultikey.from(multikey);
      const { kty, crv, x, y } = (await EcdsaMultikey.toJwk({ keyPair })) as PublicKeyJwk;
      return { jwk: { kty, crv, x, y } as PublicKeyJwk, alg: 'ES256' };
    }
    return undefined;
  } catch {
    // A malformed key is a key this service cannot use, not an internal error.
    return undefined;
  }
}

type ImportedKey = { key: Awaited<ReturnType<typeof importJWK>>; alg: JwsAlgorithm };

/** By key material (not by method id: a method id may name other material after a rotation elsewhere). */
const imported = new LRUCache<string, ImportedKey | 'none'>({ max: 1000 });

/**
 * publicJwkOf, imported for jose, cached by the method's key material: decoding a multikey
 * and createPublicKey showed in the VC-JOSE verification profile (issue #16). The result
 * depends only on that material, so a cached answer is the answer.
 */
export async function importedPublicKeyOf(method: VerificationMethod): Promise<ImportedKey | undefined> {
  const { type, publicKeyMultibase, publicKeyJwk } = method as { type?: unknown; publicKeyMultibase?: unknown; publicKeyJwk?: unknown };
  const material = JSON.stringify([type, publicKeyMultibase ?? null, publicKeyJwk ?? null]);
  const cached = imported.get(material);
  if (cached !== undefined) return cached === 'none' ? undefined : cached;
  const publicKey = await publicJwkOf(method);
  const result = publicKey === undefined ? undefined : { key: await importJWK({ ...publicKey.jwk, alg: publicKey.alg }, publicKey.alg), alg: publicKey.alg };
  imported.set(material, result ?? 'none');
  return result;
}

type Ed25519Verifier = { algorithm: string; id: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };

/** Verifiers by the verification method's whole JSON (all the library reads from it: id, type, key material). */
const ed25519Verifiers = new LRUCache<string, Ed25519Verifier>({ max: 1000 });

/**
 * The eddsa-rdfc-2022 cryptosuite's createVerifier, with the key imported once per
 * verification method: the library's verifier (@digitalcredentials/ed25519-multikey) decodes
 * the multibase key and builds a KeyObject from DER on every call, a quarter of the worker's
 * time verifying small credentials (issue #16). The method is decoded and checked by the
 * library (Ed25519Multikey.from, toJwk) the first time; the signature check is the same
 * node:crypto call the library makes, with the cached key. The cache key is the method as
 * given, so a cached verifier is the one the library would build from it; a method it
 * refuses is never cached (it throws again each time).
 */
export async function ed25519VerifierWithCachedKey(options: { verificationMethod: Record<string, unknown> }): Promise<Ed25519Verifier> {
  const cacheKey = JSON.stringify(options.verificationMethod);
  const cached = ed25519Verifiers.get(cacheKey);
  if (cached !== undefined) return cached;
  const keyPair = await Ed25519Multikey.from(options.verificationMethod);
  const verifier = keyPair.verifier();
  const key: KeyObject = createPublicKey({ key: await Ed25519Multikey.toJwk({ keyPair }), format: 'jwk' });
  const built: Ed25519Verifier = {
    algorithm: verifier.algorithm,
    id: verifier.id,
    async verify({ data, signature }) {
      return verifySignature(null, data, key, signature);
    },
  };
  ed25519Verifiers.set(cacheKey, built);
  return built;
}
