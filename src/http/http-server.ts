import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from '../config/load-config.js';

/**
 * The Node HTTP server with its time limits: a client that sends its headers or its body
 * slowly (one byte at a time) would otherwise hold a connection and its memory for
 * Node's defaults (300 s for a request).
 */
export function createHttpServer(config: Pick<Config, 'requestTimeoutMs' | 'headersTimeoutMs'>, listener?: RequestListener): Server {
  const options = {
    requestTimeout: config.requestTimeoutMs,
    headersTimeout: Math.min(config.headersTimeoutMs, config.requestTimeoutMs),
    // How often Node looks for connections past those limits; by default only every 30 s.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
  };
  return listener === undefined ? createServer(options) : createServer(options, listener);
}
