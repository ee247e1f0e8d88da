/**
 * The address guard: which addresses count as not public, and the look-up that refuses them when
 * a name resolves to one (checked at connect time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockedAddressReason, guardedLookup } from '../../src/modules/webhooks/index.ts';

describe('blockedAddressReason', () => {
  const rows: [string, string | null][] = [
    ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['::1', 'loopback'],
    ['10.0.0.1', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.0.1', 'private'], ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'], ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'], ['192.0.2.1', 'reserved'], ['2001:db8::1', 'reserved'],
    // IPv4 inside IPv6: mapped, compatible, NAT64, 6to4
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:10.0.0.1', 'private'], ['::ffff:169.254.1.1', 'link-local'],
    ['::127.0.0.1', 'loopback'], ['64:ff9b::10.0.0.1', 'private'], ['64:ff9b::a9fe:a9fe', 'link-local'], ['2002:c0a8:0101::1', 'private'],
    // public
    ['93.184.215.14', null], ['8.8.8.8', null], ['172.32.0.1', null], ['100.128.0.1', null], ['2606:4700::1111', null],
    ['::ffff:8.8.8.8', null], ['64:ff9b::808:808', null], ['2002:0808:0808::1', null],
    // not addresses at all
    ['example.com', null], ['', null],
  ];
  for (const [address, reason] of rows) {
    it(`${reason ? `refuses ${address} as ${reason}` : `lets ${address || '(empty)'} through`}`, () => {
      assert.equal(blockedAddressReason(address), reason);
    });
  }
});

// The IANA special-purpose address registries (iana-ipv4-special-registry,
// iana-ipv6-special-registry) and the IPv6 address space registry, entry by entry, with the first,
// a middle and the last address of each block where it has more than one. None is a public
// address for a webhook, globally reachable or not (anycast services and relays are no receivers).
const IPV4_SPECIAL: [string, string[]][] = [
  ['0.0.0.0/8 this network', ['0.0.0.0', '0.0.0.1', '0.128.0.0', '0.255.255.255']],
  ['10.0.0.0/8 private-use', ['10.0.0.0', '10.10.10.10', '10.255.255.255']],
  ['100.64.0.0/10 shared address space', ['100.64.0.0', '100.100.100.200', '100.127.255.255']],
  ['127.0.0.0/8 loopback', ['127.0.0.0', '127.0.0.1', '127.1.2.3', '127.255.255.255']],
  ['169.254.0.0/16 link local', ['169.254.0.0', '169.254.169.254', '169.254.255.255']],
  ['172.16.0.0/12 private-use', ['172.16.0.0', '172.20.1.1', '172.31.255.255']],
  ['192.0.0.0/24 IETF protocol assignments', ['192.0.0.0', '192.0.0.8', '192.0.0.9', '192.0.0.10', '192.0.0.170', '192.0.0.171', '192.0.0.255']],
  ['192.0.2.0/24 TEST-NET-1', ['192.0.2.0', '192.0.2.1', '192.0.2.255']],
  ['192.31.196.0/24 AS112-v4', ['192.31.196.0', '192.31.196.1', '192.31.196.255']],
  ['192.52.193.0/24 AMT', ['192.52.193.0', '192.52.193.255']],
  ['192.88.99.0/24 deprecated 6to4 relay anycast', ['192.88.99.0', '192.88.99.1', '192.88.99.2', '192.88.99.255']],
  ['192.168.0.0/16 private-use', ['192.168.0.0', '192.168.1.1', '192.168.255.255']],
  ['192.175.48.0/24 direct delegation AS112', ['192.175.48.0', '192.175.48.6', '192.175.48.255']],
  ['198.18.0.0/15 benchmarking', ['198.18.0.0', '198.18.255.255', '198.19.0.1', '198.19.255.255']],
  ['198.51.100.0/24 TEST-NET-2', ['198.51.100.0', '198.51.100.255']],
  ['203.0.113.0/24 TEST-NET-3', ['203.0.113.0', '203.0.113.7', '203.0.113.255']],
  ['224.0.0.0/4 multicast', ['224.0.0.0', '224.0.0.251', '233.252.0.1', '239.255.255.255']],
  ['240.0.0.0/4 reserved', ['240.0.0.0', '250.1.2.3', '255.255.255.254']],
  ['255.255.255.255/32 limited broadcast', ['255.255.255.255']],
];
const IPV6_SPECIAL: [string, string[]][] = [
  ['::/128 unspecified', ['::', '0:0:0:0:0:0:0:0']],
  ['::1/128 loopback', ['::1', '0:0:0:0:0:0:0:1']],
  ['64:ff9b:1::/48 local-use IPv4/IPv6 translation', ['64:ff9b:1::', '64:ff9b:1::8.8.8.8', '64:ff9b:1:0:0:0:808:808', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff', '64:ff9b:1:abcd::1']],
  ['100::/64 discard-only', ['100::', '100::1', '100::ffff:ffff:ffff:ffff']],
  ['100:0:0:1::/64 dummy IPv6 prefix', ['100:0:0:1::', '100:0:0:1::1', '100:0:0:1:ffff:ffff:ffff:ffff']],
  ['2001::/23 IETF protocol assignments', ['2001::', '2001:1::1', '2001:1::2', '2001:1::3', '2001:100::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['2001::/32 TEREDO', ['2001::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '2001:0:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['2001:2::/48 benchmarking', ['2001:2::', '2001:2::1', '2001:2:0:ffff:ffff:ffff:ffff:ffff']],
  ['2001:3::/32 AMT', ['2001:3::', '2001:3:ffff::1']],
  ['2001:4:112::/48 AS112-v6', ['2001:4:112::', '2001:4:112::1']],
  ['2001:10::/28 deprecated ORCHID', ['2001:10::', '2001:1f:ffff::1']],
  ['2001:20::/28 ORCHIDv2', ['2001:20::', '2001:2f:ffff::1']],
  ['2001:30::/28 drone remote ID protocol entity tags', ['2001:30::', '2001:3f:ffff::1']],
  ['2001:db8::/32 documentation', ['2001:db8::', '2001:db8::1', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['2620:4f:8000::/48 direct delegation AS112', ['2620:4f:8000::', '2620:4f:8000::1', '2620:4f:8000:ffff:ffff:ffff:ffff:ffff']],
  ['3fff::/20 documentation', ['3fff::', '3fff::1', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['5f00::/16 SRv6 SIDs', ['5f00::', '5f00:1::1']],
  ['fc00::/7 unique-local', ['fc00::', 'fc00::1', 'fd00::1', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['fe80::/10 link-local unicast', ['fe80::', 'fe80::1', 'fe80::1%eth0', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
  // From the IPv6 address space registry: deprecated site-local, multicast, and space outside
  // 2000::/3 (global unicast) that is reserved by the IETF.
  ['fec0::/10 site-local (deprecated)', ['fec0::1', 'feff::1']],
  ['ff00::/8 multicast', ['ff00::', 'ff02::1', 'ff05::1:3', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['reserved by the IETF (outside 2000::/3)', ['::2', '1::1', '200::1', '400::1', '800::1', '1000::1', '4000::1', '6000::1', '8000::1', 'a000::1', 'c000::1', 'e000::1', 'f000::1', 'f800::1', 'fe00::1']],
];
const PUBLIC_IPV4 = ['1.1.1.1', '8.8.8.8', '9.9.9.9', '93.184.215.14', '11.0.0.1', '126.255.255.255', '128.0.0.1', '169.253.255.255', '169.255.0.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '192.0.1.1', '192.169.0.1', '198.17.255.255', '198.20.0.1', '203.0.114.1', '223.255.255.255'];
const PUBLIC_IPV6 = ['2606:4700::1111', '2001:4860:4860::8888', '2a00:1450:4001:80b::200e', '2c0f:fb50:4003::1', '2001:200::1', '2001:db9::1', '2620:4f:8001::1', '2400:cb00::1', '3ffe:1::1', '3fff:1000::1', '2003::1'];

describe('blockedAddressReason: every IANA special-purpose block is refused', () => {
  for (const [block, addresses] of [...IPV4_SPECIAL, ...IPV6_SPECIAL]) {
    it(`refuses ${block}`, () => {
      for (const address of addresses) assert.notEqual(blockedAddressReason(address), null, address);
    });
  }
  it('lets public unicast addresses through', () => {
    for (const address of [...PUBLIC_IPV4, ...PUBLIC_IPV6]) assert.equal(blockedAddressReason(address), null, address);
  });
});

describe('blockedAddressReason: IPv4 embedded in IPv6 is judged as itself', () => {
  const hex = (v4: string) => {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)] as const;
  };
  // Each way an IPv6 address carries an IPv4 one, written both dotted and in hexadecimal.
  const forms: [string, (v4: string) => string[]][] = [
    ['IPv4-mapped ::ffff:0:0/96', (v4) => [`::ffff:${v4}`, `::ffff:${hex(v4).join(':')}`, `0:0:0:0:0:ffff:${hex(v4).join(':')}`]],
    ['IPv4-translated ::ffff:0:0:0/96', (v4) => [`::ffff:0:${v4}`, `::ffff:0:${hex(v4).join(':')}`]],
    ['NAT64 well-known prefix 64:ff9b::/96', (v4) => [`64:ff9b::${v4}`, `64:ff9b::${hex(v4).join(':')}`]],
    ['6to4 2002::/16', (v4) => [`2002:${hex(v4).join(':')}::1`, `2002:${hex(v4).join(':')}:1:2:3:4:5`]],
  ];
  const refusedInside: [string, string][] = [
    ['127.0.0.1', 'loopback'], ['10.0.0.1', 'private'], ['172.16.5.4', 'private'], ['192.168.1.1', 'private'], ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'], ['0.0.0.0', 'unspecified'], ['224.0.0.1', 'multicast'], ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'], ['198.18.0.1', 'reserved'], ['240.0.0.1', 'reserved'],
  ];
  for (const [form, write] of forms) {
    it(`refuses ${form} carrying a blocked IPv4 address, with its reason`, () => {
      for (const [v4, reason] of refusedInside) for (const address of write(v4)) assert.equal(blockedAddressReason(address), reason, address);
    });
    it(`lets ${form} carrying a public IPv4 address through`, () => {
      for (const v4 of ['8.8.8.8', '1.1.1.1', '93.184.215.14']) for (const address of write(v4)) assert.equal(blockedAddressReason(address), null, address);
    });
  }
  it('refuses the deprecated IPv4-compatible ::a.b.c.d whatever it carries (a socket reads it as IPv6, not as mapped)', () => {
    assert.equal(blockedAddressReason('::127.0.0.1'), 'loopback');
    assert.equal(blockedAddressReason('::7f00:1'), 'loopback');
    assert.equal(blockedAddressReason('::10.1.2.3'), 'private');
    assert.notEqual(blockedAddressReason('::8.8.8.8'), null);
    assert.notEqual(blockedAddressReason('::808:808'), null);
  });
  it('refuses the local-use NAT64 prefix 64:ff9b:1::/48 whatever it carries (RFC 8215)', () => {
    for (const address of ['64:ff9b:1::8.8.8.8', '64:ff9b:1::7f00:1', '64:ff9b:1:808:808::', '64:ff9b:1:ff:ff:ff:808:808']) assert.notEqual(blockedAddressReason(address), null, address);
  });
  it('refuses Teredo 2001::/32 whatever server and client it carries', () => {
    assert.notEqual(blockedAddressReason('2001:0:808:808:0:0:f7f7:f7f7'), null);
  });
});

describe('guardedLookup', () => {
  const lookup = (host: string, all: boolean) => new Promise<unknown>((resolve, reject) => {
    guardedLookup(host, { all }, (err, address) => (err ? reject(err) : resolve(address)));
  });

  it('refuses a name that resolves to loopback only', async () => {
    await assert.rejects(lookup('localhost', false), (e: Error & { code?: string }) => e.code === 'EWEBHOOKBLOCKED' && /loopback/.test(e.message));
    await assert.rejects(lookup('localhost', true), (e: Error & { code?: string }) => e.code === 'EWEBHOOKBLOCKED');
  });
});
