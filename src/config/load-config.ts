import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parseMasterKey } from '../sign/master-key.js';
import { CONFIG_SCHEMA } from './config-schema.js';

export interface Config {
  readonly port: number;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly adminToken: string | undefined;
  readonly masterKey: Buffer | undefined;
  readonly mongodbUri: string | undefined;
  readonly bodyLimit: string;
  readonly batchBodyLimit: string;
  readonly verifyBodyLimit: string;
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly jsonLdDeadlineMs: number;
  /** How long an idle JSON-LD worker thread lives (JSONLD_WORKER_IDLE). */
  readonly jsonLdWorkerIdleMs: number;
  readonly logLevel: string;
  readonly metricsToken: string | undefined;
  readonly rateLimitPerMinute: number;
  /** Express's "trust proxy" setting. */
  readonly trustProxy: boolean | number | string;
  readonly demoIssuer: boolean;
  readonly statusListTtlSeconds: number;
  readonly credentialOfferTtlSeconds: number;
  readonly batchLeaseSeconds: number;
  readonly trustAnchors: readonly string[];
  readonly trustLists: readonly string[];
  readonly trustListRefreshSeconds: number;
  readonly outboundAllowPrivate: boolean;
  /** The PEM text of OUTBOUND_CA_FILE, read at start so a missing file fails fast. */
  readonly outboundCa: string | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const validate = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true }).compile(CONFIG_SCHEMA);

/** The only reader of process.env. Reports every bad variable at once, then fails. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const names = Object.keys(CONFIG_SCHEMA.properties);
  // An empty variable means "unset", as in most shells' `FOO= cmd`.
  const values: Record<string, unknown> = Object.fromEntries(
    names.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]),
  );
  if (!validate(values)) {
    throw new ConfigError(
      (validate.errors ?? []).map((error) => {
        const name = error.instancePath.slice(1);
        const description = (CONFIG_SCHEMA.properties as Record<string, { description: string }>)[name]?.description ?? '';
        return `${name} ${error.message ?? 'is invalid'} (${description})`;
      }),
    );
  }
  const port = values.PORT as number;
  const masterKey = typeof values.MASTER_KEY === 'string' ? parseMasterKey(values.MASTER_KEY) : undefined;
  if (typeof values.MASTER_KEY === 'string' && masterKey === undefined) {
    throw new ConfigError(['MASTER_KEY must decode to exactly 32 bytes']);
  }
  const outboundCa = readCaFile(values.OUTBOUND_CA_FILE as string | undefined);
  return Object.freeze({
    port,
    publicUrl: ((values.PUBLIC_URL as string | undefined) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir: values.DATA_DIR as string,
    adminToken: values.ADMIN_TOKEN as string | undefined,
    masterKey,
    mongodbUri: values.MONGODB_URI as string | undefined,
    bodyLimit: values.BODY_LIMIT as string,
    batchBodyLimit: values.BATCH_BODY_LIMIT as string,
    verifyBodyLimit: values.VERIFY_BODY_LIMIT as string,
    requestTimeoutMs: Math.round((values.REQUEST_TIMEOUT as number) * 1000),
    headersTimeoutMs: Math.round((values.HEADERS_TIMEOUT as number) * 1000),
    jsonLdDeadlineMs: Math.round((values.JSONLD_DEADLINE as number) * 1000),
    jsonLdWorkerIdleMs: Math.round((values.JSONLD_WORKER_IDLE as number) * 1000),
    logLevel: values.LOG_LEVEL as string,
    metricsToken: values.METRICS_TOKEN as string | undefined,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE as number,
    trustProxy: trustProxySetting(String(values.TRUST_PROXY)),
    demoIssuer: values.DEMO_ISSUER as boolean,
    statusListTtlSeconds: values.STATUS_LIST_TTL as number,
    credentialOfferTtlSeconds: values.CREDENTIAL_OFFER_TTL as number,
    batchLeaseSeconds: values.BATCH_LEASE_SECONDS as number,
    trustAnchors: commaList(values.TRUST_ANCHORS),
    trustLists: commaList(values.TRUST_LISTS),
    trustListRefreshSeconds: values.TRUST_LIST_REFRESH as number,
    outboundAllowPrivate: values.OUTBOUND_ALLOW_PRIVATE as boolean,
    outboundCa,
  });
}

function commaList(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
    : [];
}

function readCaFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`OUTBOUND_CA_FILE cannot be read (${(error as Error).message})`]);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError([`OUTBOUND_CA_FILE (${path}) holds no PEM certificate`]);
  return pem;
}

function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  return value;
}
