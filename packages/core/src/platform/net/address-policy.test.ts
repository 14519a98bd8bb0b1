import { describe, expect, it } from 'vitest';
import { AddressPolicy, cidrListSchema } from './address-policy.js';
import { OutboundError, OutboundHttpClient } from './outbound-http.js';

const policy = new AddressPolicy();

/** Every class of address an outbound call must never reach, with the reason it is refused. */
const REFUSED: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['169.254.0.1', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.19.255.255', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['febf::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['100::1', 'discard'],
  ['::ffff:127.0.0.1', 'ipv4-mapped:loopback'],
  ['::ffff:7f00:1', 'ipv4-mapped:loopback'],
  ['::ffff:a9fe:a9fe', 'ipv4-mapped:linkLocal'],
  ['::ffff:10.1.2.3', 'ipv4-mapped:private'],
  ['::127.0.0.1', 'ipv4-compatible:loopback'],
  ['::7f00:1', 'ipv4-compatible:loopback'],
  ['::0.0.0.2', 'ipv4-compatible:unspecified'],
  ['::a9fe:a9fe', 'ipv4-compatible:linkLocal'],
  ['::808:808', 'ipv4-compatible:unicast'],
  ['::ffff:0:7f00:1', 'rfc6145'],
  ['64:ff9b::7f00:1', 'rfc6052'],
  ['64:ff9b::a9fe:a9fe', 'rfc6052'],
  ['64:ff9b:1::1', 'rfc6052'],
  ['2002:7f00:1::1', '6to4'],
  ['2001::1', 'teredo'],
];

describe('AddressPolicy', () => {
  it.each(REFUSED)('refuses %s (%s)', (ip, reason) => {
    expect(policy.check(ip)).toEqual({ allowed: false, reason });
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])(
    'allows the public address %s',
    (ip) => {
      expect(policy.check(ip)).toEqual({ allowed: true, reason: 'unicast' });
    },
  );

  it('refuses IPv4-mapped public addresses too: the mapped form is judged as IPv4, and passes only as such', () => {
    // ::ffff:8.8.8.8 is 8.8.8.8: allowed, like the address it carries.
    expect(new AddressPolicy().check('::ffff:8.8.8.8').allowed).toBe(true);
  });

  it('refuses text that is not a strict IP address (shorthand IPv4 never reaches the check)', () => {
    for (const t of ['2130706433', '0x7f.1', '017700000001', '127.1', 'localhost', '']) {
      expect(policy.check(t)).toEqual({ allowed: false, reason: 'not-an-ip-address' });
    }
  });

  it('opens exactly the configured CIDRs, including their IPv4-mapped forms', () => {
    const p = new AddressPolicy(['127.0.0.1/32', 'fd00:1::/48']);
    expect(p.check('127.0.0.1').allowed).toBe(true);
    expect(p.check('::ffff:127.0.0.1').allowed).toBe(true);
    expect(p.check('127.0.0.2')).toEqual({ allowed: false, reason: 'loopback' });
    expect(p.check('fd00:1::5').allowed).toBe(true);
    expect(p.check('fd00:2::5').allowed).toBe(false);
    expect(p.check('169.254.169.254').allowed).toBe(false);
    // The deprecated compatible form is refused whatever is allowed.
    expect(p.check('::7f00:1').allowed).toBe(false);
  });
});

describe('OUTBOUND_ALLOW_PRIVATE_CIDRS', () => {
  it('is empty by default', () => {
    expect(cidrListSchema.parse(undefined)).toEqual([]);
  });
  it('takes a comma-separated list of CIDRs', () => {
    expect(cidrListSchema.parse(' 127.0.0.1/32, 10.20.0.0/16 ,fd00::/48')).toEqual([
      '127.0.0.1/32',
      '10.20.0.0/16',
      'fd00::/48',
    ]);
  });
  it.each(['127.0.0.1', '0.0.0.0/0', '::/0', '10.0.0.0/7', 'fd00::/16', 'not-a-cidr/8', '300.1.1.1/32'])(
    'refuses %s (not a CIDR, or too wide)',
    (v) => {
      expect(cidrListSchema.safeParse(v).success).toBe(false);
    },
  );
});

describe('OutboundHttpClient.checkUrl (no DNS)', () => {
  const client = new OutboundHttpClient();
  const code = (url: string): string | undefined => {
    try {
      client.checkUrl(url);
      return undefined;
    } catch (e) {
      return e instanceof OutboundError ? e.code : 'OTHER';
    }
  };

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://2852039166/',
    'http://[fe80::1]/',
    'http://10.0.0.1/',
    'http://0/',
    'https://[fd00::1]:8443/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://localhost:8080/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://printer.local/',
    'http://metadata.google.internal/',
    'http://router.home.arpa/',
  ])('refuses %s before any connection', (url) => {
    expect(code(url)).toBe('ADDRESS_REFUSED');
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/',
    'gopher://example.com/',
    'data:text/plain,hi',
    'javascript:alert(1)',
  ])('refuses the scheme of %s', (url) => {
    expect(code(url)).toBe('SCHEME_NOT_ALLOWED');
  });

  it('refuses credentials in the URL and non-URLs', () => {
    expect(code('https://user:pass@hooks.example.com/')).toBe('URL_INVALID');
    expect(code('not a url')).toBe('URL_INVALID');
  });

  it('accepts public hosts by name or address (names are checked again when resolved)', () => {
    expect(code('https://hooks.example.com/tandem?x=1')).toBeUndefined();
    expect(code('http://93.184.216.34:8080/')).toBeUndefined();
  });
});
