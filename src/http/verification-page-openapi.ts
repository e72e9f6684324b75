/** OpenAPI paths of the public employer-facing routes (verification-page-routes.ts). */
const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Last segment of the credential id (a UUID).' };
const lang = {
  name: 'lang',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['fr', 'en', 'de', 'es', 'ar'] },
  description: 'Page language; otherwise Accept-Language.',
};
const medium = {
  name: 'for',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['print3cm', 'certificate', 'screen'], default: 'print3cm' },
  description: 'Largest QR version allowed (18, 25, 40); the credential rides in the URL fragment only when it fits (docs/qr-payload.md).',
};
const html = { 'text/html': { schema: { type: 'string' } } };
const pageForm = {
  required: true,
  content: {
    'application/x-www-form-urlencoded': {
      schema: {
        type: 'object',
        properties: {
          vc: { type: 'string', description: 'The QR fragment payload (after #vc=).' },
          credential: { type: 'string', description: 'A pasted credential: JSON (VC or enveloped VC) or a compact JWT.' },
        },
      },
    },
  },
};

export function verificationPagePaths(): Record<string, object> {
  return {
    '/v': {
      get: { summary: 'The paste-a-credential page (public)', parameters: [lang], responses: { '200': { description: 'Page', content: html } } },
      post: {
        summary: 'Verify a pasted credential and show the result page (public)',
        parameters: [lang],
        requestBody: pageForm,
        responses: { '200': { description: 'Result page', content: html }, '415': problem },
      },
    },
    '/v/{id}': {
      get: {
        summary: 'Public verification page of a credential (HTML, five languages)',
        parameters: [id, lang],
        responses: {
          '200': { description: 'Result page', content: html },
          '404': { description: 'Not found page (still verifies a credential carried in the link fragment)', content: html },
        },
      },
      post: {
        summary: 'Verify the credential carried in the QR code fragment',
        parameters: [id, lang],
        requestBody: pageForm,
        responses: { '200': { description: 'Result page', content: html }, '415': problem },
      },
    },
    '/credentials/{id}/qr.svg': {
      get: {
        summary: 'QR code of the verification URL (SVG)',
        parameters: [id, medium],
        responses: { '200': { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } }, '400': problem, '404': problem },
      },
    },
    '/credentials/{id}/qr.png': {
      get: {
        summary: 'QR code of the verification URL (PNG)',
        parameters: [id, medium],
        responses: {
          '200': { description: 'PNG', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
          '400': problem,
          '404': problem,
        },
      },
    },
    '/credentials/{id}/certificate.pdf': {
      get: {
        summary: 'Printable A4 certificate in the credential\u2019s primary language',
        parameters: [
          id,
          {
            name: 'offer',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description:
              'The code of an open wallet offer of this credential (the last segment of its credential_offer_uri): adds an "add to your wallet" QR code. 404 when used, expired or unknown.',
          },
        ],
        responses: { '200': { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, '404': problem },
      },
    },
  };
}
