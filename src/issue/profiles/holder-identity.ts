import { CLEAR_IDENTITY_TYPES } from '../../ob3/vocabulary.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type HolderIdentifierType = 'passport' | 'nationalId' | 'email';

export interface HolderInput {
  /** Display name, as on the holder's passport. */
  name: string;
  /** ISO 8601 date. */
  birthDate?: string;
  /** The holder's DID, when they have a wallet. */
  did?: string;
  identifiers?: Array<{ type: HolderIdentifierType; value: string }>;
}

/** OB 3.0 IdentityObject; `additionalProperties: false` in the 1EdTech schema, so nothing else goes in. */
export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  identityHash: string;
  identityType: string;
  salt?: string;
}

/** OB 3.0 has `emailAddress` and `nationalIdentityNumber`; a passport number needs an `ext:` type. */
const IDENTITY_TYPES: Record<HolderIdentifierType, string> = {
  passport: 'ext:passportNumber',
  nationalId: 'nationalIdentityNumber',
  email: 'emailAddress',
};

/**
 * What is hashed, so a verifier holding the passport or the e-mail address gets the
 * same bytes: document numbers in upper case without spaces or hyphens, e-mail
 * addresses trimmed and in lower case.
 */
export function normalizeIdentity(identityType: string, value: string): string {
  if (identityType === 'emailAddress') return value.trim().toLowerCase();
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** OB 2.0/3.0 convention: `sha256$` + hex(SHA-256(value + salt)). */
export function hashIdentity(identityType: string, value: string, salt: string): string {
  return (
    'sha256$' +
    createHash('sha256')
      .update(normalizeIdentity(identityType, value) + salt, 'utf8')
      .digest('hex')
  );
}

/** For verifiers: does this IdentityObject hash the value shown to them (e.g. the passport in front of them)? */
export function identityMatches(identity: { identityHash: string; identityType: string; salt: string }, value: string): boolean {
  const expected = Buffer.from(hashIdentity(identity.identityType, value, identity.salt));
  const actual = Buffer.from(identity.identityHash);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * One salt per credential, so the same passport number hashes differently in each
 * credential and credentials cannot be linked by their hashes. With an
 * Idempotency-Key the salt is derived from it, so a retried request builds the very
 * same credential (a salt must be unique, not secret: OB 3.0 publishes it).
 */
export function credentialSalt(scope?: { issuerId: string; idempotencyKey: string }): string {
  if (scope === undefined) return randomBytes(16).toString('base64url');
  return createHash('sha256').update(`passerelle-salt\n${scope.issuerId}\n${scope.idempotencyKey}`, 'utf8').digest().subarray(0, 16).toString('base64url');
}

/** A value OB 3.0 carries in an IdentityObject in clear (`hashed: false`, the value in `identityHash`). */
export function clearIdentity(identityType: string, value: string): IdentityObject {
  return { type: 'IdentityObject', hashed: false, identityHash: value, identityType };
}

/**
 * The holder part of an AchievementSubject. Name and date of birth are in clear:
 * recognition bodies match them against the passport, and a salted hash of a birth
 * date (about 40,000 candidates, salt published) would hide nothing anyway. The name is
 * schema:name; the date of birth, which AchievementSubject has no term for, is an
 * IdentityObject in clear (`ext:dateOfBirth`). Document numbers and e-mail addresses
 * are never in clear. `extraIdentifiers`: other clear identifiers (a candidate number).
 */
export function holderSubject(holder: HolderInput, salt: string, extraIdentifiers: IdentityObject[] = []): Record<string, unknown> {
  const identifiers: IdentityObject[] = [
    ...(holder.identifiers ?? []).map((identifier): IdentityObject => {
      const identityType = IDENTITY_TYPES[identifier.type];
      return { type: 'IdentityObject', hashed: true, identityHash: hashIdentity(identityType, identifier.value, salt), identityType, salt };
    }),
    ...(holder.birthDate === undefined ? [] : [clearIdentity(CLEAR_IDENTITY_TYPES.dateOfBirth, holder.birthDate)]),
    ...extraIdentifiers,
  ];
  return {
    ...(holder.did === undefined ? {} : { id: holder.did }),
    name: holder.name,
    ...(identifiers.length === 0 ? {} : { identifier: identifiers }),
  };
}
