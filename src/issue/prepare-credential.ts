import { randomUUID } from 'node:crypto';
import { isoSeconds } from '../shared/clock.js';
import { dataModelOf, issuerIdOf, type Credential } from '../shared/credential-model.js';
import { ProblemError } from '../shared/problems.js';
import type { IssuerRecord } from '../store/ports.js';

/** scheme:rest, as RFC 3986 requires of an absolute URI (a DID is one). */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

/**
 * Fills what the service owns (id, issuer, and the start of validity: validFrom in VC 2.0,
 * issuanceDate in VC 1.1, each the term its own data model defines) and refuses what the
 * caller may not set: another issuer, a proof, or a status. Returns a new object; the input is untouched.
 */
export function prepareCredential(input: Credential, context: { issuer: IssuerRecord; publicUrl: string; now: Date }): Credential {
  if ('proof' in input) {
    throw new ProblemError('invalid-request', 'An unsigned credential must not have a proof; the service signs it.', {
      pointer: '/credential/proof',
    });
  }
  if ('credentialStatus' in input) {
    throw new ProblemError('invalid-request', 'credentialStatus is assigned by the service (Bitstring Status List); leave it out.', {
      pointer: '/credential/credentialStatus',
    });
  }
  if ('id' in input && typeof input.id !== 'string') {
    throw new ProblemError('invalid-request', 'id must be a URI string, or left out for the service to assign one.', { pointer: '/credential/id' });
  }
  // Ids under our credential path are minted here (unguessable UUIDs, the page's address);
  // a caller-chosen one could collide with another issuer's and reveal that it exists.
  if (typeof input.id === 'string' && input.id.startsWith(`${context.publicUrl}/credentials/`)) {
    throw new ProblemError('invalid-request', `Ids under ${context.publicUrl}/credentials/ are assigned by the service; leave id out or use your own URI.`, {
      pointer: '/credential/id',
    });
  }
  const model = dataModelOf(input);
  // A 2.0 request may leave the issuer to the API key. A 1.1 request is a W3C VC API client's,
  // and that API (its CCG issuer suite) requires credential.issuer, as VC 1.1 itself does.
  if (model === '1.1' && input.issuer === undefined) {
    throw new ProblemError('invalid-credential', 'issuer is required in a VC 1.1 credential.', { pointer: '/credential/issuer' });
  }
  const claimed = input.issuer === undefined ? undefined : issuerIdOf(input);
  // A malformed issuer is the caller's mistake (400), decided before who may issue (403).
  if (input.issuer !== undefined && (claimed === undefined || !ABSOLUTE_URI.test(claimed))) {
    throw new ProblemError('invalid-credential', 'issuer must be a URI, or an object whose id is a URI.', { pointer: '/credential/issuer' });
  }
  if (input.issuer !== undefined && claimed !== context.issuer.did) {
    throw new ProblemError(
      'forbidden',
      `The credential's issuer ${JSON.stringify(claimed ?? input.issuer)} is not the issuer of this API key (${context.issuer.did}).`,
      { pointer: '/credential/issuer' },
    );
  }
  const start = model === '1.1' ? 'issuanceDate' : 'validFrom';
  return {
    ...input,
    id: input.id ?? `${context.publicUrl}/credentials/${randomUUID()}`,
    issuer: input.issuer ?? context.issuer.did,
    [start]: input[start] ?? isoSeconds(context.now),
  };
}
