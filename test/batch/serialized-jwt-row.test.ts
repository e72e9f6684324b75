import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { expect } from 'chai';
import { readCsvBatch } from '../../src/batch/batch-input.js';
import { templateCsv } from '../../src/batch/job-results.js';
import { prepareRows } from '../../src/batch/prepare-rows.js';
import { createSafeModeByShape } from '../../src/batch/safe-mode-by-shape.js';
import { prepareIssue, signPrepared, type PreparedIssue } from '../../src/issue/issue-credential.js';
import { profileIssueRequest } from '../../src/issue/issue-profile-credential.js';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';
import { createKeyVault } from '../../src/sign/key-vault.js';
import { openSigningKey } from '../../src/sign/signing-key.js';
import { statusEntries } from '../../src/status/allocate-status.js';
import type { IssuerRecord } from '../../src/store/ports.js';

/**
 * A batch's JWT rows cross from the prepare worker as JSON text and are signed as that text
 * with the status entries appended (issue-credential.ts SerializedJwtIssue). Ed25519 is
 * deterministic, so the JWT must be byte for byte the one the object path signs.
 */
describe('a batch JWT row handed over as JSON text', () => {
  const publicUrl = 'https://passerelle.example';
  const issuer: IssuerRecord = {
    id: 'issuer-1',
    slug: 'ista',
    legalName: 'ISTA Tanger',
    country: 'MA',
    names: {},
    didMethod: 'web',
    did: 'did:web:passerelle.example:issuers:ista',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const now = '2026-03-01T10:00:00.000Z';

  async function signingKey() {
    const vault = createKeyVault(Buffer.alloc(32, 7));
    const keyPair = await Ed25519Multikey.generate();
    const id = `${issuer.did}#key-1`;
    const exported = await keyPair.export({ publicKey: true, secretKey: true, includeContext: true });
    return openSigningKey(
      {
        id,
        issuerId: issuer.id,
        publicKeyMultibase: keyPair.publicKeyMultibase,
        sealedSecretKey: vault.seal(exported.secretKeyMultibase as string, id),
        status: 'active',
        createdAt: now,
      },
      issuer.did,
      vault,
    );
  }

  it('signs to the same JWT as the credential object with its status entries assigned', async () => {
    const input = readCsvBatch(templateCsv('diploma') as string, 'diploma');
    const item = input.items[0];
    if (item === undefined) throw new Error('The template has no row.');
    const [row] = prepareRows({
      issuer,
      publicUrl,
      now,
      profile: 'diploma',
      format: 'jwt',
      rows: [{ row: item.row, idempotencyKey: 'k-1', request: item.request }],
    });
    if (row === undefined || !row.ok || !('json' in row.prepared)) throw new Error('Expected a serialized JWT row.');
    expect(row.prepared.statusPurposes).to.deep.equal(['revocation']);

    // The object path, as a single request takes it, from the same request.
    const body = { ...item.request, profile: 'diploma', format: 'jwt' };
    const objectForm: PreparedIssue = prepareIssue({ clock: { now: () => new Date(now) }, publicUrl }, issuer, profileIssueRequest(issuer, body, 'k-1'));
    // The service assigns each credential a random id: the same one for both, in place.
    objectForm.credential.id = row.prepared.id;
    const key = await signingKey();
    const list = {
      id: '0f0e0d0c-0b0a-4908-8706-050403020100',
      issuerId: issuer.id,
      size: 131_072,
      allocated: 42,
      permutationKey: 'ab'.repeat(32),
      version: 0,
      createdAt: now,
    };
    const position = { listId: list.id, ordinal: 41 };
    const entries = statusEntries(publicUrl, list, position, 'jwt', row.prepared.statusPurposes);
    const deps = { documentLoader: createDocumentLoader({ contexts: knownContexts() }) };

    const fromText = await signPrepared(deps, issuer, row.prepared, key, position, entries);
    const fromObject = await signPrepared(deps, issuer, objectForm, key, position, entries);

    expect(fromText.jwt).to.be.a('string').and.equal(fromObject.jwt);
    expect(fromText).to.deep.equal(fromObject);
    const payload = JSON.parse(Buffer.from((fromText.jwt as string).split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(payload.credentialStatus).to.deep.equal(entries[0]);
  });

  it('goes through safe mode as the parsed document: a term outside the contexts is refused', async () => {
    const check = createSafeModeByShape();
    const good = JSON.stringify({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      credentialSubject: { id: 'did:example:worker-1', name: 'Worker 1' },
    });
    const bad = JSON.stringify({ ...(JSON.parse(good) as object), credentialSubject: { id: 'did:example:worker-2', shoeSize: '42' } });
    const [first, second] = await check([good, bad]);
    expect(first).to.equal(undefined);
    expect(second)
      .to.have.property('message')
      .that.matches(/shoeSize/);
  });
});
