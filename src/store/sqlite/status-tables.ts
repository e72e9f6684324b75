import type Database from 'better-sqlite3';
import type { CredentialStatusState, StatusEvent, StatusListRecord, StatusStore } from '../ports.js';

interface ListRow {
  id: string;
  issuer_id: string;
  size: number;
  allocated: number;
  permutation_key: string;
  version: number;
  created_at: string;
}

interface EventRow {
  id: string;
  credential_id: string;
  issuer_id: string;
  action: StatusEvent['action'];
  reason: string | null;
  actor: string;
  at: string;
}

export function sqliteStatusStore(db: Database.Database): StatusStore {
  const openList = db.prepare<[string], ListRow>('SELECT * FROM status_lists WHERE issuer_id = ? AND allocated < size ORDER BY created_at, id LIMIT 1');
  const take = db.prepare('UPDATE status_lists SET allocated = min(size, allocated + ?) WHERE id = ? AND allocated < size');
  const insertList = db.prepare(
    `INSERT INTO status_lists (id, issuer_id, size, allocated, permutation_key, version, created_at)
     VALUES (@id, @issuerId, @size, @allocated, @permutationKey, @version, @createdAt)`,
  );
  const listById = db.prepare<[string], ListRow>('SELECT * FROM status_lists WHERE id = ?');
  const flagged = db.prepare<[string], { ordinal: number; revoked: number; suspended: number }>(
    'SELECT ordinal, revoked, suspended FROM credential_status WHERE list_id = ? AND (revoked = 1 OR suspended = 1) ORDER BY ordinal',
  );
  const stateRow = db.prepare<[string], { revoked: number; suspended: number }>('SELECT revoked, suspended FROM credential_status WHERE credential_id = ?');
  const upsertState = db.prepare(
    `INSERT INTO credential_status (credential_id, list_id, ordinal, revoked, suspended)
     VALUES (@credentialId, @listId, @ordinal, @revoked, @suspended)
     ON CONFLICT (credential_id) DO UPDATE SET revoked = excluded.revoked, suspended = excluded.suspended`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO status_events (id, credential_id, issuer_id, action, reason, actor, at)
     VALUES (@id, @credentialId, @issuerId, @action, @reason, @actor, @at)`,
  );
  const bumpVersion = db.prepare('UPDATE status_lists SET version = version + 1 WHERE id = ?');
  const events = db.prepare<[string], EventRow>('SELECT * FROM status_events WHERE credential_id = ? ORDER BY seq');

  const stateOf = (credentialId: string): CredentialStatusState => {
    const row = stateRow.get(credentialId);
    return { credentialId, revoked: row?.revoked === 1, suspended: row?.suspended === 1 };
  };

  // IMMEDIATE: the read of `allocated` and its increment happen under the write lock,
  // so concurrent processes queue instead of reading the same counter.
  const allocate = db.transaction((issuerId: string, newList: () => StatusListRecord, count: number) => {
    const open = openList.get(issuerId);
    if (open !== undefined && take.run(count, open.id).changes === 1) {
      const taken = Math.min(count, open.size - open.allocated);
      return { list: toList({ ...open, allocated: open.allocated + taken }), ordinal: open.allocated, count: taken };
    }
    const list = newList();
    const taken = Math.min(count, list.size);
    insertList.run({ ...list, allocated: taken });
    return { list: { ...list, allocated: taken }, ordinal: 0, count: taken };
  });

  const applyChange = db.transaction(
    (position: { listId: string; ordinal: number }, expected: CredentialStatusState, next: CredentialStatusState, event: StatusEvent): boolean => {
      const current = stateOf(expected.credentialId);
      if (current.revoked !== expected.revoked || current.suspended !== expected.suspended) return false;
      upsertState.run({
        credentialId: next.credentialId,
        listId: position.listId,
        ordinal: position.ordinal,
        revoked: next.revoked ? 1 : 0,
        suspended: next.suspended ? 1 : 0,
      });
      insertEvent.run({ ...event, reason: event.reason ?? null });
      bumpVersion.run(position.listId);
      return true;
    },
  );

  return {
    async allocate(issuerId, newList, count = 1) {
      return allocate.immediate(issuerId, newList, count);
    },
    async findList(listId) {
      const row = listById.get(listId);
      return row === undefined ? undefined : toList(row);
    },
    async listFlagged(listId) {
      return flagged.all(listId).map((row) => ({ ordinal: row.ordinal, revoked: row.revoked === 1, suspended: row.suspended === 1 }));
    },
    async stateOf(credentialId) {
      return stateOf(credentialId);
    },
    async applyChange(position, expected, next, event) {
      return applyChange.immediate(position, expected, next, event);
    },
    async eventsFor(credentialId) {
      return events.all(credentialId).map(toEvent);
    },
  };
}

function toList(row: ListRow): StatusListRecord {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    size: row.size,
    allocated: row.allocated,
    permutationKey: row.permutation_key,
    version: row.version,
    createdAt: row.created_at,
  };
}

function toEvent(row: EventRow): StatusEvent {
  return {
    id: row.id,
    credentialId: row.credential_id,
    issuerId: row.issuer_id,
    action: row.action,
    ...(row.reason === null ? {} : { reason: row.reason }),
    actor: row.actor,
    at: row.at,
  };
}
