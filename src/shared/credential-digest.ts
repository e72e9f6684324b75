import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// A CommonJS module whose types claim an ES default export; at run time the module is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Multihash prefix of SHA-256: code 0x12, digest length 0x20. */
const SHA2_256 = Buffer.from([0x12, 0x20]);
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Bitcoin base58 (multibase prefix `z`). */
export function base58btc(bytes: Uint8Array): string {
  let value = BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
  let out = '';
  while (value > 0n) {
    out = (BASE58_ALPHABET[Number(value % 58n)] as string) + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = '1' + out;
  }
  return out;
}

/**
 * The JSON a credential digest is computed over: the signed credential as it is passed
 * around. A Data Integrity credential is the object with its proof; a VC-JOSE credential
 * is its VC 2.0 EnvelopedVerifiableCredential (a bare compact JWT is wrapped in one first,
 * so the same credential has one digest whichever of the two forms carries it).
 */
export function digestableForm(credential: unknown): unknown {
  if (typeof credential === 'string' && COMPACT_JWS.test(credential.trim())) {
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `data:application/vc+jwt,${credential.trim()}`,
      type: 'EnvelopedVerifiableCredential',
    };
  }
  return credential;
}

/**
 * VC DM 2.0 §5.3 (Integrity of Related Resources) for a linked credential:
 * `z` + base58btc(multihash(SHA-256(JCS(credential)))), JCS being RFC 8785 (the
 * `canonicalize` package). Undefined for something that is not JSON.
 */
export function credentialDigestMultibase(credential: unknown): string | undefined {
  const multihash = credentialMultihash(credential);
  return multihash === undefined ? undefined : 'z' + base58btc(multihash);
}

function credentialMultihash(credential: unknown): Buffer | undefined {
  const canonical = canonicalize(digestableForm(credential));
  if (canonical === undefined) return undefined;
  return Buffer.concat([SHA2_256, createHash('sha256').update(canonical, 'utf8').digest()]);
}

/**
 * Does this credential have this digest? `matches` / `does-not-match`, or `unsupported` for a
 * digest this service cannot read (only SHA-256 multihashes, base58btc `z` or base64url `u`).
 */
export function compareCredentialDigest(credential: unknown, digest: string): 'matches' | 'does-not-match' | 'unsupported' {
  const multihash = credentialMultihash(credential);
  if (multihash === undefined) return 'does-not-match';
  if (digest.startsWith('z')) {
    if (!digest.startsWith('zQm')) return 'unsupported';
    return digest === 'z' + base58btc(multihash) ? 'matches' : 'does-not-match';
  }
  if (digest.startsWith('u')) {
    if (!digest.startsWith('uEi')) return 'unsupported';
    return digest === 'u' + multihash.toString('base64url') ? 'matches' : 'does-not-match';
  }
  return 'unsupported';
}
