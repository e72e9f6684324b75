import { prepareRows, type PreparedRow, type RowsToPrepare } from './prepare-rows.js';

/**
 * Runs in a worker thread (prepare-pool.ts): a group's rows prepared (prepare-rows.ts) beside
 * the main thread, which meanwhile signs and commits the previous group. No store, no keys.
 */
export default function run(task: RowsToPrepare): PreparedRow[] {
  return prepareRows(task);
}
