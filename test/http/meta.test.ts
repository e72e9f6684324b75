import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

describe('health, OpenAPI and contexts', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('GET /healthz reports the store', async () => {
    const response = await app.get('/healthz');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ status: 'ok', store: 'sqlite' });
  });

  it('GET /openapi.json describes every route the app serves, with request schemas', async () => {
    const document = (await app.get('/openapi.json')).body;
    expect(document.openapi).to.equal('3.1.0');
    const described = Object.keys(document.paths);
    // Walk Express's own routing table, so a route added without documentation fails here.
    const routes = await listRoutes(app);
    expect(routes.length).to.be.greaterThan(8);
    for (const route of routes) {
      const openApiPath = route.replace(/:(\w+)(\.json)?/g, (_match, name: string, suffix?: string) => `{${name}}${suffix ?? ''}`);
      expect(described, `${route} is not in /openapi.json`).to.include(openApiPath);
    }
    expect(document.paths['/credentials/issue'].post.requestBody.content['application/json'].schema.$ref).to.equal('#/components/schemas/IssueRequest');
    expect(document.components.schemas.IssueRequest.properties.options.properties.format.enum).to.deep.equal(['di', 'jwt']);
  });

  it('serves no context it does not have', async () => {
    expect((await app.get('/contexts/nope')).status).to.equal(404);
  });
});

/** The paths of every route mounted in the app, read from Express 5's router stack. */
async function listRoutes(app: TestApp): Promise<string[]> {
  const { createApp } = await import('../../src/app.js');
  const express = createApp(app.services) as unknown as { router: { stack: Layer[] } };
  const paths: string[] = [];
  const visit = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.path !== undefined) paths.push(layer.route.path);
      if (layer.handle?.stack !== undefined) visit(layer.handle.stack);
    }
  };
  visit(express.router.stack);
  return paths;
}

interface Layer {
  route?: { path: string };
  handle?: { stack?: Layer[] };
}
