import { join } from 'node:path';
import { openMongoStore } from './mongodb/mongo-store.js';
import type { Store } from './ports.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface StoreOptions {
  /** Where the SQLite file lives when MongoDB is not configured. */
  dataDir: string;
  /** Set to use MongoDB instead of the SQLite file. */
  mongodbUri?: string;
}

/** Picks the adapter. The only module that knows both exist. */
export async function createStore(options: StoreOptions): Promise<Store> {
  if (options.mongodbUri !== undefined && options.mongodbUri !== '') return openMongoStore(options.mongodbUri);
  return openSqliteStore(join(options.dataDir, 'passerelle.sqlite'));
}
