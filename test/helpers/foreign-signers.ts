import { CompactSign, importJWK } from 'jose';
import * as vc from '@digitalcredentials/vc';
import jsigs from '@digitalcredentials/jsonld-signatures';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalcredentials/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalcredentials/ed25519-verification-key-2020';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';

/**
 * Issuers that are not this service, signing the way the wider ecosystem does, with the
 * Digital Bazaar / Digital Credentials Consortium libraries themselves (not our signer):
 * what the verifier gets is what those stacks produce. Contexts come from the same fixed
 * map the service uses, so nothing is fetched while signing either.
 */
export interface ForeignSigner {
  did: string;
  verificationMethodId: string;
  sign(credential: Record<string, unknown>, options?: { now?: Date }): Promise<Record<string, unknown>>;
}

const documentLoader = createDocumentLoader({ contexts: knownContexts() });

async function issueWith(suite: unknown, credential: Record<string, unknown>, now?: Date): Promise<Record<string, unknown>> {
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader, ...(now === undefined ? {} : { now }) });
}

/** A DCC / Learner Credential Wallet style issuer: Ed25519VerificationKey2020 under a did:key, Ed25519Signature2020 proofs. */
export async function ed25519Signature2020Signer(): Promise<ForeignSigner> {
  const generated = await Ed25519VerificationKey2020.generate();
  const did = `did:key:${generated.publicKeyMultibase}`;
  const verificationMethodId = `${did}#${generated.publicKeyMultibase}`;
  const key = await Ed25519VerificationKey2020.from({
    ...(await generated.export({ publicKey: true, privateKey: true })),
    id: verificationMethodId,
    controller: did,
  });
  return { did, verificationMethodId, sign: (credential, options) => issueWith(new Ed25519Signature2020({ key }), credential, options?.now) };
}

/** A P-256 did:key (`zDn…`) signing DataIntegrityProof ecdsa-rdfc-2019. */
export async function ecdsaRdfc2019Signer(): Promise<ForeignSigner & { keyPair: EcdsaMultikey.EcdsaKeyPair }> {
  const keyPair = await EcdsaMultikey.generate({ curve: 'P-256' });
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
  keyPair.controller = did;
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: ecdsaRdfc2019 });
  return { did, verificationMethodId: keyPair.id, keyPair, sign: (credential, options) => issueWith(suite, credential, options?.now) };
}

/** An Ed25519 key published as a did:jwk, signing DataIntegrityProof eddsa-rdfc-2022. */
export async function didJwkEd25519Signer(extraJwkMembers: Record<string, unknown> = {}): Promise<ForeignSigner> {
  const keyPair = await Ed25519Multikey.generate();
  const jwk = { ...(await Ed25519Multikey.toJwk({ keyPair })), ...extraJwkMembers };
  const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
  keyPair.id = `${did}#0`;
  keyPair.controller = did;
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
  return { did, verificationMethodId: keyPair.id, sign: (credential, options) => issueWith(suite, credential, options?.now) };
}

/** A VC-JOSE credential (the credential is the JWS payload) signed with `alg`, by the key of a P-256 signer. */
export async function signVcJwtES256(
  credential: Record<string, unknown>,
  signer: { verificationMethodId: string; keyPair: EcdsaMultikey.EcdsaKeyPair },
): Promise<string> {
  const key = await importJWK(await EcdsaMultikey.toJwk({ keyPair: signer.keyPair, secretKey: true }), 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: signer.verificationMethodId })
    .sign(key);
}

/** A JWT with any header and an arbitrary signature part: what an attacker sends (alg none, HS256…). */
export function unsignedJwt(header: Record<string, unknown>, credential: Record<string, unknown>, signature = 'AAAA'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(credential)}.${signature}`;
}

/**
 * Ed25519 did:key signers that add Data Integrity proofs to a proof set or chain, with the
 * library's own DataIntegrityProof: `id` and `previousProof` go into the proof template the
 * library copies, and a chained proof is created over the credential carrying the proofs it
 * names, as VC Data Integrity §4.5 defines a chain (no library assembles chains itself).
 */
export async function chainingSigner(): Promise<{
  did: string;
  addProof(
    credential: Record<string, unknown>,
    options: { id?: string; previousProof?: string | string[]; created?: string },
  ): Promise<Record<string, unknown>>;
}> {
  const keyPair = await Ed25519Multikey.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
  keyPair.controller = did;
  return {
    did,
    async addProof(credential, options) {
      const suite = new DataIntegrityProof({
        signer: keyPair.signer(),
        cryptosuite: eddsaRdfc2022,
        ...(options.created === undefined ? {} : { date: options.created }),
      });
      suite.proof = {
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.previousProof === undefined ? {} : { previousProof: options.previousProof }),
      };
      const existing = ([] as Array<Record<string, unknown>>).concat((credential.proof as Record<string, unknown> | undefined) ?? []);
      const { proof: _existing, ...unsecured } = credential;
      const named = ([] as string[]).concat(options.previousProof ?? []);
      const document = named.length === 0 ? unsecured : { ...unsecured, proof: existing.filter((proof) => named.includes(proof.id as string)) };
      const proof = await (suite as unknown as { createProof(options: object): Promise<Record<string, unknown>> }).createProof({
        document: structuredClone(document),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader,
      });
      return { ...unsecured, proof: [...existing, proof] };
    },
  };
}
