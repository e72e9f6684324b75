import { createHash, randomBytes } from 'node:crypto';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { clientAuthenticationNone, HashAlgorithm, type Jwk, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { CompactSign, exportJWK, generateKeyPair, importJWK, type CompactJWSHeaderParameters } from 'jose';
import { didKeyFromPublicKey } from '../../src/resolve/did-key.js';

type JoseKey = Awaited<ReturnType<typeof importJWK>>;

/** A wallet's key: what a real wallet holds, made fresh for each test. */
export interface WalletKey {
  did: string;
  signer: JwtSigner;
  privateKey: JoseKey;
  publicJwk: Jwk;
}

/** Ed25519 as did:key (what the Learner Credential Wallet uses). */
export async function ed25519DidKeyWallet(): Promise<WalletKey> {
  const keyPair = await Ed25519Multikey.generate();
  const { did, verificationMethodId } = didKeyFromPublicKey(keyPair.publicKeyMultibase);
  const jwk = (await Ed25519Multikey.toJwk({ keyPair, secretKey: true })) as { kty: string; crv: string; x: string; d: string };
  // ed25519-multikey puts seed ‖ public key in d; JOSE wants the 32-byte seed.
  const d = Buffer.from(jwk.d, 'base64url').subarray(0, 32).toString('base64url');
  return {
    did,
    signer: { method: 'did', didUrl: verificationMethodId, alg: 'EdDSA' },
    privateKey: await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d }, 'EdDSA'),
    publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
  };
}

/** P-256 as did:jwk (as EUDI wallets do). */
export async function p256DidJwkWallet(): Promise<WalletKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const { kty, crv, x, y } = await exportJWK(publicKey);
  const publicJwk = { kty: kty as string, crv, x, y } as Jwk;
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`;
  return { did, signer: { method: 'did', didUrl: `${did}#0`, alg: 'ES256' }, privateKey, publicJwk };
}

/** The OpenWallet Foundation client, wired as a wallet would wire it: its key signs, fetch is the network. */
export function walletClient(key: WalletKey): Openid4vciClient {
  return new Openid4vciClient({
    callbacks: {
      fetch,
      hash: (data, alg) =>
        createHash(alg === HashAlgorithm.Sha256 ? 'sha256' : alg === HashAlgorithm.Sha384 ? 'sha384' : 'sha512')
          .update(data)
          .digest(),
      generateRandom: (length) => randomBytes(length),
      clientAuthentication: clientAuthenticationNone({ clientId: 'test-wallet' }),
      async signJwt(_signer, { header, payload }) {
        const protectedHeader = JSON.parse(JSON.stringify(header)) as CompactJWSHeaderParameters;
        const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(protectedHeader).sign(key.privateKey);
        return { jwt, signerJwk: key.publicJwk };
      },
    },
  });
}
