import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRecord, Store } from '../store/ports.js';
import { ProblemError } from '../shared/problems.js';
import type { Clock } from '../shared/clock.js';

/**
 * API keys look like `psk_<id>_<secret>`. The id finds the record; only a SHA-256 of
 * the secret is stored, so a leaked database does not leak working keys.
 */
const API_KEY = /^psk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export async function createApiKey(deps: { store: Store; clock: Clock }, issuerId: string, label?: string): Promise<{ apiKey: string; record: ApiKeyRecord }> {
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  const record: ApiKeyRecord = {
    id,
    issuerId,
    secretHash: hashSecret(secret),
    createdAt: deps.clock.now().toISOString(),
    ...(label === undefined ? {} : { label }),
  };
  await deps.store.apiKeys.add(record);
  return { apiKey: `psk_${id}_${secret}`, record };
}

/** The issuer an API key acts for, and the key's id (recorded as the actor of changes); 401 for anything that is not a live key. */
export async function authenticateApiKey(store: Store, apiKey: string): Promise<{ issuerId: string; apiKeyId: string }> {
  const match = API_KEY.exec(apiKey);
  if (match === null) throw new ProblemError('unauthenticated', 'The API key is malformed (expected psk_<id>_<secret>).');
  const [, id, secret] = match as unknown as [string, string, string];
  const record = await store.apiKeys.findById(id);
  const expected = Buffer.from(record?.secretHash ?? hashSecret('no such key'), 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  // Compare even when the id is unknown, so timing does not reveal which ids exist.
  const matches = timingSafeEqual(expected, actual);
  if (record === undefined || !matches) throw new ProblemError('unauthenticated', 'The API key is not valid.');
  if (record.revokedAt !== undefined) throw new ProblemError('unauthenticated', `The API key ${id} was revoked on ${record.revokedAt}.`);
  return { issuerId: record.issuerId, apiKeyId: record.id };
}
