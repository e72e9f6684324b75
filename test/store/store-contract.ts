import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  BatchLeaseLostError,
  StoreConflictError,
  type ApiKeyRecord,
  type BatchJobRecord,
  type BatchRowRecord,
  type CredentialOfferRecord,
  type CredentialRecord,
  type IdempotencyClaim,
  type IssuerKeyRecord,
  type IssuerRecord,
  type StatusEvent,
  type StatusListRecord,
  type Store,
} from '../../src/store/ports.js';

/**
 * The behaviour every store adapter must have, run once per adapter. Tests share
 * one store and make their own ids, so they never depend on each other's data.
 */
export function runStoreContract(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;

    before(async () => {
      store = await open();
    });

    after(async () => {
      await store?.close();
      await cleanup?.();
    });

    describe('issuers', () => {
      it('finds a created issuer by id and by slug, field for field', async () => {
        const issuer = anIssuer();
        await store.issuers.create(issuer);

        expect(await store.issuers.findById(issuer.id)).to.deep.equal(issuer);
        expect(await store.issuers.findBySlug(issuer.slug)).to.deep.equal(issuer);
      });

      it('answers undefined for an unknown id or slug', async () => {
        expect(await store.issuers.findById(randomUUID())).to.equal(undefined);
        expect(await store.issuers.findBySlug(`missing-${randomUUID()}`)).to.equal(undefined);
      });

      it('lists every issuer created', async () => {
        const first = anIssuer();
        const second = anIssuer({ didMethod: 'key', did: `did:key:z${randomUUID()}` });
        await store.issuers.create(first);
        await store.issuers.create(second);

        const listed = await store.issuers.list();
        expect(listed.find((issuer) => issuer.id === first.id)).to.deep.equal(first);
        expect(listed.find((issuer) => issuer.id === second.id)).to.deep.equal(second);
      });

      it('refuses a taken slug with a conflict on "slug", and stores nothing', async () => {
        const taken = anIssuer();
        await store.issuers.create(taken);
        const second = anIssuer({ slug: taken.slug });

        const error = await rejection(store.issuers.create(second));

        expect(error).to.be.instanceOf(StoreConflictError);
        expect((error as StoreConflictError).field).to.equal('slug');
        expect(await store.issuers.findById(second.id)).to.equal(undefined);
        expect(await store.issuers.findBySlug(taken.slug)).to.deep.equal(taken);
      });

      it('refuses a taken id with a conflict on "id"', async () => {
        const taken = anIssuer();
        await store.issuers.create(taken);

        const error = await rejection(store.issuers.create(anIssuer({ id: taken.id })));

        expect(error).to.be.instanceOf(StoreConflictError);
        expect((error as StoreConflictError).field).to.equal('id');
      });

      it('returns Arabic (and other) names byte for byte, unnormalised', async () => {
        const names = {
          // Arabic with diacritics (combining marks) and a right-to-left mark.
          ar: 'المَعهد الوطني للتكوين المهني\u200F — مُعَلِّم',
          // "é" written decomposed (e + U+0301): a store that normalises to NFC changes the bytes.
          fr: 'Socie\u0301te\u0301 d\u2019e\u0301ducation',
          'ber-Tfng': 'ⵜⴰⵙⴷⴰⵡⵉⵜ',
        };
        const issuer = anIssuer({ names, legalName: names.ar });
        await store.issuers.create(issuer);

        const found = await store.issuers.findBySlug(issuer.slug);
        for (const [tag, text] of Object.entries(names)) {
          expect(Buffer.from(found?.names[tag] ?? '', 'utf8').equals(Buffer.from(text, 'utf8')), tag).to.equal(true);
        }
        expect(Buffer.from(found?.legalName ?? '', 'utf8').equals(Buffer.from(names.ar, 'utf8'))).to.equal(true);
      });

      it('keeps empty names as an empty object', async () => {
        const issuer = anIssuer({ names: {} });
        await store.issuers.create(issuer);

        expect((await store.issuers.findById(issuer.id))?.names).to.deep.equal({});
      });
    });

    describe('issuer keys', () => {
      it('lists an issuer\u2019s keys oldest first, whatever order they were added in', async () => {
        const issuer = await aStoredIssuer(store);
        const older = aKey(issuer.id, { status: 'retired', createdAt: '2026-01-01T00:00:00.000Z', retiredAt: '2026-02-01T00:00:00.000Z' });
        const newer = aKey(issuer.id, { createdAt: '2026-03-01T00:00:00.000Z' });
        await store.keys.add(newer);
        await store.keys.add(older);
        await store.keys.add(aKey((await aStoredIssuer(store)).id));

        expect(await store.keys.listForIssuer(issuer.id)).to.deep.equal([older, newer]);
      });

      it('keeps an unset retiredAt absent', async () => {
        const issuer = await aStoredIssuer(store);
        await store.keys.add(aKey(issuer.id));

        const [key] = await store.keys.listForIssuer(issuer.id);
        expect(key).not.to.have.property('retiredAt');
      });

      it('rotates: the old key is retired at the given time and the new one is the only active key', async () => {
        const issuer = await aStoredIssuer(store);
        const other = await aStoredIssuer(store);
        const old = aKey(issuer.id, { createdAt: '2026-01-01T00:00:00.000Z' });
        const othersKey = aKey(other.id);
        await store.keys.add(old);
        await store.keys.add(othersKey);
        const next = aKey(issuer.id, { createdAt: '2026-05-01T00:00:00.000Z' });

        await store.keys.rotate(issuer.id, next, '2026-05-01T00:00:00.000Z');

        const keys = await store.keys.listForIssuer(issuer.id);
        expect(keys).to.deep.equal([{ ...old, status: 'retired', retiredAt: '2026-05-01T00:00:00.000Z' }, next]);
        expect(keys.filter((key) => key.status === 'active')).to.have.length(1);
        expect(await store.keys.listForIssuer(other.id)).to.deep.equal([othersKey]);
      });

      it('rotates twice in a row, leaving one active key and two retired ones', async () => {
        const issuer = await aStoredIssuer(store);
        await store.keys.add(aKey(issuer.id, { createdAt: '2026-01-01T00:00:00.000Z' }));
        await store.keys.rotate(issuer.id, aKey(issuer.id, { createdAt: '2026-02-01T00:00:00.000Z' }), '2026-02-01T00:00:00.000Z');
        const last = aKey(issuer.id, { createdAt: '2026-03-01T00:00:00.000Z' });
        await store.keys.rotate(issuer.id, last, '2026-03-01T00:00:00.000Z');

        const keys = await store.keys.listForIssuer(issuer.id);
        expect(keys.map((key) => key.status)).to.deep.equal(['retired', 'retired', 'active']);
        expect(keys[2]).to.deep.equal(last);
      });

      it('leaves the old key active when the rotation fails', async () => {
        const issuer = await aStoredIssuer(store);
        const old = aKey(issuer.id);
        await store.keys.add(old);

        // The new key reuses an existing id, so it cannot be stored.
        const error = await rejection(store.keys.rotate(issuer.id, aKey(issuer.id, { id: old.id }), '2026-06-01T00:00:00.000Z'));

        expect(error).to.be.instanceOf(StoreConflictError);
        expect(await store.keys.listForIssuer(issuer.id)).to.deep.equal([old]);
      });

      it('refuses a second active key added outside a rotation', async () => {
        const issuer = await aStoredIssuer(store);
        const first = aKey(issuer.id);
        await store.keys.add(first);

        const error = await rejection(store.keys.add(aKey(issuer.id)));

        expect(error).to.be.instanceOf(StoreConflictError);
        expect((error as StoreConflictError).field).to.equal('status');
        expect(await store.keys.listForIssuer(issuer.id)).to.deep.equal([first]);
      });
    });

    describe('API keys', () => {
      it('finds an added key by id, with and without a label', async () => {
        const issuer = await aStoredIssuer(store);
        const labelled = anApiKey(issuer.id, { label: 'Registrar office — مكتب التسجيل' });
        const bare = anApiKey(issuer.id);
        await store.apiKeys.add(labelled);
        await store.apiKeys.add(bare);

        expect(await store.apiKeys.findById(labelled.id)).to.deep.equal(labelled);
        const found = await store.apiKeys.findById(bare.id);
        expect(found).to.deep.equal(bare);
        expect(found).not.to.have.property('label');
        expect(found).not.to.have.property('revokedAt');
        expect(await store.apiKeys.findById(randomUUID())).to.equal(undefined);
      });

      it('lists only the issuer\u2019s own keys', async () => {
        const issuer = await aStoredIssuer(store);
        const other = await aStoredIssuer(store);
        const mine = [anApiKey(issuer.id, { createdAt: '2026-01-01T00:00:00.000Z' }), anApiKey(issuer.id, { createdAt: '2026-02-01T00:00:00.000Z' })];
        for (const key of mine) await store.apiKeys.add(key);
        await store.apiKeys.add(anApiKey(other.id));

        expect(await store.apiKeys.listForIssuer(issuer.id)).to.deep.equal(mine);
      });

      it('revokes a key of that issuer and records when', async () => {
        const issuer = await aStoredIssuer(store);
        const key = anApiKey(issuer.id);
        await store.apiKeys.add(key);

        expect(await store.apiKeys.revoke(issuer.id, key.id, '2026-07-01T00:00:00.000Z')).to.equal(true);
        expect(await store.apiKeys.findById(key.id)).to.deep.equal({ ...key, revokedAt: '2026-07-01T00:00:00.000Z' });
      });

      it('keeps the first revocation date when a key is revoked again', async () => {
        const issuer = await aStoredIssuer(store);
        const key = anApiKey(issuer.id);
        await store.apiKeys.add(key);
        await store.apiKeys.revoke(issuer.id, key.id, '2026-07-01T00:00:00.000Z');

        expect(await store.apiKeys.revoke(issuer.id, key.id, '2026-08-01T00:00:00.000Z')).to.equal(true);
        expect((await store.apiKeys.findById(key.id))?.revokedAt).to.equal('2026-07-01T00:00:00.000Z');
      });

      it('answers false and changes nothing when the key belongs to another issuer', async () => {
        const owner = await aStoredIssuer(store);
        const intruder = await aStoredIssuer(store);
        const key = anApiKey(owner.id);
        await store.apiKeys.add(key);

        expect(await store.apiKeys.revoke(intruder.id, key.id, '2026-07-01T00:00:00.000Z')).to.equal(false);
        expect(await store.apiKeys.findById(key.id)).to.deep.equal(key);
      });

      it('answers false for a key that does not exist', async () => {
        const issuer = await aStoredIssuer(store);
        expect(await store.apiKeys.revoke(issuer.id, randomUUID(), '2026-07-01T00:00:00.000Z')).to.equal(false);
      });

      it('refuses a taken id with a conflict on "id"', async () => {
        const issuer = await aStoredIssuer(store);
        const key = anApiKey(issuer.id);
        await store.apiKeys.add(key);

        const error = await rejection(store.apiKeys.add(anApiKey(issuer.id, { id: key.id, secretHash: 'f'.repeat(64) })));

        expect(error).to.be.instanceOf(StoreConflictError);
        expect((error as StoreConflictError).field).to.equal('id');
        expect(await store.apiKeys.findById(key.id)).to.deep.equal(key);
      });
    });

    describe('credentials', () => {
      it('saves a credential and finds it by id, JSON and all', async () => {
        const issuer = await aStoredIssuer(store);
        const record = aCredential(issuer.id);

        expect(await store.credentials.saveIssued(record)).to.deep.equal({ outcome: 'saved', record });

        const found = await store.credentials.findById(record.id);
        expect(found).to.deep.equal(record);
        // Key order matters to anyone who re-serialises a signed document.
        expect(JSON.stringify(found?.credential)).to.equal(JSON.stringify(record.credential));
        expect(found).not.to.have.property('jwt');
      });

      it('keeps the JWT of a jwt credential', async () => {
        const issuer = await aStoredIssuer(store);
        const record = aCredential(issuer.id, { format: 'jwt', jwt: 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6MX0.c2ln' });
        await store.credentials.saveIssued(record);

        expect(await store.credentials.findById(record.id)).to.deep.equal(record);
      });

      it('gives a JWT credential back as issued: the same JWT and its envelope, by id and by idempotency key', async () => {
        const issuer = await aStoredIssuer(store);
        const record = aJwtCredential(issuer.id);
        const claim = aClaim(issuer.id);
        await store.credentials.saveIssued(record, claim);

        const found = await store.credentials.findById(record.id);
        expect(found).to.deep.equal(record);
        expect(found?.jwt).to.equal(record.jwt);
        expect(JSON.stringify(found?.credential)).to.equal(JSON.stringify(record.credential));
        expect(await store.credentials.findByIdempotencyKey(issuer.id, claim.key)).to.deep.equal({ record, requestHash: claim.requestHash });
      });

      it('keeps the JSON of a jwt credential that is not the envelope of its JWT', async () => {
        const issuer = await aStoredIssuer(store);
        const jwt = aJwtCredential(issuer.id).jwt as string;
        // An envelope of another JWT, and one with a member more: neither may be rebuilt from the JWT.
        for (const credential of [
          { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `data:application/vc+jwt,${jwt}x`, type: 'EnvelopedVerifiableCredential' },
          { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential', name: 'n' },
        ]) {
          const record = aCredential(issuer.id, { format: 'jwt', jwt, credential });
          await store.credentials.saveIssued(record);
          expect(await store.credentials.findById(record.id)).to.deep.equal(record);
        }
      });

      it('answers undefined for an unknown id', async () => {
        expect(await store.credentials.findById(`urn:uuid:${randomUUID()}`)).to.equal(undefined);
      });

      it('refuses a taken id with a conflict on "id", keeping the first credential', async () => {
        const issuer = await aStoredIssuer(store);
        const first = aCredential(issuer.id);
        await store.credentials.saveIssued(first);

        const error = await rejection(store.credentials.saveIssued(aCredential(issuer.id, { id: first.id, issuedAt: '2027-01-01T00:00:00.000Z' })));

        expect(error).to.be.instanceOf(StoreConflictError);
        expect((error as StoreConflictError).field).to.equal('id');
        expect(await store.credentials.findById(first.id)).to.deep.equal(first);
      });
    });

    describe('idempotency', () => {
      it('replays the first credential and its request hash for a reused key, and stores nothing new', async () => {
        const issuer = await aStoredIssuer(store);
        const claim = aClaim(issuer.id, 'hash-of-first-body');
        const first = aCredential(issuer.id);
        const second = aCredential(issuer.id);

        expect(await store.credentials.saveIssued(first, claim)).to.deep.equal({ outcome: 'saved', record: first });
        // Another body under the same key: the caller needs the FIRST hash to see it differs.
        const replay = await store.credentials.saveIssued(second, { ...claim, requestHash: 'hash-of-second-body' });

        expect(replay).to.deep.equal({ outcome: 'replayed', record: first, requestHash: 'hash-of-first-body' });
        expect(await store.credentials.findById(second.id)).to.equal(undefined);
      });

      it('lets exactly one of 20 concurrent saves under one key through', async () => {
        const issuer = await aStoredIssuer(store);
        const claim = aClaim(issuer.id);
        const records = Array.from({ length: 20 }, () => aCredential(issuer.id));

        const results = await Promise.all(records.map((record) => store.credentials.saveIssued(record, claim)));

        const saved = results.filter((result) => result.outcome === 'saved');
        expect(saved).to.have.length(1);
        const winner = saved[0]?.record;
        for (const result of results) expect(result.record).to.deep.equal(winner);
        const stored = await Promise.all(records.map((record) => store.credentials.findById(record.id)));
        expect(stored.filter((found) => found !== undefined)).to.deep.equal([winner]);
      });

      it('finds an earlier request by issuer and key', async () => {
        const issuer = await aStoredIssuer(store);
        const other = await aStoredIssuer(store);
        const claim = aClaim(issuer.id, 'hash-1');
        const record = aCredential(issuer.id);
        await store.credentials.saveIssued(record, claim);

        expect(await store.credentials.findByIdempotencyKey(issuer.id, claim.key)).to.deep.equal({ record, requestHash: 'hash-1' });
        expect(await store.credentials.findByIdempotencyKey(other.id, claim.key)).to.equal(undefined);
        expect(await store.credentials.findByIdempotencyKey(issuer.id, randomUUID())).to.equal(undefined);
      });

      it('keeps keys of different issuers apart', async () => {
        const one = await aStoredIssuer(store);
        const two = await aStoredIssuer(store);
        const key = randomUUID();
        const first = aCredential(one.id);
        const second = aCredential(two.id);

        expect((await store.credentials.saveIssued(first, { issuerId: one.id, key, requestHash: 'h' })).outcome).to.equal('saved');
        expect((await store.credentials.saveIssued(second, { issuerId: two.id, key, requestHash: 'h' })).outcome).to.equal('saved');
        expect(await store.credentials.findById(second.id)).to.deep.equal(second);
      });

      it('does not keep the claim when the credential cannot be stored', async () => {
        const issuer = await aStoredIssuer(store);
        const existing = aCredential(issuer.id);
        await store.credentials.saveIssued(existing);
        const claim = aClaim(issuer.id);

        const error = await rejection(store.credentials.saveIssued(aCredential(issuer.id, { id: existing.id }), claim));

        expect(error).to.be.instanceOf(StoreConflictError);
        expect(await store.credentials.findByIdempotencyKey(issuer.id, claim.key)).to.equal(undefined);
        // The key is still free for a request that can be stored.
        const retry = aCredential(issuer.id);
        expect(await store.credentials.saveIssued(retry, claim)).to.deep.equal({ outcome: 'saved', record: retry });
      });
    });

    describe('trust entries', () => {
      const entry = (subjectDid: string) => ({
        did: subjectDid,
        legalName: { ar: 'مركز التكوين', fr: 'Centre de formation' },
        scope: { fieldsOfStudy: ['0714'] },
      });

      it('returns an added entry field for field, JSON entry included, and lists it', async () => {
        const id = randomUUID();
        const subjectDid = `did:web:example.org:issuers:${id}`;
        await store.trustEntries.add({ id, origin: 'operator', subjectDid, entry: entry(subjectDid), createdAt: '2026-01-02T03:04:05.000Z' });
        expect(await store.trustEntries.findById(id)).to.deep.equal({
          id,
          origin: 'operator',
          subjectDid,
          entry: entry(subjectDid),
          createdAt: '2026-01-02T03:04:05.000Z',
        });
        expect((await store.trustEntries.list()).map((record) => record.id)).to.include(id);
      });

      it('withdraws once and keeps the entry with the time it was withdrawn', async () => {
        const id = randomUUID();
        await store.trustEntries.add({ id, origin: 'operator', subjectDid: 'did:key:z', entry: entry('did:key:z'), createdAt: '2026-01-02T03:04:05.000Z' });
        expect(await store.trustEntries.withdraw(id, '2026-02-01T00:00:00.000Z')).to.equal(true);
        expect(await store.trustEntries.withdraw(id, '2026-03-01T00:00:00.000Z')).to.equal(false);
        expect(await store.trustEntries.withdraw(randomUUID(), '2026-03-01T00:00:00.000Z')).to.equal(false);
        expect((await store.trustEntries.findById(id))?.withdrawnAt).to.equal('2026-02-01T00:00:00.000Z');
      });

      it('refuses a taken id with a conflict', async () => {
        const id = randomUUID();
        await store.trustEntries.add({ id, origin: 'operator', subjectDid: 'did:key:z', entry: {}, createdAt: '2026-01-02T03:04:05.000Z' });
        const refused = await store.trustEntries
          .add({ id, origin: 'operator', subjectDid: 'did:key:y', entry: {}, createdAt: '2026-01-02T03:04:05.000Z' })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        expect(refused).to.be.instanceOf(StoreConflictError);
      });
    });

    describe('credential offers', () => {
      async function anOffer(overrides: Partial<CredentialOfferRecord> = {}): Promise<CredentialOfferRecord> {
        const issuer = await aStoredIssuer(store);
        const credential = aCredential(issuer.id);
        await store.credentials.saveIssued(credential);
        return {
          id: randomUUID(),
          issuerId: issuer.id,
          credentialId: credential.id,
          codeHash: randomUUID().replace(/-/g, ''),
          txCodeHash: randomUUID().replace(/-/g, ''),
          state: 'offered',
          failedTxCodes: 0,
          createdAt: '2026-01-01T00:00:00.000Z',
          expiresAt: '2026-01-08T00:00:00.000Z',
          ...overrides,
        };
      }

      it('finds an added offer by code hash, by id and by credential, field for field', async () => {
        const offer = await anOffer();
        await store.credentialOffers.add(offer);

        expect(await store.credentialOffers.findByCodeHash(offer.codeHash)).to.deep.equal(offer);
        expect(await store.credentialOffers.findById(offer.id)).to.deep.equal(offer);
        expect(await store.credentialOffers.listForCredential(offer.credentialId)).to.deep.equal([offer]);
        expect(await store.credentialOffers.findByCodeHash('missing')).to.equal(undefined);
      });

      it('refuses a code hash already taken', async () => {
        const first = await anOffer();
        await store.credentialOffers.add(first);
        const error = await rejection(store.credentialOffers.add({ ...(await anOffer()), codeHash: first.codeHash }));
        expect(error).to.be.instanceOf(StoreConflictError);
        expect((error as StoreConflictError).field).to.equal('codeHash');
      });

      it('moves offered → redeemed → delivered once each, and back to redeemed clearing the delivery', async () => {
        const offer = await anOffer();
        await store.credentialOffers.add(offer);
        const at = '2026-01-02T00:00:00.000Z';

        expect(await store.credentialOffers.transition(offer.id, 'offered', 'redeemed', { redeemedAt: at })).to.equal(true);
        expect(await store.credentialOffers.transition(offer.id, 'offered', 'redeemed', { redeemedAt: at })).to.equal(false);
        expect(await store.credentialOffers.transition(offer.id, 'redeemed', 'delivered', { deliveredAt: at })).to.equal(true);
        expect(await store.credentialOffers.transition(offer.id, 'delivered', 'redeemed', { deliveredAt: undefined })).to.equal(true);
        expect(await store.credentialOffers.findById(offer.id)).to.deep.equal({ ...offer, state: 'redeemed', redeemedAt: at });
        await store.credentialOffers.transition(offer.id, 'redeemed', 'delivered', { deliveredAt: at });
        expect(await store.credentialOffers.transition(offer.id, 'delivered', 'delivered', { deliveredCredentialId: offer.credentialId })).to.equal(true);
        expect(await store.credentialOffers.findById(offer.id)).to.deep.equal({
          ...offer,
          state: 'delivered',
          redeemedAt: at,
          deliveredAt: at,
          deliveredCredentialId: offer.credentialId,
        });
      });

      it('lets exactly one of 10 concurrent redemptions through', async () => {
        const offer = await anOffer();
        await store.credentialOffers.add(offer);
        const results = await Promise.all(
          Array.from({ length: 10 }, () => store.credentialOffers.transition(offer.id, 'offered', 'redeemed', { redeemedAt: offer.createdAt })),
        );
        expect(results.filter(Boolean)).to.have.length(1);
      });

      it('counts wrong transaction codes, concurrent ones included', async () => {
        const offer = await anOffer();
        await store.credentialOffers.add(offer);
        const counts = await Promise.all(Array.from({ length: 5 }, () => store.credentialOffers.recordFailedTxCode(offer.id)));
        expect([...counts].sort()).to.deep.equal([1, 2, 3, 4, 5]);
        expect((await store.credentialOffers.findById(offer.id))?.failedTxCodes).to.equal(5);
      });
    });

    describe('batch jobs', () => {
      const NOW = '2026-03-01T10:00:00.000Z';
      const lease = (owner: string, expiresAt = '2026-03-01T10:00:30.000Z') => ({ owner, expiresAt });

      async function aJob(rows = 3, overrides: Partial<BatchJobRecord> = {}) {
        const issuer = await aStoredIssuer(store);
        const job: BatchJobRecord = {
          id: randomUUID(),
          issuerId: issuer.id,
          profile: 'diploma',
          format: 'jwt',
          mode: 'valid-rows',
          total: rows + 1,
          state: 'running',
          createdAt: NOW,
          ...overrides,
        };
        const records: BatchRowRecord[] = [
          ...Array.from({ length: rows }, (_, index) => ({
            jobId: job.id,
            row: index + 2,
            rowKey: `key-${index}`,
            idempotencyKey: `batch:diploma:${job.id}:${index}`,
            request: { holder: { name: `Étudiant ${index}` }, title: { ar: 'تقني متخصص' } },
            status: 'pending' as const,
          })),
          {
            jobId: job.id,
            row: rows + 2,
            idempotencyKey: `batch-job:${job.id}:row:${rows + 2}`,
            status: 'invalid',
            errors: [{ pointer: '/rows/9/x', detail: 'bad' }],
          },
        ];
        await store.batchJobs.create(job, records);
        return { issuer, job, records };
      }

      function anOfferOf(issuerId: string, credentialId: string): CredentialOfferRecord {
        return {
          id: randomUUID(),
          issuerId,
          credentialId,
          codeHash: randomUUID().replace(/-/g, ''),
          txCodeHash: randomUUID().replace(/-/g, ''),
          state: 'offered',
          failedTxCodes: 0,
          createdAt: NOW,
          expiresAt: '2026-03-08T10:00:00.000Z',
        };
      }

      it('stores a job and its rows: results without requests, pending rows with them, counts per status', async () => {
        const { job, records } = await aJob(2, { offers: true });
        expect(await store.batchJobs.findById(job.id)).to.deep.equal(job);
        expect(await store.batchJobs.findById(randomUUID())).to.equal(undefined);
        expect(await store.batchJobs.pendingRows(job.id)).to.deep.equal(records.slice(0, 2));
        expect(await store.batchJobs.rows(job.id)).to.deep.equal(records.map(({ request: _request, ...row }) => row));
        expect(await store.batchJobs.counts(job.id)).to.deep.equal({ pending: 2, issued: 0, replayed: 0, invalid: 1, failed: 0 });
        expect((await store.batchJobs.listUnfinished()).map((unfinished) => unfinished.id)).to.include(job.id);
        const { job: plain } = await aJob(1);
        expect((await store.batchJobs.findById(plain.id))?.offers).to.equal(undefined);
      });

      it('commits a group with its credentials, claims and offers; a claim already taken answers the earlier credential', async () => {
        const { issuer, job, records } = await aJob(3);
        expect(await store.batchJobs.takeLease(job.id, lease('runner-a'), NOW)).to.equal(true);
        // Row 3's claim was taken earlier (the same rowKey in another file) with the same request.
        const earlier = aCredential(issuer.id);
        await store.credentials.saveIssued(earlier, { issuerId: issuer.id, key: records[1]?.idempotencyKey as string, requestHash: 'same' });
        const issued = [aCredential(issuer.id), aCredential(issuer.id)];
        const offers = [anOfferOf(issuer.id, issued[0]?.id as string), anOfferOf(issuer.id, issued[1]?.id as string)];
        const outcomes = await store.batchJobs.commitRows(
          job.id,
          {
            issued: [
              {
                row: 2,
                record: issued[0] as CredentialRecord,
                claim: { issuerId: issuer.id, key: records[0]?.idempotencyKey as string, requestHash: 'r2' },
                offer: { record: offers[0] as CredentialOfferRecord, sealed: 'sealed-2' },
              },
              {
                row: 3,
                record: issued[1] as CredentialRecord,
                claim: { issuerId: issuer.id, key: records[1]?.idempotencyKey as string, requestHash: 'same' },
                offer: { record: offers[1] as CredentialOfferRecord, sealed: 'sealed-3' },
              },
            ],
            replayed: [],
            failed: [{ row: 4, errors: [{ pointer: '/rows/4/awardDate', detail: 'refused' }] }],
          },
          lease('runner-a'),
        );
        expect(outcomes).to.deep.include.members([
          { row: 2, status: 'issued', credentialId: issued[0]?.id },
          { row: 3, status: 'replayed', credentialId: earlier.id },
          { row: 4, status: 'failed', errors: [{ pointer: '/rows/4/awardDate', detail: 'refused' }] },
        ]);
        expect(await store.credentials.findById(issued[0]?.id as string)).to.deep.equal(issued[0]);
        expect(await store.credentials.findById(issued[1]?.id as string), 'a replayed row stores no second credential').to.equal(undefined);
        // Each offer is for the credential its row ended up with.
        expect((await store.credentialOffers.findById(offers[0]?.id as string))?.credentialId).to.equal(issued[0]?.id);
        expect((await store.credentialOffers.findById(offers[1]?.id as string))?.credentialId).to.equal(earlier.id);
        const rows = await store.batchJobs.rows(job.id);
        expect(rows[0]).to.deep.equal({
          jobId: job.id,
          row: 2,
          rowKey: 'key-0',
          idempotencyKey: records[0]?.idempotencyKey,
          status: 'issued',
          credentialId: issued[0]?.id,
          offerId: offers[0]?.id,
          sealedOffer: 'sealed-2',
        });
        expect(rows[1]).to.include({ status: 'replayed', credentialId: earlier.id, offerId: offers[1]?.id, sealedOffer: 'sealed-3' });
        expect(rows[2]).to.deep.include({ status: 'failed', errors: [{ pointer: '/rows/4/awardDate', detail: 'refused' }] });
        expect(await store.batchJobs.pendingRows(job.id)).to.deep.equal([]);
        expect(await store.batchJobs.counts(job.id)).to.deep.equal({ pending: 0, issued: 1, replayed: 1, invalid: 1, failed: 1 });

        await store.batchJobs.finish(job.id, '2026-03-01T10:01:00.000Z', 'runner-a');
        expect(await store.batchJobs.findById(job.id)).to.deep.equal({ ...job, state: 'completed', finishedAt: '2026-03-01T10:01:00.000Z' });
        expect((await store.batchJobs.listUnfinished()).map((unfinished) => unfinished.id)).to.not.include(job.id);
        expect(await store.batchJobs.takeLease(job.id, lease('runner-b'), '2027-01-01T00:00:00.000Z'), 'a completed job is nobody\u2019s').to.equal(false);
      });

      it('leases a job to one runner until it runs out; a runner that lost it writes nothing', async () => {
        const { issuer, job, records } = await aJob(1);
        expect(await store.batchJobs.takeLease(job.id, lease('runner-a'), NOW)).to.equal(true);
        expect(await store.batchJobs.takeLease(job.id, lease('runner-b'), NOW), 'held by a').to.equal(false);
        expect(await store.batchJobs.takeLease(job.id, lease('runner-a', '2026-03-01T10:00:40.000Z'), NOW), 'renewed by its owner').to.equal(true);
        expect(await store.batchJobs.takeLease(job.id, lease('runner-b', '2026-03-01T10:02:00.000Z'), '2026-03-01T10:00:41.000Z'), 'run out').to.equal(true);

        const record = aCredential(issuer.id);
        const group = {
          issued: [{ row: 2, record, claim: { issuerId: issuer.id, key: records[0]?.idempotencyKey as string, requestHash: 'r' } }],
          replayed: [],
          failed: [],
        };
        const lost = await store.batchJobs.commitRows(job.id, group, lease('runner-a')).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(lost).to.be.instanceOf(BatchLeaseLostError);
        expect(await store.credentials.findById(record.id)).to.equal(undefined);
        expect(await store.credentials.findByIdempotencyKey(issuer.id, records[0]?.idempotencyKey as string)).to.equal(undefined);
        expect(await store.batchJobs.counts(job.id)).to.deep.include({ pending: 1, issued: 0 });
        const notFinished = await store.batchJobs.finish(job.id, NOW, 'runner-a').then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(notFinished).to.be.instanceOf(BatchLeaseLostError);
        expect((await store.batchJobs.findById(job.id))?.state).to.equal('running');

        // Released by its owner, it can be taken at once (another owner's release changes nothing).
        await store.batchJobs.releaseLease(job.id, 'runner-a');
        expect(await store.batchJobs.takeLease(job.id, lease('runner-c'), NOW)).to.equal(false);
        await store.batchJobs.releaseLease(job.id, 'runner-b');
        expect(await store.batchJobs.takeLease(job.id, lease('runner-c'), NOW)).to.equal(true);
      });

      it('gives a free job to exactly one of 10 runners asking at once', async () => {
        const { job } = await aJob(1);
        const taken = await Promise.all(Array.from({ length: 10 }, (_, index) => store.batchJobs.takeLease(job.id, lease(`runner-${index}`), NOW)));
        expect(taken.filter(Boolean)).to.have.length(1);
      });
    });

    describe('status', () => {
      it('hands out ordinals 0, 1, 2… from one list, and counts them', async () => {
        const issuer = await aStoredIssuer(store);
        const made: StatusListRecord[] = [];
        const newList = () => {
          const list = aStatusList(issuer.id, 100);
          made.push(list);
          return list;
        };

        const taken = [];
        for (let i = 0; i < 3; i += 1) taken.push(await store.status.allocate(issuer.id, newList));

        expect(made).to.have.length(1);
        expect(taken.map((t) => t.ordinal)).to.deep.equal([0, 1, 2]);
        expect(taken.map((t) => t.list.id)).to.deep.equal([made[0]?.id, made[0]?.id, made[0]?.id]);
        const stored = await store.status.findList(made[0]?.id ?? '');
        expect(stored).to.deep.equal({ ...made[0], allocated: 3 });
      });

      it('opens a new list when the current one is full', async () => {
        const issuer = await aStoredIssuer(store);
        const lists = [aStatusList(issuer.id, 2, '2026-01-01T00:00:00.000Z'), aStatusList(issuer.id, 2, '2026-01-02T00:00:00.000Z')];
        let next = 0;
        const newList = () => lists[next++] as StatusListRecord;

        const taken = [];
        for (let i = 0; i < 3; i += 1) taken.push(await store.status.allocate(issuer.id, newList));

        expect(taken.map((t) => [t.list.id, t.ordinal])).to.deep.equal([
          [lists[0]?.id, 0],
          [lists[0]?.id, 1],
          [lists[1]?.id, 0],
        ]);
        expect((await store.status.findList(lists[0]?.id ?? ''))?.allocated).to.equal(2);
      });

      it('takes blocks of ordinals, cut short at the end of a list, then opens the next list', async () => {
        const issuer = await aStoredIssuer(store);
        const lists = [aStatusList(issuer.id, 10, '2026-01-01T00:00:00.000Z'), aStatusList(issuer.id, 10, '2026-01-02T00:00:00.000Z')];
        let next = 0;
        const newList = () => lists[next++] as StatusListRecord;

        const taken = [];
        for (let i = 0; i < 3; i += 1) taken.push(await store.status.allocate(issuer.id, newList, 4));

        expect(taken.map((t) => [t.list.id, t.ordinal, t.count])).to.deep.equal([
          [lists[0]?.id, 0, 4],
          [lists[0]?.id, 4, 4],
          [lists[0]?.id, 8, 2],
        ]);
        const fourth = await store.status.allocate(issuer.id, newList, 4);
        expect([fourth.list.id, fourth.ordinal, fourth.count]).to.deep.equal([lists[1]?.id, 0, 4]);
        expect((await store.status.findList(lists[0]?.id ?? ''))?.allocated).to.equal(10);
        expect((await store.status.findList(lists[1]?.id ?? ''))?.allocated).to.equal(4);
      });

      it('never overlaps blocks taken concurrently', async () => {
        const issuer = await aStoredIssuer(store);
        const taken = await Promise.all(Array.from({ length: 50 }, () => store.status.allocate(issuer.id, () => aStatusList(issuer.id, 50), 5)));

        const positions = taken.flatMap((t) => Array.from({ length: t.count }, (_, i) => `${t.list.id}/${t.ordinal + i}`));
        expect(positions).to.have.length(250);
        expect(new Set(positions).size).to.equal(250);
      });

      it('keeps lists of different issuers apart', async () => {
        const a = await aStoredIssuer(store);
        const b = await aStoredIssuer(store);
        const first = await store.status.allocate(a.id, () => aStatusList(a.id, 10));
        const second = await store.status.allocate(b.id, () => aStatusList(b.id, 10));

        expect(second.list.id).not.to.equal(first.list.id);
        expect(second.ordinal).to.equal(0);
      });

      it('never gives one position twice to 200 concurrent allocations', async () => {
        const issuer = await aStoredIssuer(store);
        const taken = await Promise.all(Array.from({ length: 200 }, () => store.status.allocate(issuer.id, () => aStatusList(issuer.id, 64))));

        const positions = new Set(taken.map((t) => `${t.list.id}/${t.ordinal}`));
        expect(positions.size).to.equal(200);
        for (const t of taken) expect(t.ordinal).to.be.within(0, 63);
      });

      it('answers undefined for an unknown list', async () => {
        expect(await store.status.findList(randomUUID())).to.equal(undefined);
      });

      it('keeps the status position of a saved credential', async () => {
        const issuer = await aStoredIssuer(store);
        const { list, ordinal } = await store.status.allocate(issuer.id, () => aStatusList(issuer.id, 10));
        const record = aCredential(issuer.id, { status: { listId: list.id, ordinal } });
        await store.credentials.saveIssued(record);

        expect(await store.credentials.findById(record.id)).to.deep.equal(record);
      });

      it('refuses a second credential at a position already taken', async () => {
        const issuer = await aStoredIssuer(store);
        const { list, ordinal } = await store.status.allocate(issuer.id, () => aStatusList(issuer.id, 10));
        await store.credentials.saveIssued(aCredential(issuer.id, { status: { listId: list.id, ordinal } }));

        const error = await rejection(store.credentials.saveIssued(aCredential(issuer.id, { status: { listId: list.id, ordinal } })));

        expect(error).to.be.instanceOf(Error);
      });

      it('reports a credential never changed as active', async () => {
        const id = `https://passerelle.example/credentials/${randomUUID()}`;
        expect(await store.status.stateOf(id)).to.deep.equal({ credentialId: id, revoked: false, suspended: false });
        expect(await store.status.eventsFor(id)).to.deep.equal([]);
      });

      it('applies changes in order, logs each event and bumps the list version', async () => {
        const { issuer, record, position } = await aCredentialWithStatus(store);
        const active = { credentialId: record.id, revoked: false, suspended: false };
        const suspended = { ...active, suspended: true };
        const revoked = { ...suspended, revoked: true };
        const events = [
          aStatusEvent(issuer.id, record.id, 'suspend', { reason: 'Contrôle en cours — قيد المراجعة' }),
          aStatusEvent(issuer.id, record.id, 'unsuspend'),
          aStatusEvent(issuer.id, record.id, 'suspend'),
          aStatusEvent(issuer.id, record.id, 'revoke', { reason: 'issued in error' }),
        ];

        expect(await store.status.applyChange(position, active, suspended, events[0] as StatusEvent)).to.equal(true);
        expect(await store.status.applyChange(position, suspended, active, events[1] as StatusEvent)).to.equal(true);
        expect(await store.status.applyChange(position, active, suspended, events[2] as StatusEvent)).to.equal(true);
        expect(await store.status.applyChange(position, suspended, revoked, events[3] as StatusEvent)).to.equal(true);

        expect(await store.status.stateOf(record.id)).to.deep.equal(revoked);
        expect(await store.status.eventsFor(record.id)).to.deep.equal(events);
        expect((await store.status.findList(position.listId))?.version).to.equal(4);
        expect(await store.status.listFlagged(position.listId)).to.deep.equal([{ ordinal: position.ordinal, revoked: true, suspended: true }]);
      });

      it('lists only flagged positions of the list, by ordinal', async () => {
        const issuer = await aStoredIssuer(store);
        const listId = (await store.status.allocate(issuer.id, () => aStatusList(issuer.id, 10))).list.id;
        const records: CredentialRecord[] = [];
        records.push(await saveAt(store, issuer.id, { listId, ordinal: 0 }));
        for (let ordinal = 1; ordinal < 4; ordinal += 1) {
          const taken = await store.status.allocate(issuer.id, () => aStatusList(issuer.id, 10));
          records.push(await saveAt(store, issuer.id, { listId: taken.list.id, ordinal: taken.ordinal }));
        }
        const change = async (index: number, next: { revoked: boolean; suspended: boolean }, action: StatusEvent['action']) => {
          const record = records[index] as CredentialRecord;
          await store.status.applyChange(
            { listId, ordinal: index },
            { credentialId: record.id, revoked: false, suspended: false },
            { credentialId: record.id, ...next },
            aStatusEvent(issuer.id, record.id, action),
          );
        };
        await change(3, { revoked: false, suspended: true }, 'suspend');
        await change(1, { revoked: true, suspended: false }, 'revoke');

        expect(await store.status.listFlagged(listId)).to.deep.equal([
          { ordinal: 1, revoked: true, suspended: false },
          { ordinal: 3, revoked: false, suspended: true },
        ]);
      });

      it('refuses a change made on a stale state, writing nothing', async () => {
        const { issuer, record, position } = await aCredentialWithStatus(store);
        const active = { credentialId: record.id, revoked: false, suspended: false };
        await store.status.applyChange(position, active, { ...active, suspended: true }, aStatusEvent(issuer.id, record.id, 'suspend'));
        const versionBefore = (await store.status.findList(position.listId))?.version;

        const stale = await store.status.applyChange(position, active, { ...active, revoked: true }, aStatusEvent(issuer.id, record.id, 'revoke'));

        expect(stale).to.equal(false);
        expect(await store.status.stateOf(record.id)).to.deep.equal({ ...active, suspended: true });
        expect(await store.status.eventsFor(record.id)).to.have.length(1);
        expect((await store.status.findList(position.listId))?.version).to.equal(versionBefore);
      });

      it('lets exactly one of 10 concurrent first changes through', async () => {
        const { issuer, record, position } = await aCredentialWithStatus(store);
        const active = { credentialId: record.id, revoked: false, suspended: false };

        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            store.status.applyChange(position, active, { ...active, suspended: true }, aStatusEvent(issuer.id, record.id, 'suspend')),
          ),
        );

        expect(results.filter(Boolean)).to.have.length(1);
        expect(await store.status.eventsFor(record.id)).to.have.length(1);
      });
    });

    describe('lifecycle', () => {
      it('names its kind and answers a ping', async () => {
        expect(store.kind).to.be.a('string').and.not.equal('');
        await store.ping();
      });

      it('stops answering once closed, and closing twice is harmless', async () => {
        const own = await open();
        await own.ping();

        await own.close();
        await own.close();

        expect(await rejection(own.ping())).to.be.instanceOf(Error);
      });
    });
  });
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail('expected the promise to reject, but it resolved');
}

function anIssuer(overrides: Partial<IssuerRecord> = {}): IssuerRecord {
  const slug = `issuer-${randomUUID()}`;
  return {
    id: randomUUID(),
    slug,
    legalName: 'Centre de formation',
    country: 'FR',
    names: { fr: 'Centre de formation', en: 'Training centre' },
    didMethod: 'web',
    did: `did:web:passerelle.example:issuers:${slug}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

async function aStoredIssuer(store: Store): Promise<IssuerRecord> {
  const issuer = anIssuer();
  await store.issuers.create(issuer);
  return issuer;
}

function aKey(issuerId: string, overrides: Partial<IssuerKeyRecord> = {}): IssuerKeyRecord {
  const id = randomUUID();
  return {
    id: `did:web:passerelle.example#${id}`,
    issuerId,
    publicKeyMultibase: `z6Mk${id.replaceAll('-', '')}`,
    sealedSecretKey: `sealed:${id}`,
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function anApiKey(issuerId: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: randomUUID().replaceAll('-', '').slice(0, 16),
    issuerId,
    secretHash: 'a'.repeat(64),
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function aCredential(issuerId: string, overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  const id = `https://passerelle.example/credentials/${randomUUID()}`;
  return {
    id,
    issuerId,
    format: 'di',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id,
      type: ['VerifiableCredential'],
      // Full IRIs as keys: dots in keys must survive every store.
      credentialSubject: { 'https://schema.org/name': 'Ámina — أمينة', level: 4, done: true, none: null, tags: ['a', 'b'] },
      proof: { type: 'DataIntegrityProof', proofValue: 'z3abc' },
    },
    issuedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A JWT credential as issue-credential records it: the compact JWS and its EnvelopedVerifiableCredential. */
export function aJwtCredential(issuerId: string): CredentialRecord {
  const id = `https://passerelle.example/credentials/${randomUUID()}`;
  const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: 'did:web:passerelle.example#key-1' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], id, name: 'Ámina — أمينة' })).toString('base64url');
  const jwt = `${header}.${payload}.${Buffer.from('signature').toString('base64url')}`;
  const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' };
  return { id, issuerId, format: 'jwt', credential, jwt, issuedAt: '2026-01-01T00:00:00.000Z' };
}

function aClaim(issuerId: string, requestHash = 'request-hash'): IdempotencyClaim {
  return { issuerId, key: randomUUID(), requestHash };
}

function aStatusList(issuerId: string, size: number, createdAt = '2026-01-01T00:00:00.000Z'): StatusListRecord {
  return { id: randomUUID(), issuerId, size, allocated: 0, permutationKey: 'ab'.repeat(32), version: 0, createdAt };
}

function aStatusEvent(issuerId: string, credentialId: string, action: StatusEvent['action'], overrides: Partial<StatusEvent> = {}): StatusEvent {
  return { id: randomUUID(), credentialId, issuerId, action, actor: 'api-key-1', at: new Date().toISOString(), ...overrides };
}

async function saveAt(store: Store, issuerId: string, position: { listId: string; ordinal: number }): Promise<CredentialRecord> {
  const record = aCredential(issuerId, { status: position });
  await store.credentials.saveIssued(record);
  return record;
}

async function aCredentialWithStatus(store: Store) {
  const issuer = await aStoredIssuer(store);
  const { list, ordinal } = await store.status.allocate(issuer.id, () => aStatusList(issuer.id, 10));
  const position = { listId: list.id, ordinal };
  const record = await saveAt(store, issuer.id, position);
  return { issuer, record, position };
}
