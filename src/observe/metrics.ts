import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** What the rest of the service may count; prom-client stays behind this interface. */
export interface Metrics {
  readonly registry: Registry;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  credentialIssued(format: string, profile: string): void;
  verification(verdict: string): void;
  statusListLookup(outcome: 'cache-hit' | 'fetched' | 'failed'): void;
}

/** One registry per app instance (tests run several apps in one process). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'passerelle_' });
  const requests = new Histogram({
    name: 'passerelle_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const issued = new Counter({
    name: 'passerelle_credentials_issued_total',
    help: 'Credentials issued, by proof format and profile ("generic" for POST /credentials/issue)',
    labelNames: ['format', 'profile'] as const,
    registers: [registry],
  });
  const verifications = new Counter({
    name: 'passerelle_verifications_total',
    help: 'Credential verifications, by verdict',
    labelNames: ['verdict'] as const,
    registers: [registry],
  });
  const statusLists = new Counter({
    name: 'passerelle_status_list_lookups_total',
    help: "Lookups of other issuers' status lists: served from the cache of verified lists, fetched, or failed",
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    observeRequest: (route, method, status, seconds) => requests.observe({ route, method, status: String(status) }, seconds),
    credentialIssued: (format, profile) => issued.inc({ format, profile }),
    verification: (verdict) => verifications.inc({ verdict }),
    statusListLookup: (outcome) => statusLists.inc({ outcome }),
  };
}
