/**
 * did:web identifiers for issuers hosted by this service:
 * `did:web:<host>[:<path>]:issuers:<slug>` ⇔ `<PUBLIC_URL>/issuers/<slug>/did.json`
 * (did:web spec §3.2: a port's colon is percent-encoded, path segments become colons).
 */

export function didWebPrefix(publicUrl: string): string {
  // Asked on every verification (is the issuer one of ours?) for the one PUBLIC_URL: parsed once.
  if (publicUrl === lastPublicUrl) return lastPrefix;
  lastPrefix = prefixOf(publicUrl);
  lastPublicUrl = publicUrl;
  return lastPrefix;
}

let lastPublicUrl: string | undefined;
let lastPrefix = '';

function prefixOf(publicUrl: string): string {
  const url = new URL(publicUrl);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  return ['did:web', encodeURIComponent(url.host), ...segments.map(encodeURIComponent), 'issuers', ''].join(':');
}

export function didWebForIssuer(publicUrl: string, slug: string): string {
  return didWebPrefix(publicUrl) + slug;
}

/** The slug of one of our own issuers, or undefined when the DID is hosted elsewhere. */
export function hostedIssuerSlug(publicUrl: string, did: string): string | undefined {
  const prefix = didWebPrefix(publicUrl);
  if (!did.startsWith(prefix)) return undefined;
  const slug = did.slice(prefix.length);
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : undefined;
}
