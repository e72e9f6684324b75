/**
 * One server for `npm run bench -- --compare`, started as its own process (so the load
 * generator and the server do not share an event loop):
 *   passerelle — the real app from the sources (startBenchApp: SQLite, one issuer, limits off, logs at
 *                warn), with BENCH_PASSERELLE=sources; by default compare.ts runs the compiled build;
 *   stock      — Express 5 with only the reference libraries: @digitalbazaar/vc with a static
 *                document loader (the same fixed contexts, the issuer's DID document fetched
 *                once at start: argv passerelle URL, issuer slug) for Data Integrity, and jose with the key imported once for
 *                VC-JOSE. It checks the proof and nothing else (no status, schema, trust).
 *                It also issues: POST /credentials/issue {credential} signs the credential as
 *                given (its issuer set to the server's own did:key) with eddsa-rdfc-2022 through
 *                @digitalbazaar/vc, nothing stored, no status allocated.
 *   floor      — stock's verification on Node's bare HTTP server instead of Express: what the
 *                reference libraries alone cost per request, the least any verifier can spend.
 * Prints one JSON line {baseUrl, ...} on stdout when listening.
 */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactVerify, importJWK, type JWK } from 'jose';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import * as StockSigningKey from '@digitalbazaar/ed25519-multikey';
import { knownContexts } from '../../src/resolve/known-contexts.js';
import { startBenchApp } from './bench-app.js';

async function stock(passerelleUrl: string, slug: string, framework: 'express' | 'none'): Promise<void> {
  const didDocument = (await (await fetch(`${passerelleUrl}/issuers/${slug}/did.json`)).json()) as {
    id: string;
    verificationMethod: Array<{ id: string; publicKeyMultibase: string }>;
  };
  const contexts = knownContexts();
  const documents = new Map<string, object>(contexts);
  documents.set(didDocument.id, didDocument);
  for (const method of didDocument.verificationMethod) documents.set(method.id, { '@context': 'https://w3id.org/security/multikey/v1', ...method });
  const documentLoader = async (url: string) => {
    const document = documents.get(url);
    if (document === undefined) throw new Error(`not in the static loader: ${url}`);
    return { contextUrl: null, documentUrl: url, document: structuredClone(document), tag: 'static' };
  };
  const keys = new Map<string, Awaited<ReturnType<typeof importJWK>>>();
  for (const method of didDocument.verificationMethod) {
    const keyPair = await Ed25519Multikey.from({ ...method, '@context': 'https://w3id.org/security/multikey/v1' });
    keys.set(method.id, await importJWK({ ...((await Ed25519Multikey.toJwk({ keyPair })) as JWK), alg: 'EdDSA' }, 'EdDSA'));
  }

  const signingKey = await StockSigningKey.generate();
  const stockDid = `did:key:${signingKey.publicKeyMultibase as string}`;
  signingKey.controller = stockDid;
  signingKey.id = `${stockDid}#${signingKey.publicKeyMultibase as string}`;

  const app = express();
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.post('/credentials/issue', async (req, res) => {
    const credential = (req.body as { credential: Record<string, unknown> }).credential;
    const issuer = credential.issuer;
    try {
      const signed = (await vc.issue({
        credential: { ...credential, issuer: typeof issuer === 'object' && issuer !== null ? { ...issuer, id: stockDid } : stockDid },
        suite: new DataIntegrityProof({ signer: signingKey.signer(), cryptosuite }),
        documentLoader,
      })) as object;
      res.status(201).json({ verifiableCredential: signed });
    } catch (error) {
      res.status(422).json({ error: (error as Error).message });
    }
  });
  /** The proof and nothing else: jose for a JWT (bare or enveloped), @digitalbazaar/vc for an embedded proof. */
  async function verify(input: unknown): Promise<{ status: number; body: object }> {
    const enveloped =
      typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : undefined;
    const jwt =
      typeof input === 'string' ? input : enveloped?.startsWith('data:application/vc+jwt,') ? enveloped.slice('data:application/vc+jwt,'.length) : undefined;
    try {
      if (jwt !== undefined) {
        const { kid } = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()) as { kid?: string };
        const key = kid === undefined ? undefined : keys.get(kid);
        if (key === undefined) throw new Error('unknown key');
        const { payload } = await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
        JSON.parse(new TextDecoder().decode(payload));
        return { status: 200, body: { verified: true } };
      }
      // The library insists on a status checker when credentialStatus is present; stock checks the proof only.
      const result = await vc.verifyCredential({
        credential: input,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader,
        checkStatus: async () => ({ verified: true }),
      });
      return {
        status: result.verified ? 200 : 422,
        body: {
          verified: result.verified,
          ...(result.verified ? {} : { error: String((result.error as { message?: string } | undefined)?.message ?? result.error) }),
        },
      };
    } catch (error) {
      return { status: 422, body: { verified: false, error: (error as Error).message } };
    }
  }

  if (framework === 'none') {
    // The floor: the same verification on Node's bare HTTP server, no framework and no body parser
    // beyond JSON.parse: a verifier on these libraries that checks more than the proof cannot answer faster.
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void (async () => {
          const answer =
            req.method === 'POST' && req.url === '/credentials/verify'
              ? await verify((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { verifiableCredential?: unknown }).verifiableCredential)
              : { status: 404, body: { error: 'only POST /credentials/verify' } };
          const text = JSON.stringify(answer.body);
          res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
          res.end(text);
        })();
      });
    });
    server.listen(0, '127.0.0.1', () => {
      console.log(JSON.stringify({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    });
    return;
  }
  app.post('/credentials/verify', async (req, res) => {
    const answer = await verify((req.body as { verifiableCredential?: unknown }).verifiableCredential);
    res.status(answer.status).json(answer.body);
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

async function passerelle(): Promise<void> {
  const app = await startBenchApp();
  console.log(JSON.stringify({ baseUrl: app.baseUrl, apiKey: app.apiKey, slug: app.issuer.slug }));
}

const [, , which, passerelleUrl, slug] = process.argv;
if (which === 'stock' || which === 'floor') await stock(passerelleUrl as string, slug ?? 'bench', which === 'floor' ? 'none' : 'express');
else await passerelle();
