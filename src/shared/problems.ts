/**
 * The catalog of problem types (RFC 9457). Every error the API returns and every
 * problem in a verification report has one of these `type` URIs; clients and tests
 * switch on the `type`, never on the wording.
 *
 * The URIs are identifiers, not links that must resolve.
 */

export const PROBLEM_BASE = 'https://w3id.org/passerelle/problems/';

export const PROBLEMS = {
  // ---- request problems (HTTP 4xx) ----
  /** The body is not JSON, or not the shape the endpoint expects. */
  'invalid-request': { status: 400, title: 'The request is not valid' },
  /** The body is larger than BODY_LIMIT. */
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  /** Nesting depth, array length or value count above the limits checked before JSON-LD (shared/json-limits.ts). */
  'limit-exceeded': { status: 400, title: 'The request exceeds a processing limit' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  /** No route matches the path. */
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  /** No credentials, a malformed Authorization header, or a key that does not exist. */
  unauthenticated: { status: 401, title: 'Authentication required' },
  /** A valid key, but for another issuer, or revoked; or admin endpoints are disabled. */
  forbidden: { status: 403, title: 'Not allowed' },
  /** A slug or id that is already taken. */
  conflict: { status: 409, title: 'Conflict' },
  /** An Idempotency-Key reused with a different request body. */
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with a different request' },
  /** Too many requests from one client address (RATE_LIMIT_PER_MINUTE); Retry-After says when to come back. */
  'rate-limited': { status: 429, title: 'Too many requests' },
  /** A batch (CSV or JSON) with bad rows or columns: every one is listed in `errors` (row, column, reason). */
  'invalid-batch': { status: 400, title: 'The batch has invalid rows' },
  /** A JSON-LD term that no loaded context defines (it would not be covered by the signature). */
  'undefined-term': { status: 400, title: 'A property is not defined by the credential\u2019s contexts' },
  /** A JSON-LD context that is not one of the contexts this service knows; it is never fetched. */
  'unknown-context': { status: 400, title: 'Unknown JSON-LD context' },
  /** The credential does not follow the VC Data Model 2.0. */
  'invalid-credential': { status: 400, title: 'The credential is not valid' },
  /** A level code or framework id that does not exist. */
  'unknown-level': { status: 404, title: 'Unknown framework or level' },

  /** POST /credentials/verify for a credential that is not verified: the body is the full report (VC API: 4xx). */
  'verification-failed': { status: 422, title: 'The credential did not verify' },

  // ---- verification problems (inside a report) ----
  /** VC DM 2.0 §7.1 PARSING_ERROR / MALFORMED_VALUE_ERROR. */
  'malformed-credential': { status: 422, title: 'The credential is malformed' },
  /** The signature does not match the content: it was altered, or signed with another key. */
  'invalid-signature': { status: 422, title: 'The signature is not valid' },
  /** The credential has no proof this service can check (no proof, or an unsupported suite). */
  'unsupported-proof': { status: 422, title: 'The proof is missing or of an unsupported kind' },
  /** The credential does not match the profile schema it names in credentialSchema. */
  'schema-mismatch': { status: 422, title: 'The credential does not match its credentialSchema' },
  /** The key that signed is not the issuer's, or not authorised for assertions. */
  'issuer-key-mismatch': { status: 422, title: 'The signing key does not belong to the issuer' },
  /** The issuer's DID or key could not be resolved: this is "could not check", not "failed". */
  'issuer-unresolved': { status: 422, title: 'The issuer\u2019s key could not be resolved' },
  'credential-expired': { status: 422, title: 'The credential has expired' },
  'credential-not-yet-valid': { status: 422, title: 'The credential is not valid yet' },
  'credential-revoked': { status: 422, title: 'The credential has been revoked' },
  'credential-suspended': { status: 422, title: 'The credential is suspended' },
  /** The issuer is recognized, but not for this credential (level, field, profile, exam brand), or the recognition expired or was withdrawn. */
  'issuer-out-of-scope': { status: 422, title: 'The issuer is not recognized for this credential' },
  /** A trust list could not be fetched and has no valid copy: who vouches for the issuer is unknown. */
  'trust-unchecked': { status: 422, title: 'The issuer\u2019s recognition could not be checked' },
  /** Status could not be checked (list unreachable, unsupported): "could not check", not "revoked". */
  'status-unchecked': { status: 422, title: 'The credential\u2019s status could not be checked' },

  // ---- server ----
  /** JSON-LD processing of one request ran past JSONLD_DEADLINE and was stopped. */
  'processing-timeout': { status: 503, title: 'Processing took too long' },
  /** A bug or an unavailable dependency; details are logged, never returned. */
  internal: { status: 500, title: 'Internal error' },
  'store-unavailable': { status: 503, title: 'The store is unavailable' },
} as const;

export type ProblemType = keyof typeof PROBLEMS;

export function problemUri(type: ProblemType): string {
  return PROBLEM_BASE + type;
}

/** One invalid field, for problems that report several at once. */
export interface FieldError {
  /** RFC 6901 JSON Pointer into the request body, e.g. `/credential/issuer`. */
  pointer: string;
  detail: string;
  /** Batches: the row (CSV: spreadsheet row, header = 1; JSON: item index) and the column at fault. */
  row?: number;
  column?: string;
}

/** The RFC 9457 body, plus the fields error lists need. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** A JSON Pointer to the field at fault, when there is one. */
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * The error use cases throw for bad input. HTTP turns it into problem+json; the
 * verifier turns it into a failed check. Anything else that is thrown is a bug (500).
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly type: ProblemType;
  readonly pointer: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(
    type: ProblemType,
    detail: string,
    options: { pointer?: string; errors?: FieldError[]; extensions?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.type = type;
    this.pointer = options.pointer;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }

  get status(): number {
    return PROBLEMS[this.type].status;
  }

  toProblem(): ProblemDetails {
    const problem: ProblemDetails = {
      type: problemUri(this.type),
      title: PROBLEMS[this.type].title,
      status: this.status,
      detail: this.message,
      ...this.extensions,
    };
    if (this.pointer !== undefined) problem.instance = this.pointer;
    if (this.errors !== undefined) problem.errors = this.errors;
    return problem;
  }
}
