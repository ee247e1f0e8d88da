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

describe('guardedLookup', () => {
  const lookup = (host: string, all: boolean) => new Promise<unknown>((resolve, reject) => {
    guardedLookup(host, { all }, (err, address) => (err ? reject(err) : resolve(address)));
  });

  it('refuses a name that resolves to loopback only', async () => {
    await assert.rejects(lookup('localhost', false), (e: Error & { code?: string }) => e.code === 'EWEBHOOKBLOCKED' && /loopback/.test(e.message));
    await assert.rejects(lookup('localhost', true), (e: Error & { code?: string }) => e.code === 'EWEBHOOKBLOCKED');
  });
});
