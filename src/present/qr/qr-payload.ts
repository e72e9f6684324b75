import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ProblemError } from '../../shared/problems.js';

/**
 * The credential carried in a QR code's URL fragment (`#vc=<payload>`), so a page can
 * verify it without the issuer's database. Format and limits: docs/qr-payload.md.
 *
 *   payload = "1" "." base64url( deflate-raw( body, dictionary = DICTIONARY_V1 ) )
 *   body    = 0x01 u16(len header) header u16(len payload) payload signature   (a compact JWS, parts decoded)
 *           | 0x02 json                                                       (a Data Integrity credential, UTF-8 JSON)
 *
 * JWS parts are carried decoded because base64url text barely compresses; the JWS is
 * rebuilt byte for byte (base64url without padding is canonical), and the encoder
 * refuses any JWS that would not rebuild exactly.
 */
export const QR_PAYLOAD_VERSION = '1';

/** Decompressed bodies beyond this are refused: no credential this service issues is near it. */
export const MAX_BODY_BYTES = 16_384;
/** The fragment text accepted from a page; far above what any QR code can hold (2,953 bytes). */
export const MAX_PAYLOAD_CHARS = 4_096;

/**
 * Strings our credentials repeat. Frozen for version "1": changing one byte would make
 * every printed code unreadable, so a new dictionary means a new version prefix.
 */
const DICTIONARY_V1 = Buffer.from(
  [
    // Open Badges 3.0 terms and language-tagged values (rarer, so further from the data).
    '"type":["VerifiableCredential","OpenBadgeCredential"],"type":["VerifiableCredential","AchievementCredential"],"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",',
    '"credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"","type":["Achievement"],"achievementType":"Certificate","criteria":{"narrative":"',
    '"alignment":[{"type":["Alignment"],"targetFramework":"","targetCode":"","targetName":"","targetUrl":"http://data.europa.eu/snb/eqf/',
    '"resultDescription":[{"id":"","type":["ResultDescription"],"name":"","resultType":"RubricCriterionLevel","rubricCriterionLevel":[{"id":"","type":["RubricCriterionLevel"],"name":"',
    '"result":[{"type":["Result"],"resultDescription":"","achievedLevel":"',
    '"identifier":[{"type":"IdentityObject","identityHash":"","identityType":"emailAddress","hashed":true,"salt":"',
    '{"@value":"","@language":"ar","@direction":"rtl"},{"@value":"","@language":"fr"},{"@value":"","@language":"de"},{"@value":"","@language":"es"},[{"@value":"","@language":"en"}',
    'https://w3id.org/passerelle/contexts/',
    // The JOSE header our signer writes.
    '{"alg":"EdDSA","typ":"vc+jwt","cty":"vc","kid":"did:key:z6Mk',
    // The shape the service gives every credential, in the order it writes it (nearest the data).
    '{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"name":"","description":"","credentialSubject":{"id":"did:',
    '"},"id":"https://","issuer":"did:web:","issuer":"did:key:z6Mk","validFrom":"20',
    '","credentialStatus":[{"id":"https:///status-lists//revocation.jwt#","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"","statusListCredential":"https://',
    '/credentials/"},{"id":"https:///status-lists//suspension.jwt#","type":"BitstringStatusListEntry","statusPurpose":"suspension","statusListIndex":"","statusListCredential":"https://',
    '/suspension"}],"proof":{"type":"DataIntegrityProof","created":"20","verificationMethod":"did:key:z6Mk',
    '","cryptosuite":"eddsa-rdfc-2022","proofPurpose":"assertionMethod","proofValue":"z',
  ].join(''),
);

const JWS_PART = /^[A-Za-z0-9_-]*$/;

export type QrCarried = { kind: 'jwt'; jwt: string } | { kind: 'di'; credential: Record<string, unknown> };

export function encodeQrPayload(carried: QrCarried): string {
  const body = carried.kind === 'jwt' ? jwtBody(carried.jwt) : Buffer.concat([Buffer.of(0x02), Buffer.from(JSON.stringify(carried.credential), 'utf8')]);
  const compressed = deflateRawSync(body, { level: 9, memLevel: 9, dictionary: DICTIONARY_V1 });
  return `${QR_PAYLOAD_VERSION}.${compressed.toString('base64url')}`;
}

/** Gives back exactly what was encoded, or a `malformed-credential` problem saying why not. */
export function decodeQrPayload(payload: string): QrCarried {
  const refuse = (why: string) => new ProblemError('malformed-credential', `The QR code payload ${why}.`, { pointer: '/vc' });
  if (payload.length > MAX_PAYLOAD_CHARS) throw refuse(`is longer than ${MAX_PAYLOAD_CHARS} characters`);
  const dot = payload.indexOf('.');
  if (dot < 0 || payload.slice(0, dot) !== QR_PAYLOAD_VERSION) throw refuse(`does not start with the version "${QR_PAYLOAD_VERSION}."`);
  const data = payload.slice(dot + 1);
  if (!JWS_PART.test(data)) throw refuse('is not base64url');
  let body: Buffer;
  try {
    body = inflateRawSync(Buffer.from(data, 'base64url'), { dictionary: DICTIONARY_V1, maxOutputLength: MAX_BODY_BYTES });
  } catch {
    throw refuse(`does not decompress (or exceeds ${MAX_BODY_BYTES} bytes)`);
  }
  switch (body[0]) {
    case 0x01:
      return { kind: 'jwt', jwt: jwtFromBody(body, refuse) };
    case 0x02:
      try {
        const credential: unknown = JSON.parse(body.subarray(1).toString('utf8'));
        if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) throw new Error('not an object');
        return { kind: 'di', credential: credential as Record<string, unknown> };
      } catch {
        throw refuse('does not hold a JSON credential');
      }
    default:
      throw refuse('has an unknown body kind');
  }
}

function jwtBody(jwt: string): Buffer {
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts.every((part) => JWS_PART.test(part))) throw new Error('Not a compact JWS.');
  const [header, payload, signature] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
  if (header.length > 0xffff || payload.length > 0xffff) throw new Error('JWS part too long for the QR payload.');
  const body = Buffer.concat([Buffer.of(0x01), u16(header.length), header, u16(payload.length), payload, signature]);
  if (rebuildJwt(header, payload, signature) !== jwt) throw new Error('The JWS does not use canonical base64url; it cannot be carried.');
  return body;
}

function jwtFromBody(body: Buffer, refuse: (why: string) => ProblemError): string {
  let offset = 1;
  const take = (length: number): Buffer => {
    if (offset + length > body.length) throw refuse('is truncated');
    const part = body.subarray(offset, offset + length);
    offset += length;
    return part;
  };
  const header = take(take(2).readUInt16BE(0));
  const payload = take(take(2).readUInt16BE(0));
  return rebuildJwt(header, payload, body.subarray(offset));
}

const rebuildJwt = (header: Buffer, payload: Buffer, signature: Buffer) => [header, payload, signature].map((part) => part.toString('base64url')).join('.');

const u16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
};
