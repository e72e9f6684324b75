/**
 * Where a hosted issuer's OpenID4VCI endpoints live. The credential issuer identifier is
 * `<PUBLIC_URL>/issuers/<slug>`; the issuer is also its own OAuth authorization server
 * (pre-authorized code flow), so both metadata documents name the same identifier.
 */
export interface IssuerEndpoints {
  credentialIssuer: string;
  token: string;
  credential: string;
  nonce: string;
  jwks: string;
  offer(code: string): string;
}

export function issuerEndpoints(publicUrl: string, slug: string): IssuerEndpoints {
  const credentialIssuer = `${publicUrl}/issuers/${encodeURIComponent(slug)}`;
  return {
    credentialIssuer,
    token: `${credentialIssuer}/token`,
    credential: `${credentialIssuer}/credential`,
    nonce: `${credentialIssuer}/nonce`,
    jwks: `${credentialIssuer}/jwks.json`,
    offer: (code) => `${credentialIssuer}/credential-offers/${code}`,
  };
}
