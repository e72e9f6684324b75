import { readFileSync } from 'node:fs';
import { completeOperations } from './openapi-operations.js';
import { verificationPagePaths } from './verification-page-openapi.js';
import { deliverPaths } from './deliver-openapi.js';
import { PROFILE_EXAMPLES } from '../issue/profiles/examples.js';
import { listProfiles } from '../issue/profiles/registry.js';
import { SCHEMAS_DIR } from '../shared/package-paths.js';
import { REASON_CODES } from '../shared/reason.js';

function schema(name: string): object {
  const { $schema: _draft, $id: _id, ...body } = JSON.parse(readFileSync(`${SCHEMAS_DIR}${name}.schema.json`, 'utf8')) as Record<string, unknown>;
  return body;
}

/** The language a report answers in (reasons, caveats, check messages): see Reason. */
const reportLangParameter = {
  name: 'lang',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description:
    'The reader\u2019s language for reasons, caveats and check messages (fr, en, de, es, ar); the body\u2019s lang option wins, then this, then Accept-Language; any other language: English.',
};

const langParameter = {
  name: 'lang',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description: 'Language of labels (BCP 47); else Accept-Language; else English.',
};

/** Schema files that other schemas `$ref`, and the component each becomes in the document. */
const REFERENCED_FILES: Readonly<Record<string, string>> = {
  'profile-common.json': 'ProfileCommon',
  'requirement.schema.json': 'Requirement',
  'trust-entry-request.json': 'TrustEntryRequest',
};

/**
 * A schema embedded as a component: its `$ref`s into its own `$defs` and into other
 * files (`profile-common.json#/$defs/…`, `requirement.schema.json`) point into the
 * OpenAPI document instead.
 */
function embeddedSchema(name: string, component: string): object {
  const text = JSON.stringify(schema(name)).replace(/"\$ref":"([^"]*)"/g, (_match, ref: string) => {
    const [file = '', fragment = ''] = ref.split('#');
    const owner = file === '' ? component : REFERENCED_FILES[file];
    return `"$ref":${JSON.stringify(owner === undefined ? ref : `#/components/schemas/${owner}${fragment}`)}`;
  });
  return JSON.parse(text) as object;
}

const componentName = (name: string) => name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

function profileComponents(): Record<string, object> {
  const components: Record<string, object> = { ProfileCommon: embeddedSchema('profile-common', 'ProfileCommon') };
  for (const profile of listProfiles()) {
    components[`${componentName(profile.name)}Request`] = embeddedSchema(profile.requestSchema, `${componentName(profile.name)}Request`);
    components[`${componentName(profile.name)}Credential`] = embeddedSchema(profile.credentialSchema, `${componentName(profile.name)}Credential`);
  }
  return components;
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const problems = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/Problem${code === 401 || code === 403 ? code : ''}` }]));

const EXAMPLE_SUMMARIES: Record<string, string> = {
  diploma: 'OFPPT-style Technicien spécialisé diploma, Morocco CNC level 5 (no EQF level: the CNC is not referenced to the EQF)',
  'language-level': 'Goethe-Zertifikat B1, with per-skill levels and the four modules',
  'training-module': '120-hour blended pre-departure module of a Morocco → Germany mobility programme',
  'validated-skills': 'Construction skills validated in part after seasonal work in Spain (portfolio review + workplace observation)',
  'recognition-decision': 'IHK FOSA partial equivalence with a six-month adaptation period, linking the diploma and language certificate it assessed',
};

/**
 * The OpenAPI 3.1 description. Request schemas are the very files the service
 * validates with (schemas/), so the document cannot drift from the behaviour.
 */
export function buildOpenApi(publicUrl: string): object {
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Passerelle',
      version: '0.1.0',
      description:
        'Issue and verify signed W3C Verifiable Credentials (VC Data Model 2.0) for the skills of mobile workers. Errors are RFC 9457 application/problem+json.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An issuer API key (psk_<id>_<secret>), scoped to exactly one issuer.' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN; admin endpoints are disabled when it is unset.' },
        accessToken: { type: 'http', scheme: 'bearer', description: 'An OpenID4VCI access token from POST /issuers/{slug}/token.' },
      },
      schemas: {
        IssueRequest: schema('issue-request'),
        VerifyRequest: embeddedSchema('verify-request', 'VerifyRequest'),
        Requirement: embeddedSchema('requirement', 'Requirement'),
        RequirementsCheckRequest: embeddedSchema('requirements-check-request', 'RequirementsCheckRequest'),
        IssuerCreate: schema('issuer-create'),
        TrustEntryRequest: embeddedSchema('trust-entry-request', 'TrustEntryRequest'),
        RecognitionRequest: embeddedSchema('recognition-request', 'RecognitionRequest'),
        StatusChangeRequest: schema('status-change-request'),
        StatusChangeResult: {
          type: 'object',
          properties: {
            credentialId: { type: 'string' },
            revoked: { type: 'boolean' },
            suspended: { type: 'boolean' },
            changed: { type: 'boolean', description: 'False when the credential already had that status.' },
            event: { $ref: '#/components/schemas/StatusEvent' },
          },
        },
        StatusEvent: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            credentialId: { type: 'string' },
            action: { enum: ['revoke', 'suspend', 'unsuspend'] },
            reason: { type: 'string' },
            actor: { type: 'string', description: 'The id of the API key that made the change.' },
            at: { type: 'string', format: 'date-time' },
          },
        },
        VerifiableCredential: embeddedSchema('verifiable-credential', 'VerifiableCredential'),
        ...profileComponents(),
        ProfileRequest: {
          description: 'One of the credential profiles (GET /profiles), chosen by `profile`.',
          oneOf: listProfiles().map((profile) => ({ $ref: `#/components/schemas/${componentName(profile.name)}Request` })),
          discriminator: {
            propertyName: 'profile',
            mapping: Object.fromEntries(listProfiles().map((profile) => [profile.name, `#/components/schemas/${componentName(profile.name)}Request`])),
          },
        },
        BatchRequest: {
          type: 'object',
          required: ['profile', 'items'],
          additionalProperties: false,
          properties: {
            profile: { type: 'string' },
            format: { enum: ['di', 'jwt'], default: 'di' },
            offers: { type: 'boolean', default: false, description: 'A wallet offer (OpenID4VCI URI + PIN) per issued credential, in the results.' },
            items: {
              type: 'array',
              minItems: 1,
              maxItems: 50000,
              description: 'Profile requests without profile and format, each with an optional rowKey.',
              items: { type: 'object' },
            },
          },
        },
        BatchRowResult: {
          type: 'object',
          required: ['row', 'status'],
          properties: {
            row: { type: 'integer' },
            rowKey: { type: 'string' },
            status: { enum: ['pending', 'issued', 'replayed', 'invalid', 'failed'] },
            credentialId: { type: 'string' },
            verificationUrl: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } } },
            offer: {
              type: 'object',
              description: 'Jobs with offers: secret material for the school, the PIN to hand over apart from the QR code of offerUri.',
              properties: {
                offerUri: { type: 'string' },
                txCode: { type: 'string' },
                expiresAt: { type: 'string', format: 'date-time' },
                certificateUrl: { type: 'string', description: 'The certificate PDF with the "add to wallet" QR code.' },
              },
            },
          },
        },
        BatchJob: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            state: { enum: ['running', 'completed'] },
            profile: { type: 'string' },
            format: { enum: ['di', 'jwt'] },
            mode: { enum: ['all-or-nothing', 'valid-rows'] },
            offers: { type: 'boolean' },
            total: { type: 'integer' },
            done: { type: 'integer', description: 'issued + replayed' },
            failed: { type: 'integer', description: 'failed + invalid' },
            pending: { type: 'integer' },
            counts: { type: 'object', additionalProperties: { type: 'integer' } },
            links: { type: 'object', additionalProperties: { type: 'string' } },
            results: { type: 'array', items: { $ref: '#/components/schemas/BatchRowResult' } },
          },
        },
        Profile: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            title: { type: 'string' },
            summary: { type: 'string' },
            credentialSchemaId: { type: 'string', description: 'The credentialSchema id issued credentials carry.' },
            credentialSchema: { type: 'string' },
            requestSchema: { type: 'string' },
            credentialSchemaUrl: { type: 'string' },
            requestSchemaUrl: { type: 'string' },
          },
        },
        IssueResponse: {
          type: 'object',
          required: ['verifiableCredential'],
          properties: { verifiableCredential: { type: 'object', description: 'A VC with a DataIntegrityProof, or an EnvelopedVerifiableCredential (jwt).' } },
        },
        Issuer: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            slug: { type: 'string' },
            legalName: { type: 'string' },
            country: { type: 'string' },
            names: { type: 'object', additionalProperties: { type: 'string' } },
            did: { type: 'string' },
            didMethod: { enum: ['web', 'key'] },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
        Reason: {
          type: 'object',
          description:
            'A reason as data: a code and its parameters (a nested reason, a list of reasons, level codes, names…). The sentence beside it (reason, message, caveats[i], problems[i]) is this reason said in the reader\u2019s language; the producer\u2019s English sentence, with its technical detail, is in detail (caveatDetails, problemDetails, couldNotCheckDetails, differenceDetails). In English the sentence is that technical text itself.',
          required: ['code'],
          properties: {
            code: { enum: [...REASON_CODES] },
            params: { type: 'object' },
          },
        },
        CheckOutcome: {
          type: 'object',
          required: ['check', 'status'],
          properties: {
            check: { enum: ['data-model', 'issuer-key', 'signature', 'issuer', 'schema', 'validity-period', 'status', 'trust'] },
            status: { enum: ['success', 'failure', 'skipped'] },
            message: { type: 'string' },
            cause: {
              enum: ['not-applicable', 'not-run', 'could-not-check', 'not-recognized'],
              description: 'Why a check was skipped; could-not-check is never "failed"; not-recognized (trust): no source this service uses names the issuer.',
            },
            reason: { type: 'string', description: 'In the reader\u2019s language (also set on a failure, from its problem type).' },
            why: { $ref: '#/components/schemas/Reason' },
            detail: { type: 'string', description: 'The check\u2019s own English message, reason or problem details: the technical detail.' },
            problems: { type: 'array', items: { $ref: '#/components/schemas/Problem' } },
          },
        },
        VerificationReport: {
          type: 'object',
          required: ['verified', 'verdict', 'checks'],
          properties: {
            verified: {
              type: 'boolean',
              description:
                'VC API meaning: proof, structure, issuer, validity period and status all hold (with options.checks: the checks listed in verifiedChecks). Trust is reported in verdict and trust.',
            },
            verifiedChecks: {
              type: 'array',
              items: { type: 'string' },
              description:
                'Only with options.checks: the checks `verified` answers for (those asked and the fatal checks they rest on). Every check is still run and listed in checks.',
            },
            verdict: {
              enum: [
                'valid',
                'unrecognized-issuer',
                'out-of-scope',
                'expired',
                'not-yet-valid',
                'revoked',
                'suspended',
                'not-genuine',
                'malformed',
                'could-not-check',
              ],
              description:
                'valid: authentic, in force, and an authority this service trusts recognizes the issuer for it; unrecognized-issuer: authentic and in force, nobody vouches for the issuer; out-of-scope: recognized, but not for this credential.',
            },
            format: { enum: ['di', 'jwt', 'unknown'] },
            credential: { type: 'object' },
            checks: { type: 'array', items: { $ref: '#/components/schemas/CheckOutcome' } },
            summary: {
              type: 'object',
              description:
                'The verdict and each check\u2019s name and outcome in the reader\u2019s language (options.lang, else ?lang=, else Accept-Language; fr, en, de, es, ar; else English). Reasons, caveats and check messages of the report are in that language too; their English technical detail is in `detail` (detailLanguage).',
              properties: {
                language: { enum: ['fr', 'en', 'de', 'es', 'ar'] },
                verdict: { type: 'object', properties: { title: { type: 'string' }, text: { type: 'string' } } },
                checks: {
                  type: 'array',
                  items: { type: 'object', properties: { check: { type: 'string' }, name: { type: 'string' }, outcome: { type: 'string' } } },
                },
                detailLanguage: { const: 'en' },
              },
            },
            trust: {
              type: 'object',
              description: 'Who vouches for the issuer (the trust check).',
              properties: {
                tier: { enum: ['accredited', 'registered', 'unknown'] },
                recognized: { type: 'boolean' },
                legalName: { type: 'object', description: 'The recognized legal name by language: the authority\u2019s words.' },
                recognizedBy: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
                source: { type: 'string' },
                scope: { type: 'string' },
                examBrands: { type: 'array', items: { type: 'string' } },
                validUntil: { type: 'string' },
              },
            },
          },
        },
        Framework: embeddedSchema('framework', 'Framework'),
        Mapping: {
          type: 'object',
          required: ['from', 'to', 'basis', 'path', 'reason', 'sources'],
          properties: {
            from: {
              type: 'object',
              properties: {
                framework: { type: 'string' },
                code: { type: 'string' },
                label: { type: 'string' },
                uri: { type: 'string' },
                resolvedFrom: { type: 'string' },
              },
            },
            to: { type: 'array', description: 'Empty when basis is none; several levels when the correspondence spans them.', items: { type: 'object' } },
            toFramework: { type: 'string' },
            basis: {
              enum: ['official', 'indicative', 'none'],
              description: 'official: every hop rests on an official referencing to the EQF/ACQF; indicative: compared by descriptor; none: nothing recorded.',
            },
            path: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  framework: { type: 'string' },
                  levels: { type: 'array', items: { type: 'string' } },
                  basis: { enum: ['official', 'indicative'] },
                },
              },
            },
            reason: { type: 'string', description: 'In the reader\u2019s language on the verify, requirements and dossier reports; English here.' },
            why: { $ref: '#/components/schemas/Reason' },
            sources: {
              type: 'array',
              items: { type: 'object', properties: { framework: { type: 'string' }, url: { type: 'string' }, title: { type: 'string' } } },
            },
            caveats: { type: 'array', items: { type: 'string' }, description: 'Facts on this path that no source confirmed.' },
            caveatReasons: { type: 'array', items: { $ref: '#/components/schemas/Reason' }, description: 'One per caveat: whose fact is unconfirmed.' },
          },
        },
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details. `instance` is a JSON Pointer to the field at fault.',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } } },
          },
        },
      },
      responses: {
        Problem: { description: 'Problem details', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        Problem401: {
          description: 'Missing, malformed, unknown or revoked key',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
        Problem403: { description: 'Not allowed for this key', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    },
    paths: {
      ...verificationPagePaths(),
      ...deliverPaths(),
      '/credentials/issue': {
        post: {
          summary: 'Sign, store and return a credential (W3C VC API)',
          security: [{ apiKey: [] }],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              schema: { type: 'string', maxLength: 255 },
              description: 'A retry with the same key and body returns the same credential.',
            },
          ],
          requestBody: { required: true, content: json('IssueRequest') },
          responses: {
            '201': { description: 'Issued (also answered for an idempotent replay, with Idempotent-Replayed: true)', content: json('IssueResponse') },
            ...problems(400, 401, 403, 413, 415, 422),
          },
        },
      },
      '/credentials/verify': {
        post: {
          summary: 'Verify a credential and report every check',
          parameters: [reportLangParameter],
          requestBody: { required: true, content: json('VerifyRequest') },
          responses: {
            '200': { description: 'The credential verified: the report', content: json('VerificationReport') },
            '422': {
              description:
                'The credential did not verify (or could not be fully checked): the same report, as an RFC 9457 problem (type …/verification-failed) whose extension members are the report',
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/VerificationReport' } } },
            },
            ...problems(400, 413, 415, 429),
          },
        },
      },
      '/presentations/verify': {
        post: {
          summary: 'Verify a presentation: its holder proof (challenge, domain), then every credential in it and whether its subject is the holder',
          parameters: [reportLangParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: embeddedSchema('verify-presentation-request', 'VerifyPresentationRequest') } },
          },
          responses: {
            '200': { description: 'The presentation and every credential in it verified: one report for the presentation, one per credential' },
            '422': { description: 'Something did not verify: the same report, as an RFC 9457 problem (type …/verification-failed)' },
            ...problems(400, 413, 415, 429),
          },
        },
      },
      '/credentials/status': {
        post: {
          summary: 'Revoke (final), suspend or unsuspend one of your credentials (W3C VC API)',
          security: [{ apiKey: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/StatusChangeRequest' },
                example: {
                  credentialId: 'https://passerelle.example/credentials/5b0c…',
                  credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }],
                  reason: 'Issued in error',
                },
              },
            },
          },
          responses: { '200': { description: 'The status now', content: json('StatusChangeResult') }, ...problems(400, 401, 403, 404, 409) },
        },
      },
      '/credentials/{id}/status': {
        get: {
          summary: 'Current status and the append-only status log of one of your credentials',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'State and events, oldest first' }, ...problems(401, 403, 404) },
        },
      },
      '/status-lists/{listId}/{purpose}': {
        get: {
          summary: 'A signed BitstringStatusListCredential (purpose: revocation or suspension; add .jwt for the VC-JOSE form)',
          parameters: [
            { name: 'listId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'purpose', in: 'path', required: true, schema: { enum: ['revocation', 'suspension', 'revocation.jwt', 'suspension.jwt'] } },
          ],
          responses: {
            '200': {
              description: 'The list; Cache-Control max-age never exceeds its validUntil',
              content: { 'application/vc+ld+json': { schema: { type: 'object' } }, 'application/vc+jwt': { schema: { type: 'string' } } },
            },
            ...problems(404),
          },
        },
      },
      '/credentials/{id}': {
        get: {
          summary: 'Read back a credential issued by the caller',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The stored credential', content: json('IssueResponse') }, ...problems(401, 404) },
        },
      },
      '/issuers/{slug}/credentials': {
        post: {
          summary: 'Issue a typed credential (diploma, language level, training module, validated skills) as an Open Badges 3.0 credential',
          description:
            'Builds, validates, signs and stores the credential; `credentialSchema` names the profile schema. Every invalid field is listed at once in `errors` (JSON Pointer + rule). The API key must be one of this issuer\u2019s (another issuer\u2019s key → 403).',
          security: [{ apiKey: [] }],
          parameters: [
            { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'Idempotency-Key',
              in: 'header',
              schema: { type: 'string', maxLength: 255 },
              description: 'A retry with the same key and body returns the same credential.',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ProfileRequest' },
                examples: Object.fromEntries(Object.entries(PROFILE_EXAMPLES).map(([name, value]) => [name, { summary: EXAMPLE_SUMMARIES[name], value }])),
              },
            },
          },
          responses: {
            '201': { description: 'Issued (also for an idempotent replay, with Idempotent-Replayed: true)', content: json('IssueResponse') },
            ...problems(400, 401, 403, 404, 413, 415, 422),
          },
        },
      },
      '/issuers/{slug}/credentials/batch': {
        post: {
          summary: 'Issue a cohort: many credentials of one profile, from a CSV file or a JSON batch',
          description:
            'The whole batch is validated first; every bad row is listed at once in `errors` (pointer `/rows/<row>/<column>` for CSV, header = row 1; `/items/<index>/…` for JSON). ' +
            '`mode=all-or-nothing` (default) issues nothing when a row is bad; `valid-rows` issues the others. A row\u2019s `rowKey` makes it idempotent: sending it again returns the stored credential. ' +
            'Up to 20 rows are issued within the request (201); larger batches run as a job (202, Location: /jobs/{id}). CSV columns: GET /profiles/{profile}/template.csv.',
          security: [{ apiKey: [] }],
          parameters: [
            { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'profile', in: 'query', schema: { type: 'string' }, description: 'CSV only: the profile of every row.' },
            { name: 'format', in: 'query', schema: { enum: ['di', 'jwt'], default: 'di' }, description: 'CSV only.' },
            { name: 'mode', in: 'query', schema: { enum: ['all-or-nothing', 'valid-rows'], default: 'all-or-nothing' } },
            {
              name: 'offers',
              in: 'query',
              schema: { enum: ['true', 'false'], default: 'false' },
              description: 'A wallet offer (OpenID4VCI URI + PIN, usable once, CREDENTIAL_OFFER_TTL) per issued credential, in the results.',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/BatchRequest' } },
              'text/csv': { schema: { type: 'string', description: 'UTF-8 (BOM optional), `,` or `;` separated, a header row of dotted columns.' } },
            },
          },
          responses: {
            '201': { description: 'Small batch, issued', content: json('BatchJob') },
            '202': { description: 'Large batch, running as a job (Location: /jobs/{id})', content: json('BatchJob') },
            ...problems(400, 401, 403, 413, 415),
          },
        },
      },
      '/profiles/{profile}/template.csv': {
        get: {
          summary: 'A CSV template for a profile: the header row and one example row',
          parameters: [{ name: 'profile', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The template', content: { 'text/csv': { schema: { type: 'string' } } } }, ...problems(404) },
        },
      },
      '/jobs/{id}': {
        get: {
          summary: 'A batch job: counts (done, failed, pending, total) and the results so far',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The job', content: json('BatchJob') }, ...problems(401, 404) },
        },
      },
      '/jobs/{id}/events': {
        get: {
          summary: 'Progress of a batch job as Server-Sent Events (`progress` after each committed group, then `completed`)',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...problems(401, 404) },
        },
      },
      '/jobs/{id}/results.json': {
        get: {
          summary: 'Results of a batch job, one entry per row',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'Results',
              content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/BatchRowResult' } } } },
            },
            ...problems(401, 404),
          },
        },
      },
      '/jobs/{id}/results.csv': {
        get: {
          summary: 'Results of a batch job as CSV (row, rowKey, status, credentialId, verificationUrl, errors)',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'Results', content: { 'text/csv': { schema: { type: 'string' } } } }, ...problems(401, 404) },
        },
      },
      '/profiles': {
        get: {
          summary: 'The credential profiles and their schemas',
          responses: {
            '200': { description: 'Profiles', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Profile' } } } } },
          },
        },
      },
      '/schemas/{name}.json': {
        get: {
          summary: 'A profile JSON Schema (draft 2020-12): <profile>, <profile>-request or profile-common',
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The schema', content: { 'application/schema+json': { schema: { type: 'object' } } } }, ...problems(404) },
        },
      },
      '/issuers/{slug}': {
        get: {
          summary: 'Public profile of an issuer',
          parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The issuer', content: json('Issuer') }, ...problems(404) },
        },
      },
      '/issuers/{slug}/did.json': {
        get: {
          summary: 'DID document of a did:web issuer (did:web:<host>:issuers:<slug>)',
          parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'DID document', content: { 'application/did+json': { schema: { type: 'object' } } } }, ...problems(404) },
        },
      },
      '/admin/issuers': {
        post: {
          summary: 'Create an issuer with a key, a DID and a first API key (shown once)',
          security: [{ adminToken: [] }],
          requestBody: { required: true, content: json('IssuerCreate') },
          responses: { '201': { description: 'The issuer and its apiKey', content: json('Issuer') }, ...problems(400, 401, 403, 409) },
        },
        get: { summary: 'List issuers', security: [{ adminToken: [] }], responses: { '200': { description: 'Issuers' }, ...problems(401, 403) } },
      },
      '/admin/issuers/{slug}/api-keys': {
        post: {
          summary: 'Create another API key (shown once)',
          security: [{ adminToken: [] }],
          responses: { '201': { description: 'The key' }, ...problems(401, 403, 404) },
        },
        get: {
          summary: 'List API keys (never their secrets)',
          security: [{ adminToken: [] }],
          responses: { '200': { description: 'Keys' }, ...problems(401, 403, 404) },
        },
      },
      '/admin/issuers/{slug}/api-keys/{id}': {
        delete: { summary: 'Revoke an API key', security: [{ adminToken: [] }], responses: { '204': { description: 'Revoked' }, ...problems(401, 403, 404) } },
      },
      '/admin/issuers/{slug}/keys': {
        post: {
          summary: 'Rotate the signing key (did:web only); the old key stays in the DID document',
          security: [{ adminToken: [] }],
          responses: { '201': { description: 'The new verification method' }, ...problems(401, 403, 404, 409) },
        },
      },
      '/trust': {
        get: {
          summary: 'Who this service believes: trust anchors, subscribed trust lists (state, last refresh, signers), entries in use, warnings',
          responses: { '200': { description: 'The trust overview' } },
        },
      },
      '/trust-list': {
        get: {
          summary:
            'Recognitions granted on this service, each a RecognizedEntityCredential signed by the recognizing authority (with a status entry), in an unsigned presentation: what other services subscribe to',
          responses: { '200': { description: 'A VerifiablePresentation', content: { 'application/vp+ld+json': { schema: { type: 'object' } } } } },
        },
      },
      '/admin/trust/entries': {
        post: {
          summary: 'Add an operator trust entry: this service vouches for an issuer (by DID) within a scope; not published',
          security: [{ adminToken: [] }],
          requestBody: { required: true, content: json('TrustEntryRequest') },
          responses: { '201': { description: 'The entry' }, ...problems(400, 401, 403) },
        },
      },
      '/admin/trust/entries/{id}': {
        delete: {
          summary: 'Withdraw a trust entry; a published recognition is revoked through its status list',
          security: [{ adminToken: [] }],
          responses: { '204': { description: 'Withdrawn' }, ...problems(401, 403, 404) },
        },
      },
      '/admin/trust/refresh': {
        post: {
          summary: 'Fetch and verify every subscribed trust list now',
          security: [{ adminToken: [] }],
          responses: { '200': { description: 'The trust overview after the refresh' }, ...problems(401, 403) },
        },
      },
      '/admin/issuers/{slug}/recognition': {
        post: {
          summary: 'Recognize a hosted issuer: a hosted authority signs a RecognizedEntityCredential with its scope, published on GET /trust-list',
          security: [{ adminToken: [] }],
          requestBody: { required: true, content: json('RecognitionRequest') },
          responses: { '201': { description: 'The entry and the signed recognition credential' }, ...problems(400, 401, 403, 404) },
        },
      },
      '/frameworks': {
        get: {
          summary: 'Qualification and language frameworks in the registry (EQF, ACQF, CEFR, national frameworks), with their referencing status',
          parameters: [langParameter],
          responses: { '200': { description: 'Summaries' }, ...problems(400) },
        },
      },
      '/frameworks/{id}': {
        get: {
          summary: 'One framework: names, publisher, sources, referencing to EQF/ACQF, and every level with its correspondence',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'ma-cnc' }, langParameter],
          responses: { '200': { description: 'The data file, plus display texts in the chosen language', content: json('Framework') }, ...problems(404) },
        },
      },
      '/frameworks/{id}/levels/{code}': {
        get: {
          summary: "One level (a code or a former code such as France's IV), with its EQF mapping",
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'code', in: 'path', required: true, schema: { type: 'string' } },
            langParameter,
          ],
          responses: { '200': { description: 'The level' }, ...problems(400, 404) },
        },
      },
      '/mappings': {
        get: {
          summary: 'Express a level in another framework, with basis (official / indicative / none), path and sources',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]+:.+$' }, example: 'ma-cnc:5' },
            { name: 'to', in: 'query', required: true, schema: { type: 'string' }, example: 'de-dqr' },
            langParameter,
          ],
          responses: { '200': { description: 'The mapping', content: json('Mapping') }, ...problems(400, 404) },
        },
      },
      '/requirements/presets': {
        get: {
          summary: 'Named requirement presets, each with its sources and unverified points',
          parameters: [langParameter],
          responses: { '200': { description: 'Presets' } },
        },
      },
      '/requirements/check': {
        post: {
          summary: 'Verify a set of credentials, then answer requirements (met / not-met / cannot-tell) from the verified ones, with the evidence used',
          parameters: [reportLangParameter],
          requestBody: { required: true, content: json('RequirementsCheckRequest') },
          responses: { '200': { description: 'Outcome per requirement and preset, and which credentials verified' }, ...problems(400, 413, 415) },
        },
      },
      '/dossiers/verify': {
        post: {
          summary:
            "Verify a dossier (a presentation or up to 20 credentials) for one reader: every credential with trust, who it is about (optionally a passport number checked against the salted hashes, never stored), the links of decisions and validations by digest, and a summary in the reader's frameworks and language",
          description:
            'Always 200 with the report (allVerified says whether everything was accepted; problems and couldNotCheck say why not). format=html gives the same report as an accessible page, format=pdf as an A4 PDF to file, in options.lang (fr, en, de, es, ar; else ?lang=, else Accept-Language). Problems, reasons and caveats are in that language in all three forms; the JSON keeps the English as problemDetails, couldNotCheckDetails and detail.',
          parameters: [{ name: 'format', in: 'query', required: false, schema: { enum: ['json', 'html', 'pdf'], default: 'json' } }, reportLangParameter],
          requestBody: { required: true, content: { 'application/json': { schema: embeddedSchema('dossier-request', 'DossierRequest') } } },
          responses: {
            '200': {
              description: 'The dossier report (JSON), or the same as a page or a PDF',
              content: {
                'application/json': { schema: { type: 'object' } },
                'text/html': { schema: { type: 'string' } },
                'application/pdf': { schema: { type: 'string', format: 'binary' } },
              },
            },
            ...problems(400, 413, 415, 429),
          },
        },
      },
      '/contexts/{name}': { get: { summary: 'Our JSON-LD contexts', responses: { '200': { description: 'Context' }, ...problems(404) } } },
      ...operationsPaths(),
    },
  };
  completeOperations(document.paths as Parameters<typeof completeOperations>[0]);
  return document;
}

/** Landing page, API reference, health, readiness and metrics (http/docs-routes, meta-routes, operations-routes). */
function operationsPaths(): Record<string, object> {
  const html = (description: string) => ({ '200': { description, content: { 'text/html': { schema: { type: 'string' } } } } });
  return {
    '/': { get: { summary: 'What this service is, with links to the checker, the API reference and health', responses: html('Landing page') } },
    '/docs': { get: { summary: 'API reference rendered from /openapi.json (served from this origin)', responses: html('Swagger UI page') } },
    '/healthz': { get: { summary: 'Liveness and store reachability', responses: { '200': { description: 'OK' }, ...problems(503) } } },
    '/readyz': {
      get: { summary: 'Readiness: 503 while the store is unreachable', responses: { '200': { description: 'Ready to serve traffic' }, ...problems(503) } },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (request durations, credentials issued, verdicts, status-list lookups, process)',
        description: 'Public unless METRICS_TOKEN is set; then it needs that bearer token.',
        responses: { '200': { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } }, ...problems(401) },
      },
    },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
  };
}
