import mongoose from 'mongoose';
import type { Store } from '../ports.js';
import { mongoBatchJobStore } from './batch-collections.js';
import { mongoCredentialStore } from './credential-collection.js';
import { mongoApiKeyStore, mongoIssuerStore, mongoKeyStore } from './issuer-collections.js';
import { defineModels } from './models.js';
import { mongoCredentialOfferStore } from './offer-collection.js';
import { mongoStatusStore } from './status-collections.js';
import { mongoTrustEntryStore } from './trust-collection.js';

/**
 * The store for deployments that already run MongoDB (MONGODB_URI). A standalone
 * mongod is enough: nothing here needs a replica set or transactions.
 */
export async function openMongoStore(uri: string): Promise<Store> {
  // A connection of our own, not Mongoose's global one: two stores (or a test and
  // the app) never share models or connection state.
  const connection = await mongoose
    .createConnection(uri, {
      // A write is acknowledged once a majority of the replica set has it, so an
      // issued credential survives a failover. A standalone mongod treats it as w:1.
      writeConcern: { w: 'majority' },
      // Fail at once when the server is gone, instead of queueing writes in memory
      // while the request that made them waits: /healthz and the caller see an error.
      bufferCommands: false,
      autoIndex: true,
      autoCreate: true,
    })
    .asPromise();

  const models = await defineModels(connection).catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });

  let closed = false;
  return {
    kind: 'mongodb',
    issuers: mongoIssuerStore(models),
    keys: mongoKeyStore(models),
    apiKeys: mongoApiKeyStore(models),
    credentials: mongoCredentialStore(models),
    status: mongoStatusStore(models),
    trustEntries: mongoTrustEntryStore(models),
    credentialOffers: mongoCredentialOfferStore(models),
    batchJobs: mongoBatchJobStore(models),
    async ping() {
      // The driver may reconnect a closed client on demand; a closed store must say so.
      if (closed) throw new Error('The MongoDB store is closed.');
      const db = connection.db;
      if (db === undefined) throw new Error('The MongoDB connection has no database.');
      await db.command({ ping: 1 });
    },
    async close() {
      if (closed) return;
      closed = true;
      await connection.close();
    },
  };
}
