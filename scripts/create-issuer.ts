/**
 * Operator CLI, on the same store and master key as the service:
 *   npm run issuer:create -- --slug ofppt-casablanca --legal-name "…" --country MA \
 *       [--name fr=… --name ar=…] [--did-method web|key]
 *   npm run issuer:create -- --api-key-for <slug>      (another API key for an issuer)
 * Prints the issuer's DID and an API key, which is shown only here.
 */
import { parseArgs } from 'node:util';
import { createServices } from '../src/composition-root.js';
import { ConfigError, loadConfig } from '../src/config/load-config.js';
import { createApiKey } from '../src/issuers/api-keys.js';
import { createIssuer } from '../src/issuers/create-issuer.js';
import { ProblemError } from '../src/shared/problems.js';

const { values } = parseArgs({
  options: {
    slug: { type: 'string' },
    'legal-name': { type: 'string' },
    country: { type: 'string' },
    name: { type: 'string', multiple: true },
    'did-method': { type: 'string' },
    'api-key-for': { type: 'string' },
  },
});

async function run(): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config);
  try {
    if (values['api-key-for'] !== undefined) {
      const issuer = await services.store.issuers.findBySlug(values['api-key-for']);
      if (issuer === undefined) throw new Error(`No issuer "${values['api-key-for']}".`);
      const { apiKey } = await createApiKey(services, issuer.id, 'cli');
      console.log(JSON.stringify({ slug: issuer.slug, did: issuer.did, apiKey }, null, 2));
      return;
    }
    const names = Object.fromEntries((values.name ?? []).map((pair) => [pair.split('=')[0], pair.split('=').slice(1).join('=')]));
    const { issuer, apiKey } = await createIssuer(
      { ...services, publicUrl: config.publicUrl },
      {
        slug: values.slug,
        legalName: values['legal-name'],
        country: values.country,
        ...(values.name === undefined ? {} : { names }),
        ...(values['did-method'] === undefined ? {} : { didMethod: values['did-method'] }),
      },
    );
    console.log(JSON.stringify({ id: issuer.id, slug: issuer.slug, did: issuer.did, apiKey }, null, 2));
  } finally {
    await services.close();
  }
}

run().catch((error: unknown) => {
  if (error instanceof ProblemError) {
    console.error(`${error.message}`);
    for (const field of error.errors ?? []) console.error(`  ${field.pointer}: ${field.detail}`);
  } else {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
