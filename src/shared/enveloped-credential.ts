export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

// Spelled here rather than imported from resolve/known-contexts: shared/ depends on nothing above it.
const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
const ENVELOPE_ID_PREFIX = `data:${VC_JWT_MEDIA_TYPE},`;

/** VC 2.0 §4.13: how a JWT-secured credential travels inside JSON-LD. */
export function envelope(jwt: string): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT_URL],
    id: `${ENVELOPE_ID_PREFIX}${jwt}`,
    type: 'EnvelopedVerifiableCredential',
  };
}

/**
 * True when `credential` is exactly `envelope(jwt)` (same members, same order): then it
 * says nothing the JWT does not, and a store may keep the JWT alone and rebuild it.
 */
export function isEnvelopeOf(credential: Record<string, unknown>, jwt: string): boolean {
  const keys = Object.keys(credential);
  const context = credential['@context'];
  return (
    keys.length === 3 &&
    keys[0] === '@context' &&
    keys[1] === 'id' &&
    keys[2] === 'type' &&
    Array.isArray(context) &&
    context.length === 1 &&
    context[0] === VC_V2_CONTEXT_URL &&
    credential.type === 'EnvelopedVerifiableCredential' &&
    typeof credential.id === 'string' &&
    // Compared in place: a JWT credential is some 13 kB, and this runs for every one stored.
    credential.id.length === ENVELOPE_ID_PREFIX.length + jwt.length &&
    credential.id.startsWith(ENVELOPE_ID_PREFIX) &&
    credential.id.endsWith(jwt)
  );
}
