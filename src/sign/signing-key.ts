import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import type { Ed25519KeyPair } from '@digitalcredentials/ed25519-multikey';
import { importJWK } from 'jose';
import type { IssuerKeyRecord } from '../store/ports.js';
import type { KeyVault } from './key-vault.js';

type JoseKey = Awaited<ReturnType<typeof importJWK>>;

/** An issuer's active key, opened from the vault, ready for both proof formats. */
export interface SigningKey {
  verificationMethodId: string;
  controller: string;
  keyPair: Ed25519KeyPair;
  joseKey(): Promise<JoseKey>;
}

export async function generateKeyPair(): Promise<Ed25519KeyPair> {
  return Ed25519Multikey.generate();
}

export async function openSigningKey(record: IssuerKeyRecord, controller: string, vault: KeyVault): Promise<SigningKey> {
  const keyPair = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: record.id,
    controller,
    publicKeyMultibase: record.publicKeyMultibase,
    secretKeyMultibase: vault.open(record.sealedSecretKey, record.id),
  });
  let joseKey: Promise<JoseKey> | undefined;
  return {
    verificationMethodId: record.id,
    controller,
    keyPair,
    joseKey: () =>
      (joseKey ??= Ed25519Multikey.toJwk({ keyPair, secretKey: true }).then((jwk) => importJWK({ ...jwk, d: seedOf(jwk.d), alg: 'EdDSA' }, 'EdDSA'))),
  };
}

/**
 * ed25519-multikey's toJwk puts the 64-byte expanded secret (seed ‖ public key) in
 * `d`; RFC 8037 wants the 32-byte seed, and WebCrypto refuses anything else.
 */
function seedOf(d: string | undefined): string {
  if (d === undefined) throw new Error('The key pair has no secret key.');
  return Buffer.from(d, 'base64url').subarray(0, 32).toString('base64url');
}
