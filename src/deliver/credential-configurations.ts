import { preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import { PROFILE_CONTEXTS } from '../issue/profiles/ob3-credential.js';
import { listProfiles } from '../issue/profiles/registry.js';
import type { CredentialFormat, IssuerRecord } from '../store/ports.js';
import type { IssuerEndpoints } from './issuer-endpoints.js';

/** OpenID4VCI format identifiers of our two proof formats. */
const FORMATS: ReadonlyArray<{ format: 'ldp_vc' | 'jwt_vc_json'; ours: CredentialFormat }> = [
  { format: 'ldp_vc', ours: 'di' },
  { format: 'jwt_vc_json', ours: 'jwt' },
];

/** Wallet keys we can verify a proof of possession from, and turn into a holder DID. */
export const PROOF_ALGORITHMS = ['EdDSA', 'ES256'];

export function configurationId(profile: string, format: CredentialFormat): string {
  const known = FORMATS.find((entry) => entry.ours === format);
  return `${profile}_${known?.format ?? format}`;
}

/** `diploma_ldp_vc` → {profile: diploma, format: di}; undefined for an id we do not offer. */
export function parseConfigurationId(id: string): { profile: string; format: CredentialFormat } | undefined {
  for (const profile of listProfiles()) {
    for (const entry of FORMATS) if (id === `${profile.name}_${entry.format}`) return { profile: profile.name, format: entry.ours };
  }
  return undefined;
}

/** One configuration per profile and format: the same OB 3.0 credential, Data Integrity or VC-JOSE. */
function configurations(): Record<string, Record<string, unknown>> {
  const type = ['VerifiableCredential', 'OpenBadgeCredential'];
  return Object.fromEntries(
    listProfiles().flatMap((profile) =>
      FORMATS.map(({ format, ours }) => [
        configurationId(profile.name, ours),
        {
          format,
          cryptographic_binding_methods_supported: ['did:key', 'did:jwk', 'jwk'],
          credential_signing_alg_values_supported: format === 'ldp_vc' ? ['eddsa-rdfc-2022'] : ['EdDSA'],
          proof_types_supported: { jwt: { proof_signing_alg_values_supported: PROOF_ALGORITHMS } },
          credential_definition: format === 'ldp_vc' ? { '@context': [...PROFILE_CONTEXTS], type } : { type },
          // credential_metadata is also what tells a 1.0 client this is not an older draft.
          credential_metadata: { display: [{ name: profile.title, locale: 'en', description: profile.summary }] },
        },
      ]),
    ),
  );
}

export function credentialIssuerMetadata(issuer: IssuerRecord, endpoints: IssuerEndpoints): Record<string, unknown> {
  const names = Object.entries(issuer.names);
  return {
    credential_issuer: endpoints.credentialIssuer,
    credential_endpoint: endpoints.credential,
    nonce_endpoint: endpoints.nonce,
    display: names.length === 0 ? [{ name: issuer.legalName }] : names.map(([locale, name]) => ({ name, locale })),
    credential_configurations_supported: configurations(),
  };
}

/** RFC 8414 metadata of the issuer as its own authorization server: only the pre-authorized code grant. */
export function authorizationServerMetadata(endpoints: IssuerEndpoints): Record<string, unknown> {
  return {
    issuer: endpoints.credentialIssuer,
    token_endpoint: endpoints.token,
    jwks_uri: endpoints.jwks,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
}
