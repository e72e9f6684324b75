import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestLogging } from '../../src/http/request-logging.js';
import { createLogger } from '../../src/observe/logger.js';
import type { Metrics } from '../../src/observe/metrics.js';

/** The request log line, through a real HTTP server: its shape, its level, and that nothing secret reaches it. */
describe('request logging', () => {
  const lines: Array<Record<string, unknown>> = [];
  const observed: Array<[string, string, number]> = [];
  const metrics = {
    observeRequest: (route: string, method: string, status: number) => observed.push([route, method, status]),
  } as unknown as Metrics;
  let server: Server;
  let base: string;
  let level = 'info';

  before(async () => {
    const loggers = new Map(
      ['info', 'warn'].map((name) => [
        name,
        requestLogging(createLogger({ level: name, secrets: [], destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }), metrics),
      ]),
    );
    server = createServer((req, res) => {
      loggers.get(level)!(req, res, () => {
        (req as IncomingMessage & { route?: { path: string } }).route = { path: '/things/:id' };
        res.statusCode = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    lines.length = 0;
    observed.length = 0;
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('writes one info line per request: id, method, path without its query, route, status and duration', async () => {
    level = 'info';
    const response = await fetch(`${base}/things/42?apiKey=psk_secret`, { headers: { 'x-request-id': 'trace-1', authorization: 'Bearer psk_x' } });
    expect(response.headers.get('x-request-id')).to.equal('trace-1');
    await settle();
    expect(lines).to.have.length(1);
    const [line] = lines as [Record<string, unknown>];
    expect(line).to.include({ level: 30, route: '/things/:id', msg: 'GET /things/:id 200' });
    expect(line.req).to.deep.equal({ id: 'trace-1', method: 'GET', path: '/things/42' });
    expect(line.res).to.deep.equal({ statusCode: 200 });
    expect(line.responseTime).to.be.a('number');
    expect(JSON.stringify(line)).to.not.include('psk_');
    expect(observed).to.deep.equal([['/things/:id', 'GET', 200]]);
  });

  it('writes a 5xx at error level with an error, and redacts an offer code in the path', async () => {
    level = 'info';
    await fetch(`${base}/credential-offers/pre-auth-code-123?status=503`);
    await settle();
    expect(lines).to.have.length(1);
    const [line] = lines as [Record<string, unknown>];
    expect(line).to.include({ level: 50, msg: 'GET /things/:id 503' });
    expect((line.err as { message: string }).message).to.equal('failed with status code 503');
    expect((line.req as { path: string }).path).to.equal('/credential-offers/[redacted]');
  });

  it('at LOG_LEVEL=warn writes no line for a success but still the error line, and counts both', async () => {
    level = 'warn';
    await fetch(`${base}/things/1`);
    await fetch(`${base}/things/2?status=500`);
    await settle();
    expect(lines.map((line) => line.level)).to.deep.equal([50]);
    expect(observed.map(([, , status]) => status)).to.deep.equal([200, 500]);
  });
});
