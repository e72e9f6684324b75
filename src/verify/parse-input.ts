import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { VC_V2_CONTEXT } from '../resolve/known-contexts.js';
import { VC_JWT_MEDIA_TYPE } from '../shared/enveloped-credential.js';
import type { Credential } from '../shared/credential-model.js';
import { assertWithinJsonLimits } from '../shared/json-limits.js';
import { ProblemError } from '../shared/problems.js';

export type ParsedCredential =
  { format: 'di'; credential: Credential } | { format: 'jwt'; credential: Credential; jwt: string; header: ProtectedHeaderParameters };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPE_PREFIX = `data:${VC_JWT_MEDIA_TYPE},`;

/**
 * Accepts the three shapes a credential arrives in: a VC with an embedded proof, a
 * VC 2.0 EnvelopedVerifiableCredential, or a bare compact JWT. Throws
 * `malformed-credential` (reported as a failed data-model check) for anything else.
 */
export function parseVerifiable(input: unknown): ParsedCredential {
  if (typeof input === 'string') return parseJwt(input.trim());
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ProblemError('malformed-credential', 'A credential must be a JSON object or a compact JWT string.', { pointer: '/verifiableCredential' });
  }
  // Inputs that did not come through the HTTP body parser (a pasted or QR-carried credential) are bounded here.
  assertWithinJsonLimits(input, '/verifiableCredential');
  const object = input as Credential;
  const type = object.type;
  const isEnvelope = type === 'EnvelopedVerifiableCredential' || (Array.isArray(type) && type.includes('EnvelopedVerifiableCredential'));
  if (isEnvelope) {
    // VC DM 2.0 §4.13.1: the envelope's own @context must define id, type and EnvelopedVerifiableCredential,
    // which the VC 2.0 context does; the JWT inside is checked on its own after.
    const contexts = ([] as unknown[]).concat(object['@context'] ?? []);
    if (!contexts.includes(VC_V2_CONTEXT)) {
      throw new ProblemError('malformed-credential', `An EnvelopedVerifiableCredential's @context must include ${VC_V2_CONTEXT}.`, {
        pointer: '/verifiableCredential/@context',
      });
    }
    const id = object.id;
    if (typeof id !== 'string' || !id.startsWith(ENVELOPE_PREFIX)) {
      throw new ProblemError('malformed-credential', `An EnvelopedVerifiableCredential's id must be a "${ENVELOPE_PREFIX}<jwt>" data URL.`, {
        pointer: '/verifiableCredential/id',
      });
    }
    return parseJwt(id.slice(ENVELOPE_PREFIX.length));
  }
  return { format: 'di', credential: object };
}

function parseJwt(jwt: string): ParsedCredential {
  if (!COMPACT_JWS.test(jwt)) {
    throw new ProblemError('malformed-credential', 'The JWT is not a compact JWS (three base64url parts).', { pointer: '/verifiableCredential' });
  }
  let header: ProtectedHeaderParameters;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jwt);
    payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8'));
  } catch {
    throw new ProblemError('malformed-credential', 'The JWT header or payload is not base64url-encoded JSON.', { pointer: '/verifiableCredential' });
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ProblemError('malformed-credential', 'The JWT payload is not a credential object.', { pointer: '/verifiableCredential' });
  }
  assertWithinJsonLimits(payload, '/verifiableCredential');
  return { format: 'jwt', credential: payload as Credential, jwt, header };
}
