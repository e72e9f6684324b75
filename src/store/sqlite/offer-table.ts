import type Database from 'better-sqlite3';
import type { CredentialOfferRecord, CredentialOfferStore, OfferState } from '../ports.js';
import { toConflict } from './constraint-errors.js';

interface OfferRow {
  id: string;
  issuer_id: string;
  credential_id: string;
  code_hash: string;
  tx_code_hash: string;
  state: OfferState;
  failed_tx_codes: number;
  created_at: string;
  expires_at: string;
  redeemed_at: string | null;
  delivered_at: string | null;
  delivered_credential_id: string | null;
}

/** Inserts one offer (conflicts as `StoreConflictError`); batch-tables.ts writes a row's offer through it, in its group's transaction. */
export function offerInsert(db: Database.Database): (offer: CredentialOfferRecord) => void {
  const insert = db.prepare(
    `INSERT INTO credential_offers (id, issuer_id, credential_id, code_hash, tx_code_hash, state, failed_tx_codes, created_at, expires_at,
       redeemed_at, delivered_at, delivered_credential_id)
     VALUES (@id, @issuerId, @credentialId, @codeHash, @txCodeHash, @state, @failedTxCodes, @createdAt, @expiresAt,
       @redeemedAt, @deliveredAt, @deliveredCredentialId)`,
  );
  return (offer) => {
    try {
      insert.run({
        id: offer.id,
        issuerId: offer.issuerId,
        credentialId: offer.credentialId,
        codeHash: offer.codeHash,
        txCodeHash: offer.txCodeHash,
        state: offer.state,
        failedTxCodes: offer.failedTxCodes,
        createdAt: offer.createdAt,
        expiresAt: offer.expiresAt,
        redeemedAt: offer.redeemedAt ?? null,
        deliveredAt: offer.deliveredAt ?? null,
        deliveredCredentialId: offer.deliveredCredentialId ?? null,
      });
    } catch (error) {
      throw toConflict(error, `Credential offer ${offer.id}`);
    }
  };
}

export function sqliteCredentialOfferStore(db: Database.Database): CredentialOfferStore {
  const insert = offerInsert(db);
  const byCodeHash = db.prepare<[string], OfferRow>('SELECT * FROM credential_offers WHERE code_hash = ?');
  const byId = db.prepare<[string], OfferRow>('SELECT * FROM credential_offers WHERE id = ?');
  const byCredential = db.prepare<[string], OfferRow>('SELECT * FROM credential_offers WHERE credential_id = ? ORDER BY created_at, rowid');
  const failTxCode = db.prepare<[string], { failed_tx_codes: number }>(
    'UPDATE credential_offers SET failed_tx_codes = failed_tx_codes + 1 WHERE id = ? RETURNING failed_tx_codes',
  );
  return {
    async add(offer) {
      insert(offer);
    },
    async findByCodeHash(codeHash) {
      const row = byCodeHash.get(codeHash);
      return row === undefined ? undefined : fromRow(row);
    },
    async findById(id) {
      const row = byId.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    async listForCredential(credentialId) {
      return byCredential.all(credentialId).map(fromRow);
    },
    async recordFailedTxCode(id) {
      return failTxCode.get(id)?.failed_tx_codes ?? 0;
    },
    async transition(id, from, to, fields = {}) {
      // Only the named fields change; the state in WHERE makes it a compare-and-set.
      const columns: Record<string, string> = { redeemedAt: 'redeemed_at', deliveredAt: 'delivered_at', deliveredCredentialId: 'delivered_credential_id' };
      const names = Object.keys(fields).filter((name) => name in columns);
      const sets = ['state = @to', ...names.map((name) => `${columns[name] as string} = @${name}`)];
      const values = Object.fromEntries(names.map((name) => [name, (fields as Record<string, string | undefined>)[name] ?? null]));
      return db.prepare(`UPDATE credential_offers SET ${sets.join(', ')} WHERE id = @id AND state = @from`).run({ ...values, id, from, to }).changes === 1;
    },
  };
}

function fromRow(row: OfferRow): CredentialOfferRecord {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    credentialId: row.credential_id,
    codeHash: row.code_hash,
    txCodeHash: row.tx_code_hash,
    state: row.state,
    failedTxCodes: row.failed_tx_codes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.redeemed_at === null ? {} : { redeemedAt: row.redeemed_at }),
    ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at }),
    ...(row.delivered_credential_id === null ? {} : { deliveredCredentialId: row.delivered_credential_id }),
  };
}
