import Database from 'better-sqlite3';
import { StoreConflictError } from '../ports.js';

/**
 * Unique rules whose columns are not the field callers know the rule by. SQLite
 * names the columns of the index that failed: for the partial index "one active key
 * per issuer" that is `issuer_keys.issuer_id`, but what clashed is the status.
 */
const RULES: Record<string, { field: string; detail: string }> = {
  'issuer_keys.issuer_id': { field: 'status', detail: 'the issuer already has an active key' },
};

/**
 * Turns a broken uniqueness rule into the port's `StoreConflictError`, naming the
 * field as the domain knows it (`slug`, `id`, …). Any other error is returned as is.
 * SQLite words it `UNIQUE constraint failed: issuers.slug`.
 */
export function toConflict(error: unknown, what: string): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  if (error.code !== 'SQLITE_CONSTRAINT_UNIQUE' && error.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return error;
  const match = /UNIQUE constraint failed: (\w+)\.(\w+)/.exec(error.message);
  if (match === null) return error;
  const [, table, column] = match as unknown as [string, string, string];
  const field = camelCase(column);
  const rule = RULES[`${table}.${column}`] ?? { field, detail: `${field} is already taken` };
  return new StoreConflictError(`${what}: ${rule.detail}.`, rule.field);
}

function camelCase(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
