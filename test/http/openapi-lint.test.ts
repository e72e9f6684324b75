import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import { buildOpenApi } from '../../src/http/openapi.js';

/**
 * Issue #10: the OpenAPI document passes Redocly's recommended rules with no error, and
 * swagger-parser accepts it. Remaining warnings, by rule, and why they stay:
 * - no-required-schema-properties-undefined: the profile credential schemas require
 *   properties that an `allOf` branch defines (valid JSON Schema; Redocly reads branches alone);
 * - no-unused-components: the credential schemas are published for readers and clients,
 *   though the issue responses are typed loosely (a DI credential or a JWT envelope);
 * - operation-4xx-response: pages and lists that take no input have no 4xx of their own.
 */
const ACCEPTED_WARNINGS = new Set(['no-required-schema-properties-undefined', 'no-unused-components', 'operation-4xx-response', 'no-server-example.com']);

describe('OpenAPI document: lint and validation', function () {
  this.timeout(60_000);
  const document = buildOpenApi('https://passerelle.example.org');
  const file = join('test-output', `openapi-${process.pid}.json`);

  before(() => {
    mkdirSync('test-output', { recursive: true });
    writeFileSync(file, JSON.stringify(document));
  });

  it('has 0 errors under Redocly’s recommended rules, and only the warnings listed above', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--format=json'], {
      maxBuffer: 20 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const result = JSON.parse(stdout) as { totals: { errors: number }; problems: Array<{ ruleId: string; severity: string; message: string }> };
    expect(result.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId}: ${problem.message}`)).to.deep.equal([]);
    expect(result.totals.errors).to.equal(0);
    const unexpected = result.problems.filter((problem) => !ACCEPTED_WARNINGS.has(problem.ruleId));
    expect(unexpected.map((problem) => `${problem.ruleId}: ${problem.message}`)).to.deep.equal([]);
  });

  it('is accepted by swagger-parser', async () => {
    await SwaggerParser.validate(structuredClone(document) as never);
  });

  it('gives every operation a unique operationId and public ones security: []', () => {
    const operations = Object.entries((document as { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> }).paths).flatMap(
      ([path, item]) => Object.entries(item).map(([method, operation]) => ({ key: `${method} ${path}`, ...operation })),
    );
    const ids = operations.map((operation) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).to.equal(true);
    expect(new Set(ids).size).to.equal(ids.length);
    const verify = operations.find((operation) => operation.key === 'post /credentials/verify');
    expect(verify?.security).to.deep.equal([]);
    const issue = operations.find((operation) => operation.key === 'post /credentials/issue');
    expect(issue?.security).to.not.deep.equal([]);
  });
});
