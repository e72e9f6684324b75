import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP } from 'node:net';

export interface RemoteFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** OUTBOUND_ALLOW_PRIVATE: lets the fetcher reach private and loopback addresses (intranets, tests). */
  allowPrivateNetwork?: boolean;
  /** OUTBOUND_CA_FILE: an extra trusted CA (PEM), added to Node's default roots. */
  ca?: string;
}

/** Why a document could not be fetched; each caller turns it into its own "could not check" problem. */
export class OutboundFetchError extends Error {
  override readonly name = 'OutboundFetchError';
  constructor(
    readonly url: string,
    readonly why: string,
  ) {
    super(`${url} could not be fetched: ${why}.`);
  }
}

export interface FetchedDocument {
  contentType: string;
  body: string;
  /** The Cache-Control header, for callers that cache (DID documents, trust lists). */
  cacheControl: string;
}

/** Addresses a URL taken from a credential must never make us connect to (SSRF). */
// Two lists: Node's BlockList matches an IPv4 address against IPv6 rules that embed it
// (::/96 would then refuse every IPv4 address).
const FORBIDDEN_V4 = new BlockList();
const FORBIDDEN_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  FORBIDDEN_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // Forms that embed an IPv4 address, which could be a private one: refused whole.
  ['::', 96], // unspecified, loopback and IPv4-compatible (::a.b.c.d)
  ['::ffff:0:0', 96], // IPv4-mapped
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local-use NAT64
  ['2002::', 16], // 6to4
  ['2001::', 32], // Teredo
  // Special-purpose ranges.
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed on some networks)
  ['ff00::', 8], // multicast
] as const) {
  FORBIDDEN_V6.addSubnet(network, prefix, 'ipv6');
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN_V4.check(address, 'ipv4');
  return family === 6 && FORBIDDEN_V6.check(address, 'ipv6');
}

/**
 * The one outbound fetcher: GET over https only, for what a verifier must fetch (other
 * issuers' DID documents and status lists, trust lists).
 * The address check runs inside the connection's own DNS lookup, so a name that
 * resolves to a public address when checked and a private one when connecting
 * (DNS rebinding) is still refused. Every failure is "could not check".
 */
export async function guardedFetch(url: string, options: RemoteFetchOptions, accept = 'application/json'): Promise<FetchedDocument> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw unchecked(url, 'it is not a URL');
  }
  if (parsed.protocol !== 'https:') throw unchecked(url, 'only https URLs are fetched');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivateNetwork && isForbiddenAddress(host)) throw unchecked(url, 'it points at a private or loopback address');

  return new Promise((resolve, reject) => {
    const req = request(
      parsed,
      {
        method: 'GET',
        headers: { accept },
        timeout: options.timeoutMs,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        lookup: (hostname, lookupOptions, callback) => {
          dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
            if (error) return callback(error, '', 0);
            const allowed = addresses.filter((entry) => options.allowPrivateNetwork === true || !isForbiddenAddress(entry.address));
            const first = allowed[0];
            if (first === undefined)
              return callback(Object.assign(new Error(`${hostname} resolves only to private or loopback addresses`), { code: 'EFORBIDDEN' }), '', 0);
            if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
            return callback(null, first.address, first.family);
          });
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return reject(unchecked(url, `the server answered ${String(response.statusCode)}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy();
            reject(unchecked(url, `it is larger than ${options.maxBytes} bytes`));
          } else chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            contentType: String(response.headers['content-type'] ?? ''),
            cacheControl: String(response.headers['cache-control'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', (error) => reject(unchecked(url, error.message)));
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) => reject(unchecked(url, error.message)));
    req.end();
  });
}

function unchecked(url: string, why: string): OutboundFetchError {
  return new OutboundFetchError(url, why);
}
