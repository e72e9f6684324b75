// Writes the OpenAPI document the service serves to a file (default openapi.json), for
// linters and client generators: `npm run lint:openapi` lints it with Redocly.
import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../src/http/openapi.js';

const out = process.argv[2] ?? 'test-output/openapi.json';
writeFileSync(out, JSON.stringify(buildOpenApi('https://passerelle.example.org'), null, 2) + '\n');
console.log(`OpenAPI document written to ${out}`);
