import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals issuers' secret keys at rest with AES-256-GCM under the master key.
 * The key's id is bound as additional authenticated data, so a sealed key copied
 * onto another key record fails to open instead of silently signing as that key.
 */
export interface KeyVault {
  seal(secret: string, keyId: string): string;
  open(sealed: string, keyId: string): string;
}

const FORMAT = 'v1';
const IV_BYTES = 12;

export function createKeyVault(masterKey: Buffer): KeyVault {
  if (masterKey.length !== 32) throw new TypeError('The master key must be 32 bytes (AES-256).');
  return {
    seal(secret, keyId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      cipher.setAAD(Buffer.from(keyId, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed, keyId) {
      const [format, iv, tag, ciphertext] = sealed.split('.');
      if (format !== FORMAT || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new Error(`Sealed key ${keyId} is not in the ${FORMAT} format.`);
      }
      const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      // A wrong master key or a tampered record throws here; the message never contains key material.
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
