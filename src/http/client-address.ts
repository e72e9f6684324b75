import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address as Express's `req.ip` computes it (proxy-addr, with TRUST_PROXY read the
 * way Express's 'trust proxy' setting reads it), for code that also sees requests Express never
 * wrapped: the verify entry (verify-entry.ts) and the rate limit both of them share.
 */
export function clientAddressOf(trustProxy: boolean | number | string): (req: IncomingMessage) => string {
  const trust =
    trustProxy === true
      ? () => true
      : typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : proxyaddr.compile(trustProxy === false ? [] : trustProxy.split(',').map((entry) => entry.trim()));
  return (req) => proxyaddr(req, trust);
}
