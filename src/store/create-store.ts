import { join } from 'node:path';
import type { Store } from './ports.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface StoreOptions {
  /** Where the SQLite file lives when MongoDB is not configured. */
  dataDir: string;
  /** Set to use MongoDB instead of the SQLite file. */
  mongodbUri?: string;
}

/**
 * Picks the adapter. The only module that knows both exist. The MongoDB adapter is imported
 * only when configured: mongoose and its driver cost about 30 MB of every process that loads
 * them (18 MB of it buffers allocated at import), for nothing on the SQLite default.
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  if (options.mongodbUri !== undefined && options.mongodbUri !== '') {
    const { openMongoStore } = await import('./mongodb/mongo-store.js');
    return openMongoStore(options.mongodbUri);
  }
  return openSqliteStore(join(options.dataDir, 'passerelle.sqlite'));
}
