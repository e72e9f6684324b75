import { expect } from 'chai';
import { createServer } from 'node:net';
import { guardedFetch, isForbiddenAddress } from '../../src/resolve/guarded-fetch.js';

/** Issue #9: every address form that can reach a private network is refused before any socket. */
const FORBIDDEN: string[] = [
  // IPv4 special ranges
  '0.0.0.0',
  '10.1.2.3',
  '100.64.0.1',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.8',
  '192.0.2.1',
  '192.168.1.1',
  '198.18.0.1',
  '198.51.100.7',
  '203.0.113.9',
  '224.0.0.1',
  '240.0.0.1',
  '255.255.255.255',
  // IPv6 loopback, unspecified and the forms that embed IPv4, in several spellings
  '::1',
  '0:0:0:0:0:0:0:1',
  '::',
  '::127.0.0.1',
  '::7f00:1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '0:0:0:0:0:ffff:a00:1',
  '::ffff:0:a00:1',
  '64:ff9b::7f00:1',
  '64:ff9b::10.0.0.1',
  '64:ff9b:1::a00:1',
  '2002:7f00:1::',
  '2002:c0a8:101::1',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  // IPv6 special ranges
  '100::1',
  '2001:db8::1',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'febf::1',
  'fec0::1',
  'feff::1',
  'ff02::1',
];
const ALLOWED = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001:81b::200e'];

describe('SSRF guard: addresses a credential may make us connect to', () => {
  for (const address of FORBIDDEN) {
    it(`refuses ${address}`, () => expect(isForbiddenAddress(address)).to.equal(true));
  }
  for (const address of ALLOWED) {
    it(`allows the public address ${address}`, () => expect(isForbiddenAddress(address)).to.equal(false));
  }

  it('refuses URLs that spell a forbidden address differently, before opening any socket', async () => {
    let connections = 0;
    const listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as { port: number };
    const spellings = [
      `https://127.0.0.1:${port}/l`,
      `https://0x7f000001:${port}/l`,
      `https://2130706433:${port}/l`,
      `https://127.1:${port}/l`,
      `https://[::ffff:127.0.0.1]:${port}/l`,
      `https://[::ffff:7f00:1]:${port}/l`,
      `https://[64:ff9b::127.0.0.1]:${port}/l`,
      `https://[::127.0.0.1]:${port}/l`,
      `https://localhost:${port}/l`,
    ];
    try {
      for (const url of spellings) {
        const refused = await guardedFetch(url, { timeoutMs: 1000, maxBytes: 1000 }).then(
          () => undefined,
          (error: Error) => error,
        );
        expect(refused, url).to.be.instanceOf(Error);
        expect(refused?.message, url).to.match(/private or loopback|could not/i);
      }
      expect(connections).to.equal(0);
    } finally {
      listener.close();
    }
  });
});
