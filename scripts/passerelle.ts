/**
 * Operator CLI, on the same store and master key as the service (the same environment
 * variables): `npm run passerelle -- <command>`, `--help` on every command. It calls the
 * same use cases as the admin API, so the rules and the messages are the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { readCsvBatch } from '../src/batch/batch-input.js';
import { resultsCsv, rowResults } from '../src/batch/job-results.js';
import type { BatchMode } from '../src/store/ports.js';
import { createServices, type Services } from '../src/composition-root.js';
import { ConfigError, loadConfig, type Config } from '../src/config/load-config.js';
import { createIssuer } from '../src/issuers/create-issuer.js';
import { addApiKey, issuerBySlug, listApiKeys, revokeApiKey } from '../src/issuers/operator-actions.js';
import { rotateIssuerKey } from '../src/issuers/rotate-issuer-key.js';
import { closePreparePool } from '../src/batch/prepare-pool.js';
import { closeJsonLdPool } from '../src/resolve/json-ld-pool.js';
import { ProblemError } from '../src/shared/problems.js';

/** Exit codes: 0 done, 1 the environment is wrong (config, store), 2 the request was refused. */
const REFUSED = 2;

let json = false;

function print(human: string, data: unknown): void {
  console.log(json ? JSON.stringify(data, null, 2) : human);
}

async function withServices<T>(work: (services: Services, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // The CLI's own logs would only repeat its output; errors still reach stderr.
  const services = await createServices({ ...config, logLevel: 'error' });
  try {
    return await work(services, config);
  } finally {
    await services.close();
    await closeJsonLdPool();
    await closePreparePool();
  }
}

const program = new Command('passerelle')
  .description('Operate a Passerelle instance: issuers, API keys, signing keys and cohort issuance (same store and MASTER_KEY as the service).')
  .addOption(new Option('--json', 'print machine-readable JSON'))
  .hook('preAction', (command) => {
    json = command.opts<{ json?: boolean }>().json === true;
  })
  .showHelpAfterError();

const issuer = program.command('issuer').description('create and list issuers');

issuer
  .command('create')
  .description('create an issuer with an Ed25519 key, a DID and a first API key (shown once)')
  .requiredOption('--slug <slug>', 'short name in URLs and did:web DIDs, e.g. ofppt-casablanca')
  .requiredOption('--legal-name <name>', 'registered legal name')
  .requiredOption('--country <code>', 'ISO 3166-1 alpha-2 country code, e.g. MA')
  .option('--name <lang=text>', 'display name in a language, repeatable: --name fr="OFPPT Casablanca"', (value: string, all: string[]) => [...all, value], [])
  .addOption(new Option('--did-method <method>', 'did:web (hosted here, key rotation) or did:key').choices(['web', 'key']).default('web'))
  .action(async (options: { slug: string; legalName: string; country: string; name: string[]; didMethod: string }) => {
    const names = Object.fromEntries(options.name.map((pair) => [pair.split('=')[0] ?? '', pair.split('=').slice(1).join('=')]));
    const created = await withServices((services, config) =>
      createIssuer(
        { ...services, publicUrl: config.publicUrl },
        {
          slug: options.slug,
          legalName: options.legalName,
          country: options.country,
          ...(options.name.length === 0 ? {} : { names }),
          didMethod: options.didMethod,
        },
      ),
    );
    print(`Issuer "${created.issuer.slug}" created: ${created.issuer.did}\nAPI key (shown once, store it now): ${created.apiKey}`, {
      id: created.issuer.id,
      slug: created.issuer.slug,
      did: created.issuer.did,
      apiKey: created.apiKey,
    });
  });

issuer
  .command('list')
  .description('list the issuers of this instance')
  .action(async () => {
    const issuers = await withServices((services) => services.store.issuers.list());
    const rows = issuers.map(({ id, slug, did, legalName, country, createdAt }) => ({ id, slug, did, legalName, country, createdAt }));
    print(rows.map((row) => `${row.slug}\t${row.country}\t${row.did}\t${row.legalName}`).join('\n') || '(no issuers)', rows);
  });

const apiKey = program.command('api-key').description('create, list and revoke the API keys of an issuer');

apiKey
  .command('create <slug>')
  .description('create another API key for an issuer (shown once)')
  .option('--label <text>', 'what the key is for, e.g. "registrar office" (at most 100 characters)')
  .action(async (slug: string, options: { label?: string }) => {
    const { apiKey: secret, record } = await withServices((services) => addApiKey(services, slug, options.label));
    print(`API key ${record.id} for "${slug}" (shown once, store it now): ${secret}`, { id: record.id, apiKey: secret, createdAt: record.createdAt });
  });

apiKey
  .command('list <slug>')
  .description("list an issuer's API keys (never their secrets)")
  .action(async (slug: string) => {
    const keys = await withServices((services) => listApiKeys(services.store, slug));
    print(
      keys.map((key) => `${key.id}\t${key.createdAt}\t${key.revokedAt === undefined ? 'active' : `revoked ${key.revokedAt}`}\t${key.label ?? ''}`).join('\n') ||
        '(no keys)',
      keys,
    );
  });

apiKey
  .command('revoke <slug> <id>')
  .description('revoke an API key at once; the issuer keeps its other keys')
  .action(async (slug: string, id: string) => {
    await withServices((services) => revokeApiKey(services, slug, id));
    print(`API key ${id} of "${slug}" revoked.`, { id, revoked: true });
  });

program
  .command('key')
  .description("rotate an issuer's signing key")
  .command('rotate <slug>')
  .description('replace the signing key of a did:web issuer; credentials signed before keep verifying')
  .action(async (slug: string) => {
    const rotated = await withServices(async (services, config) =>
      rotateIssuerKey({ ...services, publicUrl: config.publicUrl }, await issuerBySlug(services.store, slug)),
    );
    print(`New signing key for "${slug}": ${rotated.verificationMethod}`, rotated);
  });

program
  .command('issue-batch <file>')
  .description('issue a cohort from a CSV file (the columns of GET /profiles/<profile>/template.csv); writes a results file')
  .requiredOption('--issuer <slug>', 'the issuer that signs')
  .requiredOption('--profile <profile>', 'diploma, language-level, training-module or validated-skills')
  .addOption(new Option('--format <format>', 'proof format').choices(['di', 'jwt']).default('di'))
  .addOption(
    new Option('--mode <mode>', 'issue nothing if any row is bad, or the good rows only').choices(['all-or-nothing', 'valid-rows']).default('all-or-nothing'),
  )
  .option('--out <file>', 'results CSV (row, rowKey, status, credential id, verification page, wallet offer and PIN); default: <file>.results.csv')
  .option('--offers', 'make a wallet offer (OpenID4VCI) for each credential: its URI and PIN go in the results file, to hand over apart')
  .action(async (file: string, options: { issuer: string; profile: string; format: 'di' | 'jwt'; mode: BatchMode; out?: string; offers?: boolean }) => {
    const out = options.out ?? file.replace(/(\.csv)?$/i, '.results.csv');
    const summary = await withServices(async (services, config) => {
      const issuer = await issuerBySlug(services.store, options.issuer);
      // Every row is checked before anything is issued; a refused file exits 2 listing each bad row.
      const input = readCsvBatch(readFileSync(file, 'utf8'), options.profile);
      const bar = json
        ? undefined
        : new SingleBar({ format: 'issuing {bar} {value}/{total} | {rate}/s | ETA {eta_formatted}', hideCursor: true }, Presets.shades_classic);
      const started = Date.now();
      const job = await services.batchJobs.submit(issuer, {
        profile: options.profile,
        format: options.format,
        mode: options.mode,
        input,
        offers: options.offers === true,
      });
      bar?.start(job.total, 0, { rate: '0' });
      const unsubscribe = services.batchJobs.subscribe(job.id, (progress) =>
        bar?.update(progress.done + progress.failed, { rate: ((progress.done + progress.failed) / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0) }),
      );
      await services.batchJobs.idle();
      unsubscribe();
      const finished = (await services.batchJobs.find(issuer.id, job.id)) ?? job;
      const progress = await services.batchJobs.progress(finished);
      bar?.update(progress.done + progress.failed);
      bar?.stop();
      writeFileSync(out, resultsCsv(rowResults(config.publicUrl, await services.batchJobs.rows(finished))));
      return { job: job.id, total: progress.total, done: progress.done, failed: progress.failed, results: out };
    });
    print(`Issued ${summary.done} of ${summary.total} (${summary.failed} failed). Results: ${summary.results}`, summary);
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ProblemError) {
    console.error(error.message);
    for (const field of error.errors ?? []) console.error(`  ${field.pointer}: ${field.detail}`);
    process.exit(REFUSED);
  }
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
