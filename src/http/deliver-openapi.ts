/** OpenAPI paths of wallet delivery (deliver-routes.ts): the issuer's offer call and the OpenID4VCI endpoints. */
const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' }, description: 'The hosted issuer.' };
const oauthError = {
  description: 'OAuth 2.0 / OpenID4VCI error (RFC 6749 §5.2, OpenID4VCI 1.0 §8.3.1.2)',
  content: {
    'application/json': {
      schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' }, error_description: { type: 'string' } } },
    },
  },
};
const jsonObject = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const spec = (section: string) => `See OpenID for Verifiable Credential Issuance 1.0, ${section}.`;

export function deliverPaths(): Record<string, object> {
  // Functions, not shared objects: each path gets its own operation (and operationId).
  const issuerMetadata = () => ({
    get: {
      summary: 'Credential issuer metadata of a hosted issuer (OpenID4VCI)',
      description: `${spec('§12.2')} One configuration per profile and format (\`<profile>_ldp_vc\`, \`<profile>_jwt_vc_json\`).`,
      parameters: [slug],
      responses: { '200': jsonObject('Credential issuer metadata'), '404': problem },
    },
  });
  const asMetadata = () => ({
    get: {
      summary: 'Authorization server metadata of a hosted issuer (RFC 8414; the issuer is its own AS)',
      parameters: [slug],
      responses: { '200': jsonObject('Authorization server metadata'), '404': problem },
    },
  });
  return {
    '/issuers/{slug}/credentials/{id}/offer': {
      post: {
        summary: 'Offer a stored profile credential to the holder\u2019s wallet (OpenID4VCI, pre-authorized code + PIN)',
        description:
          'Returns the offer URI (for the QR code), the QR code as SVG, the PIN (`txCode`, shown only here: hand it over apart from the QR code) and when the offer expires (CREDENTIAL_OFFER_TTL). An offer is usable once; the wallet\u2019s DID becomes `credentialSubject.id` of a new credential with the same claims. Another issuer\u2019s credential → 404.',
        security: [{ apiKey: [] }],
        parameters: [slug, { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Last segment of the credential id.' }],
        responses: {
          '201': {
            description: 'The offer',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    offerUri: { type: 'string', description: 'openid-credential-offer://?credential_offer_uri=…' },
                    qr: { type: 'string', description: 'SVG' },
                    txCode: { type: 'string', description: 'Six digits' },
                    expiresAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
          '401': { $ref: '#/components/responses/Problem401' },
          '404': problem,
          '409': problem,
        },
      },
    },
    '/.well-known/openid-credential-issuer/issuers/{slug}': issuerMetadata(),
    '/issuers/{slug}/.well-known/openid-credential-issuer': issuerMetadata(),
    '/.well-known/oauth-authorization-server/issuers/{slug}': asMetadata(),
    '/issuers/{slug}/.well-known/oauth-authorization-server': asMetadata(),
    '/issuers/{slug}/jwks.json': {
      get: {
        summary: 'Public key that signs the issuer\u2019s access tokens (JWKS)',
        parameters: [slug],
        responses: { '200': jsonObject('JWK set'), '404': problem },
      },
    },
    '/issuers/{slug}/credential-offers/{code}': {
      get: {
        summary: 'The credential offer object a wallet fetches from credential_offer_uri',
        description: spec('§4.1.3'),
        parameters: [slug, { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'The pre-authorized code.' }],
        responses: { '200': jsonObject('Credential offer'), '404': oauthError },
      },
    },
    '/issuers/{slug}/token': {
      post: {
        summary: 'Token endpoint: pre-authorized code + PIN → access token',
        description: `${spec('§6')} Five wrong PINs end the offer.`,
        parameters: [slug],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['grant_type', 'pre-authorized_code'],
                properties: { grant_type: { type: 'string' }, 'pre-authorized_code': { type: 'string' }, tx_code: { type: 'string' } },
              },
            },
          },
        },
        responses: { '200': jsonObject('Access token response'), '400': oauthError, '404': problem },
      },
    },
    '/issuers/{slug}/nonce': {
      post: {
        summary: 'Nonce endpoint: a fresh c_nonce for the key proof',
        description: spec('§7'),
        parameters: [slug],
        responses: { '200': jsonObject('Nonce response'), '404': problem },
      },
    },
    '/issuers/{slug}/credential': {
      post: {
        summary: 'Credential endpoint: access token + key proof → the credential, made out to the wallet\u2019s DID',
        description: spec('§8'),
        security: [{ accessToken: [] }],
        parameters: [slug],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '200': jsonObject('Credential response'), '400': oauthError, '401': oauthError, '404': problem },
      },
    },
  };
}
