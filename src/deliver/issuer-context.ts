import { Oauth2AuthorizationServer, Oauth2ResourceServer, type AuthorizationServerMetadata, type Jwk } from '@openid4vc/oauth2';
import { Openid4vciIssuer, Openid4vciVersion, type CredentialIssuerMetadata, type IssuerMetadataResult } from '@openid4vc/openid4vci';
import type { SigningKey } from '../sign/signing-key.js';
import type { IssuerRecord } from '../store/ports.js';
import { authorizationServerMetadata, credentialIssuerMetadata } from './credential-configurations.js';
import type { DeliverDeps } from './deliver-deps.js';
import { issuerEndpoints, type IssuerEndpoints } from './issuer-endpoints.js';
import { libraryCallbacks, publicJwk } from './library-callbacks.js';

/** Everything the library needs to act as one hosted issuer: its metadata, key and the three roles. */
export interface IssuerContext {
  issuer: IssuerRecord;
  key: SigningKey;
  endpoints: IssuerEndpoints;
  metadata: IssuerMetadataResult;
  credentialIssuer: Openid4vciIssuer;
  authorizationServer: Oauth2AuthorizationServer;
  resourceServer: Oauth2ResourceServer;
}

export async function issuerContext(deps: DeliverDeps, issuer: IssuerRecord): Promise<IssuerContext> {
  const endpoints = issuerEndpoints(deps.publicUrl, issuer.slug);
  const key = await deps.keyring.activeKey(issuer);
  const callbacks = libraryCallbacks({
    issuerKey: key,
    didResolver: deps.didResolver,
    jwks: { url: endpoints.jwks, keys: async () => [(await publicJwk(key)) as Jwk] },
  });
  const credentialIssuer = new Openid4vciIssuer({ callbacks });
  // The library validates both documents; a mistake here is ours, and fails loudly.
  const issuerMetadata = credentialIssuer.createCredentialIssuerMetadata(credentialIssuerMetadata(issuer, endpoints) as CredentialIssuerMetadata);
  const authorizationServer = new Oauth2AuthorizationServer({ callbacks });
  const asMetadata = authorizationServer.createAuthorizationServerMetadata(authorizationServerMetadata(endpoints) as AuthorizationServerMetadata);
  return {
    issuer,
    key,
    endpoints,
    metadata: {
      originalDraftVersion: Openid4vciVersion.V1,
      credentialIssuer: issuerMetadata,
      authorizationServers: [asMetadata],
      knownCredentialConfigurations: credentialIssuer.getKnownCredentialConfigurationsSupported(issuerMetadata),
    },
    credentialIssuer,
    authorizationServer,
    resourceServer: new Oauth2ResourceServer({ callbacks }),
  };
}
