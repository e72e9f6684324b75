/**
 * Every environment variable the service reads, with its type, default and meaning.
 * `.env.example` and the README list the same variables; keep them in step.
 */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on (0 = any free port).' },
    PUBLIC_URL: {
      type: 'string',
      pattern: '^https?://[^/?#]+(/[^?#]*)?$',
      description: 'Base URL the service is reached at; credential ids and did:web DIDs are built from it. Default http://localhost:PORT.',
    },
    DATA_DIR: { type: 'string', minLength: 1, default: './data', description: 'Folder for the SQLite file and the generated master key.' },
    ADMIN_TOKEN: { type: 'string', minLength: 16, description: 'Bearer token for /admin endpoints; they are disabled when unset.' },
    MASTER_KEY: {
      type: 'string',
      pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$',
      description: '32-byte key (base64 or hex) that encrypts issuer keys at rest. Generated into DATA_DIR when unset (development only).',
    },
    MONGODB_URI: { type: 'string', pattern: '^mongodb(\\+srv)?://', description: 'Use MongoDB instead of the embedded SQLite store.' },
    BODY_LIMIT: { type: 'string', pattern: '^\\d+(b|kb|mb)$', default: '1mb', description: 'Largest accepted request body, e.g. 512kb or 2mb.' },
    BATCH_BODY_LIMIT: {
      type: 'string',
      pattern: '^\\d+(b|kb|mb)$',
      default: '50mb',
      description: 'Largest body of POST /issuers/{slug}/credentials/batch (a CSV file or a JSON batch of up to 50,000 rows).',
    },
    VERIFY_BODY_LIMIT: {
      type: 'string',
      pattern: '^\\d+(b|kb|mb)$',
      default: '256kb',
      description: 'Largest body accepted by the public endpoints (verify, requirements check); smaller than BODY_LIMIT because anyone may call them.',
    },
    REQUEST_TIMEOUT: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 600,
      default: 30,
      description: 'Seconds a client has to send a whole request (headers and body) before its connection is closed.',
    },
    HEADERS_TIMEOUT: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 600,
      default: 10,
      description: 'Seconds a client has to send the request headers.',
    },
    JSONLD_DEADLINE: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 120,
      default: 5,
      description: 'Seconds one JSON-LD task (expansion, canonicalisation) may run in the worker pool before it is stopped (503 processing-timeout).',
    },
    JSONLD_WORKER_IDLE: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 86400,
      default: 30,
      description:
        'Seconds an idle JSON-LD worker thread is kept before it exits and its memory is returned; the next task starts one again (a few hundred ms).',
    },
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
      description: 'Least severe log level written (JSON lines; readable on a terminal). info includes one line per request.',
    },
    METRICS_TOKEN: { type: 'string', minLength: 16, description: 'When set, GET /metrics requires "Authorization: Bearer <token>".' },
    RATE_LIMIT_PER_MINUTE: {
      type: 'integer',
      minimum: 0,
      default: 120,
      description: 'Requests per minute per client address on the public endpoints (verify, requirements, /v, QR, PDF); 0 turns the limit off.',
    },
    TRUST_PROXY: {
      type: 'string',
      pattern: '^(false|true|\\d{1,2}|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)$',
      default: 'false',
      description: 'Which proxies may set X-Forwarded-For (the client address for rate limits): false, a hop count, or addresses/CIDRs, comma-separated.',
    },
    STATUS_LIST_TTL: {
      type: 'integer',
      minimum: 10,
      maximum: 86400,
      default: 300,
      description: 'Seconds a published status list stays valid (validUntil, ttl, Cache-Control): how soon verifiers see a revocation.',
    },
    TRUST_ANCHORS: {
      type: 'string',
      pattern: '^\\s*(did:[a-z0-9]+:[^\\s,]+)(\\s*,\\s*did:[a-z0-9]+:[^\\s,]+)*\\s*$',
      description:
        'DIDs of the authorities this service believes (a ministry, an accreditation body, an exam brand), comma-separated: only trust lists they sign are used.',
    },
    TRUST_LISTS: {
      type: 'string',
      minLength: 1,
      description: 'Trust lists to subscribe to (RecognizedEntityCredentials), comma-separated: https URLs or file paths.',
    },
    TRUST_LIST_REFRESH: {
      type: 'integer',
      minimum: 10,
      maximum: 86400,
      default: 600,
      description:
        'Seconds between refreshes of the subscribed trust lists; a list that cannot be fetched keeps its last verified copy until that copy expires.',
    },
    OUTBOUND_ALLOW_PRIVATE: {
      type: 'boolean',
      default: false,
      description: 'Let the outbound fetcher reach private and loopback addresses (intranets and tests only; a warning is logged at start).',
    },
    OUTBOUND_CA_FILE: { type: 'string', minLength: 1, description: 'Extra CA certificate (PEM file) trusted for outbound https, beside the system roots.' },
    CREDENTIAL_OFFER_TTL: {
      type: 'integer',
      minimum: 300,
      maximum: 2592000,
      default: 604800,
      description:
        'Seconds an OpenID4VCI credential offer (wallet delivery) can be picked up: long enough for the school to hand over the PIN, short enough that a lost QR stops working.',
    },
    BATCH_LEASE_SECONDS: {
      type: 'integer',
      minimum: 2,
      maximum: 3600,
      default: 30,
      description:
        'Seconds a batch runner (the service, the CLI) holds a job between two committed groups; a runner that crashed is taken over by another once it has run out.',
    },
    DEMO_ISSUER: { type: 'boolean', default: false, description: 'Create a demo issuer (slug "demo") on start if it does not exist; npm start sets it.' },
  },
} as const;

export type ConfigVariable = keyof typeof CONFIG_SCHEMA.properties;
