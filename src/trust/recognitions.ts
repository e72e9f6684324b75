import { randomUUID } from 'node:crypto';
import { issueCredential, type IssueDeps } from '../issue/issue-credential.js';
import { VC_V2_CONTEXT } from '../resolve/known-contexts.js';
import { ProblemError } from '../shared/problems.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import { changeStatus } from '../status/change-status.js';
import type { IssuerRecord, Store } from '../store/ports.js';
import { recognizedEntitySubject, TRUST_LIST_CONTEXTS, type TrustEntry, type TrustScope } from './trust-entry.js';
import type { TrustRegistry } from './trust-registry.js';

/** The operator's use cases on trust: its own entries, recognitions of hosted issuers, withdrawal, the published list. */

interface OperatorEntryRequest {
  did: string;
  legalName: Record<string, string>;
  country?: string;
  recognizedBy: { id?: string; name: string };
  validFrom?: string;
  validUntil?: string;
  decisionReference?: string;
  scope: TrustScope;
}

interface RecognitionRequest {
  recognizedBy: string;
  legalName?: Record<string, string>;
  validFrom?: string;
  validUntil?: string;
  decisionReference?: string;
  scope: TrustScope;
}

type Deps = IssueDeps & { trust: TrustRegistry };

/** POST /admin/trust/entries: the operator vouches for an issuer itself (not published). */
export async function addOperatorEntry(deps: { store: Store; clock: IssueDeps['clock']; trust: TrustRegistry }, body: unknown): Promise<TrustEntry> {
  assertMatchesSchema<OperatorEntryRequest>('trust-entry-request', body);
  assertPeriod(body.validFrom, body.validUntil);
  const id = randomUUID();
  const entry: TrustEntry = {
    id,
    did: body.did,
    legalName: body.legalName,
    ...(body.country === undefined ? {} : { country: body.country }),
    recognizedBy: { id: body.recognizedBy.id ?? 'operator', name: body.recognizedBy.name },
    ...(body.validFrom === undefined ? {} : { validFrom: body.validFrom }),
    ...(body.validUntil === undefined ? {} : { validUntil: body.validUntil }),
    ...(body.decisionReference === undefined ? {} : { decisionReference: body.decisionReference }),
    scope: body.scope,
    source: { kind: 'operator' },
  };
  await deps.store.trustEntries.add({ id, origin: 'operator', subjectDid: body.did, entry: { ...entry }, createdAt: deps.clock.now().toISOString() });
  deps.trust.invalidate();
  return entry;
}

/**
 * POST /admin/issuers/{slug}/recognition: a hosted authority signs a RecognizedEntityCredential
 * naming the hosted issuer, issued like any credential (stored, with a revocation entry), so
 * other services subscribed to GET /trust-list can verify it and see it withdrawn.
 */
export async function recognizeHostedIssuer(deps: Deps, slug: string, body: unknown): Promise<{ entry: TrustEntry; credential: Record<string, unknown> }> {
  assertMatchesSchema<RecognitionRequest>('recognition-request', body);
  assertPeriod(body.validFrom, body.validUntil);
  const issuer = await hosted(deps.store, slug, undefined);
  const authority = await hosted(deps.store, body.recognizedBy, '/recognizedBy');
  if (authority.id === issuer.id) throw new ProblemError('invalid-request', 'An issuer cannot recognize itself.', { pointer: '/recognizedBy' });
  const legalName = body.legalName ?? namesOf(issuer);
  const recognition: Omit<TrustEntry, 'id' | 'source'> = {
    did: issuer.did,
    legalName,
    country: issuer.country,
    recognizedBy: { id: authority.did, name: authority.legalName },
    ...(body.validFrom === undefined ? {} : { validFrom: body.validFrom }),
    ...(body.validUntil === undefined ? {} : { validUntil: body.validUntil }),
    ...(body.decisionReference === undefined ? {} : { decisionReference: body.decisionReference }),
    scope: body.scope,
  };
  const { verifiableCredential, record } = await issueCredential(deps, authority, {
    credential: {
      '@context': TRUST_LIST_CONTEXTS,
      type: ['VerifiableCredential', 'RecognizedEntityCredential'],
      issuer: { id: authority.did, name: authority.legalName },
      name: `${authority.legalName} recognizes ${issuer.legalName}`,
      // The credential's validity period is the recognition's (VC 2.0: validFrom ≤ validUntil, so a
      // recognition recorded after it ended starts when it started, not when it was recorded).
      ...(body.validFrom === undefined ? {} : { validFrom: body.validFrom }),
      ...(body.validUntil === undefined ? {} : { validUntil: body.validUntil }),
      credentialSubject: recognizedEntitySubject(recognition),
    },
  });
  const id = randomUUID();
  const entry: TrustEntry = { id, ...recognition, source: { kind: 'hosted', credentialId: record.id } };
  await deps.store.trustEntries.add({
    id,
    origin: 'hosted',
    subjectDid: issuer.did,
    entry: { ...entry },
    credentialId: record.id,
    createdAt: deps.clock.now().toISOString(),
  });
  deps.trust.invalidate();
  return { entry, credential: verifiableCredential };
}

/** DELETE /admin/trust/entries/{id}: kept for the record, no longer used; a published recognition is revoked. */
export async function withdrawEntry(deps: Deps, id: string): Promise<void> {
  const record = await deps.store.trustEntries.findById(id);
  if (record === undefined) throw new ProblemError('not-found', `No trust entry ${id}.`);
  if (record.credentialId !== undefined) {
    const credential = await deps.store.credentials.findById(record.credentialId);
    const authority = credential === undefined ? undefined : await deps.store.issuers.findById(credential.issuerId);
    if (credential !== undefined && authority !== undefined && !(await deps.store.status.stateOf(credential.id)).revoked) {
      await changeStatus(
        deps,
        { issuer: authority, apiKeyId: 'admin' },
        { credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }], reason: 'recognition withdrawn' },
      );
    }
  }
  await deps.store.trustEntries.withdraw(id, deps.clock.now().toISOString());
  deps.trust.invalidate();
}

/**
 * GET /trust-list: every recognition granted here, each its own signed RecognizedEntityCredential,
 * carried by an unsigned presentation (the envelope adds no claim; each credential is verified on
 * its own). Withdrawn ones stay listed: their status entry says they were revoked, so a subscriber
 * reports "withdrawn" rather than merely forgetting the issuer.
 */
export async function publishedTrustList(deps: { store: Store }): Promise<Record<string, unknown>> {
  const credentials: Array<Record<string, unknown>> = [];
  for (const record of await deps.store.trustEntries.list()) {
    if (record.origin !== 'hosted' || record.credentialId === undefined) continue;
    const stored = await deps.store.credentials.findById(record.credentialId);
    if (stored !== undefined) credentials.push(stored.credential);
  }
  return { '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], verifiableCredential: credentials };
}

async function hosted(store: Store, slug: string, pointer: string | undefined): Promise<IssuerRecord> {
  const issuer = await store.issuers.findBySlug(slug);
  if (issuer === undefined) throw new ProblemError('not-found', `No issuer "${slug}" is hosted here.`, pointer === undefined ? {} : { pointer });
  return issuer;
}

function namesOf(issuer: IssuerRecord): Record<string, string> {
  return Object.keys(issuer.names).length > 0 ? { ...issuer.names } : { en: issuer.legalName };
}

function assertPeriod(validFrom: string | undefined, validUntil: string | undefined): void {
  if (validFrom !== undefined && validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) {
    throw new ProblemError('invalid-request', 'validUntil must be later than validFrom.', { pointer: '/validUntil' });
  }
}
