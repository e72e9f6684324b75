import { createRequestListener } from './app.js';
import { createServices } from './composition-root.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createHttpServer } from './http/http-server.js';
import { closePreparePool } from './batch/prepare-pool.js';
import { closeJsonLdPool } from './resolve/json-ld-pool.js';
import { ensureDemoIssuer } from './issuers/ensure-demo-issuer.js';

/** Reads the environment, opens the store, listens. Everything else is in createApp. */
async function main(): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config);
  if (services.masterKeySource === 'generated') {
    console.warn(
      [
        '',
        '!!! WARNING: MASTER_KEY is not set. A new master key was generated into',
        `!!! ${config.dataDir}/master.key, next to the data it encrypts. That is fine for a`,
        '!!! demo, not for production: set MASTER_KEY (32 bytes, base64) from a secret store.',
        '',
      ].join('\n'),
    );
  } else if (services.masterKeySource === 'file') {
    console.warn(`Warning: using the master key in ${config.dataDir}/master.key; set MASTER_KEY in production.`);
  }

  if (config.outboundAllowPrivate) {
    console.warn(
      '!!! WARNING: OUTBOUND_ALLOW_PRIVATE=true. DID documents, status lists and trust lists named by credentials may now be fetched\n' +
        '!!! from private and loopback addresses of this network. Use it only on an intranet or in tests.',
    );
  }

  if (config.demoIssuer) {
    const { issuer, apiKey } = await ensureDemoIssuer({ ...services, publicUrl: config.publicUrl });
    console.log(`Demo issuer "${issuer.slug}": ${issuer.did}`);
    if (apiKey !== undefined) {
      console.log(`Demo issuer API key (shown once, store it now): ${apiKey}`);
    } else {
      console.log('Its API key was shown on first start; create another with: npm run passerelle -- api-key create demo');
    }
  }

  // A process stopped in the middle of a batch (crash, kill -9) left its job running: go on where it stopped.
  const resumed = await services.batchJobs.resumeUnfinished();
  if (resumed > 0) console.log(`Resuming ${resumed} unfinished batch job(s).`);

  const server = createHttpServer(config, createRequestListener(services));
  server.listen(config.port, () => {
    console.log(`Passerelle listening on ${config.publicUrl} (port ${config.port}, ${services.store.kind} store)`);
    if (config.adminToken === undefined) console.log('Admin endpoints are disabled (ADMIN_TOKEN is not set).');
  });
  const stop = () => {
    server.close(() => void Promise.all([services.close(), closeJsonLdPool(), closePreparePool()]).then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
