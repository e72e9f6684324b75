import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequestListener } from '../../src/app.js';
import { createServices, type Services } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { createIssuer } from '../../src/issuers/create-issuer.js';
import type { IssuerRecord } from '../../src/store/ports.js';

/**
 * The real app on loopback with a fresh SQLite file and one issuer, for the benchmarks:
 * rate limits off and request logs at warn, so that they measure the work.
 */
export async function startBenchApp(): Promise<{
  baseUrl: string;
  services: Services;
  issuer: IssuerRecord;
  apiKey: string;
  close(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
  const server = createHttpServer(loadConfig({ DATA_DIR: dataDir }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  });
  const services = await createServices(config);
  server.on('request', createRequestListener(services));
  const { issuer, apiKey } = await createIssuer({ ...services, publicUrl: baseUrl }, { slug: 'bench', legalName: 'Bench Centre', country: 'MA' });
  return {
    baseUrl,
    services,
    issuer,
    apiKey,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
