import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { openMongoStore } from '../../src/store/mongodb/mongo-store.js';
import { runStoreContract } from './store-contract.js';

const MONGODB_URI = process.env.MONGODB_URI;

describe('MongoDB store', () => {
  if (MONGODB_URI === undefined || MONGODB_URI === '') {
    before(function () {
      console.warn('MongoDB store contract skipped: set MONGODB_URI to run it (no mongod can be installed on this machine)');
      this.skip();
    });
    // Registered only so that the skip above shows in the report as pending.
    it('passes the store contract against a real mongod', () => {
      expect.fail('unreachable: skipped in before()');
    });
    return;
  }

  // A database of its own, dropped afterwards, so runs never see each other's data.
  const uri = withDatabase(MONGODB_URI, `passerelle_test_${randomBytes(6).toString('hex')}`);

  runStoreContract(
    'mongodb',
    () => openMongoStore(uri),
    async () => {
      const connection = await mongoose.createConnection(uri).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  );
});

/**
 * The same URI with another database name. A URI with credentials but no authSource
 * authenticates against its database, so the original one is kept as authSource.
 * Written by hand because `new URL` rejects seed lists (`mongodb://h1:1,h2:2/db`).
 */
function withDatabase(uri: string, database: string): string {
  const [base = '', query] = uri.split('?', 2) as [string, string | undefined];
  const hostsStart = base.indexOf('://') + 3;
  const slash = base.indexOf('/', hostsStart);
  const hosts = slash === -1 ? base : base.slice(0, slash);
  const original = slash === -1 ? '' : base.slice(slash + 1);
  const params = new URLSearchParams(query);
  if (hosts.includes('@') && !params.has('authSource')) params.set('authSource', original === '' ? 'admin' : original);
  const search = params.toString();
  return `${hosts}/${database}${search === '' ? '' : `?${search}`}`;
}
