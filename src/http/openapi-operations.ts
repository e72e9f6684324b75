/**
 * What every operation of the OpenAPI document must carry, applied in one place so that no
 * route can be added without it: a stable operationId, its path parameters declared, and
 * `security: []` when it is public (no key). The ids are part of the published interface:
 * generated clients name their methods after them, so they never change once released.
 */
const OPERATION_IDS: Readonly<Record<string, string>> = {
  'GET /': 'getLandingPage',
  'GET /docs': 'getApiReference',
  'GET /healthz': 'getHealth',
  'GET /readyz': 'getReadiness',
  'GET /metrics': 'getMetrics',
  'GET /openapi.json': 'getOpenApiDocument',
  'GET /contexts/{name}': 'getJsonLdContext',
  'GET /v': 'getPastePage',
  'POST /v': 'verifyPastedCredentialPage',
  'GET /v/{id}': 'getVerificationPage',
  'POST /v/{id}': 'verifyCarriedCredentialPage',
  'GET /credentials/{id}/qr.svg': 'getCredentialQrSvg',
  'GET /credentials/{id}/qr.png': 'getCredentialQrPng',
  'GET /credentials/{id}/certificate.pdf': 'getCredentialCertificate',
  'POST /credentials/issue': 'issueCredential',
  'POST /credentials/verify': 'verifyCredential',
  'POST /presentations/verify': 'verifyPresentation',
  'POST /credentials/status': 'updateCredentialStatus',
  'GET /credentials/{id}/status': 'getCredentialStatusLog',
  'GET /status-lists/{listId}/{purpose}': 'getStatusList',
  'GET /credentials/{id}': 'getCredential',
  'POST /issuers/{slug}/credentials': 'issueProfileCredential',
  'POST /issuers/{slug}/credentials/batch': 'issueCredentialBatch',
  'GET /profiles/{profile}/template.csv': 'getProfileCsvTemplate',
  'GET /jobs/{id}': 'getBatchJob',
  'GET /jobs/{id}/events': 'streamBatchJobEvents',
  'GET /jobs/{id}/results.json': 'getBatchJobResultsJson',
  'GET /jobs/{id}/results.csv': 'getBatchJobResultsCsv',
  'GET /profiles': 'listProfiles',
  'GET /schemas/{name}.json': 'getProfileSchema',
  'GET /issuers/{slug}': 'getIssuer',
  'GET /issuers/{slug}/did.json': 'getIssuerDidDocument',
  'POST /admin/issuers': 'createIssuer',
  'GET /admin/issuers': 'listIssuers',
  'POST /admin/issuers/{slug}/api-keys': 'createApiKey',
  'GET /admin/issuers/{slug}/api-keys': 'listApiKeys',
  'DELETE /admin/issuers/{slug}/api-keys/{id}': 'revokeApiKey',
  'POST /admin/issuers/{slug}/keys': 'rotateIssuerKey',
  'GET /trust': 'getTrustOverview',
  'GET /trust-list': 'getTrustList',
  'POST /admin/trust/entries': 'addTrustEntry',
  'DELETE /admin/trust/entries/{id}': 'withdrawTrustEntry',
  'POST /admin/trust/refresh': 'refreshTrustLists',
  'POST /admin/issuers/{slug}/recognition': 'recognizeIssuer',
  'GET /frameworks': 'listFrameworks',
  'GET /frameworks/{id}': 'getFramework',
  'GET /frameworks/{id}/levels/{code}': 'getFrameworkLevel',
  'GET /mappings': 'mapLevel',
  'GET /requirements/presets': 'listRequirementPresets',
  'POST /requirements/check': 'checkRequirements',
  'POST /issuers/{slug}/credentials/{id}/offer': 'createCredentialOffer',
  'GET /.well-known/openid-credential-issuer/issuers/{slug}': 'getCredentialIssuerMetadata',
  'GET /issuers/{slug}/.well-known/openid-credential-issuer': 'getCredentialIssuerMetadataLegacyPath',
  'GET /.well-known/oauth-authorization-server/issuers/{slug}': 'getAuthorizationServerMetadata',
  'GET /issuers/{slug}/.well-known/oauth-authorization-server': 'getAuthorizationServerMetadataLegacyPath',
  'GET /issuers/{slug}/jwks.json': 'getIssuerAccessTokenKeys',
  'GET /issuers/{slug}/credential-offers/{code}': 'getCredentialOfferObject',
  'POST /issuers/{slug}/token': 'exchangePreAuthorizedCode',
  'POST /issuers/{slug}/nonce': 'getCredentialNonce',
  'POST /issuers/{slug}/credential': 'requestWalletCredential',
  'POST /dossiers/verify': 'verifyDossier',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string }>;
  [other: string]: unknown;
}

/** Completes every operation in place; throws for an operation without an id (a test catches it). */
export function completeOperations(paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const operationId = OPERATION_IDS[key];
      if (operationId === undefined) throw new Error(`No operationId for ${key}: add it to OPERATION_IDS.`);
      operation.operationId = operationId;
      operation.security ??= [];
      const declared = new Set((operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name));
      const missing = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string).filter((name) => !declared.has(name));
      if (missing.length > 0) {
        operation.parameters = [...(operation.parameters ?? []), ...missing.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))];
      }
    }
  }
}
