import { createHash } from 'node:crypto';
import { expect } from 'chai';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { createDidResolver } from '../../src/resolve/did-resolver.js';
import { signDataIntegrity } from '../../src/sign/data-integrity-signer.js';
import type { SigningKey } from '../../src/sign/signing-key.js';
import { runChecks } from '../../src/verify/run-checks.js';
import { dataModelCheck } from '../../src/verify/checks/data-model-check.js';
import { issuerKeyCheck } from '../../src/verify/checks/issuer-key-check.js';
import { signatureCheck } from '../../src/verify/checks/signature-check.js';
import { contextsWithExamples, EXAMPLES_CONTEXT_URL, readFixtureJson, readFixtureText } from '../helpers/fixtures.js';

const DIR = 'vc-di-eddsa-test-vectors/';
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('W3C eddsa-rdfc-2022 test vectors (vc-di-eddsa)', () => {
  const keyPairJson = readFixtureJson<{ publicKeyMultibase: string; privateKeyMultibase: string }>(`${DIR}keyPair.json`);
  const unsigned = readFixtureJson(`${DIR}unsigned.json`);
  const proofConfig = readFixtureJson(`${DIR}eddsa-rdfc-2022/proofConfigDataInt.json`);
  const expectedSigned = readFixtureJson<{ proof: Record<string, unknown> }>(`${DIR}eddsa-rdfc-2022/signedDataInt.json`);
  const did = `did:key:${keyPairJson.publicKeyMultibase}`;
  const didResolver = createDidResolver({ publicUrl: 'http://localhost', hostedDidDocument: async () => undefined });
  const documentLoader = createDocumentLoader({ contexts: contextsWithExamples(), didResolver });

  it('canonicalises the document exactly as the vectors do (RDFC-1.0)', async () => {
    const suite = new DataIntegrityProof({ cryptosuite });
    const canonical = await suite.canonize(unsigned, { documentLoader, base: null, safe: true });
    expect(canonical).to.equal(readFixtureText(`${DIR}eddsa-rdfc-2022/canonDocDataInt.txt`));
    expect(sha256Hex(canonical)).to.equal(readFixtureText(`${DIR}eddsa-rdfc-2022/docHashDataInt.txt`).trim());
  });

  it('canonicalises the proof configuration and combines the hashes as the vectors do', async () => {
    const suite = new DataIntegrityProof({ cryptosuite });
    const { '@context': _context, ...proof } = proofConfig;
    const canonicalProof = await suite.canonizeProof(proof, { document: unsigned, documentLoader });
    expect(canonicalProof).to.equal(readFixtureText(`${DIR}eddsa-rdfc-2022/proofCanonDataInt.txt`));
    expect(sha256Hex(canonicalProof)).to.equal(readFixtureText(`${DIR}eddsa-rdfc-2022/proofHashDataInt.txt`).trim());
    const verifyData = await suite.createVerifyData({ document: unsigned, proof, documentLoader });
    expect(Buffer.from(verifyData).toString('hex')).to.equal(readFixtureText(`${DIR}eddsa-rdfc-2022/combinedHashDataInt.txt`).trim());
  });

  it('produces the expected proofValue byte for byte through our signing path', async () => {
    const keyPair = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: `${did}#${keyPairJson.publicKeyMultibase}`,
      controller: did,
      publicKeyMultibase: keyPairJson.publicKeyMultibase,
      secretKeyMultibase: keyPairJson.privateKeyMultibase,
    });
    const key: SigningKey = { verificationMethodId: keyPair.id as string, controller: did, keyPair, joseKey: () => Promise.reject(new Error('unused')) };
    const signed = await signDataIntegrity(unsigned, { key, documentLoader, now: new Date(proofConfig.created as string) });
    expect(signed.proof).to.deep.equal(expectedSigned.proof);
    expect((signed.proof as { proofValue: string }).proofValue).to.equal(readFixtureText(`${DIR}eddsa-rdfc-2022/sigBTC58DataInt.txt`).trim());
  });

  it('accepts the expected signed credential, and rejects it with one character changed', async () => {
    const extraContexts = { [EXAMPLES_CONTEXT_URL]: contextsWithExamples().get(EXAMPLES_CONTEXT_URL) as object };
    const context = { input: expectedSigned, now: new Date(), documentLoader, didResolver, extraContexts };
    const outcomes = await runChecks([dataModelCheck, issuerKeyCheck, signatureCheck], context);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['success', 'success', 'success']);

    const tampered = structuredClone(expectedSigned) as Record<string, unknown>;
    (tampered.credentialSubject as Record<string, unknown>).alumniOf = 'The School of Examples!';
    const failed = await runChecks([dataModelCheck, issuerKeyCheck, signatureCheck], { ...context, input: tampered });
    expect(failed.map((outcome) => outcome.status)).to.deep.equal(['success', 'success', 'failure']);
  });
});
