/**
 * Keeps webhooks from reaching the inside of the network (server-side request forgery): which IP
 * addresses are not public, the check of an address written in an endpoint URL, and a DNS look-up
 * for the HTTP client that refuses such addresses at connect time — the address checked is the one
 * connected to, so a name that resolves elsewhere the second time (DNS rebinding) gains nothing.
 *
 * Terminology:
 * - blocked address: unspecified, loopback, private (RFC 1918, shared CGNAT space), link-local,
 *   unique-local, multicast or reserved — in IPv4, IPv6, and IPv4 embedded in IPv6 (mapped,
 *   compatible, NAT64, 6to4).
 */
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { isLocalhostName, type WebhookHost } from '../../core/webhook-rules.ts';

/** Why an address is not public. */
export type BlockedReason = 'unspecified' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'multicast' | 'reserved';

const RANGES: Record<BlockedReason, { v4: [string, number][]; v6: [string, number][] }> = {
  unspecified: { v4: [['0.0.0.0', 8]], v6: [['::', 128]] },
  loopback: { v4: [['127.0.0.0', 8]], v6: [['::1', 128]] },
  private: { v4: [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10]], v6: [] },
  'link-local': { v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] },
  'unique-local': { v4: [], v6: [['fc00::', 7], ['fec0::', 10]] },
  multicast: { v4: [['224.0.0.0', 4]], v6: [['ff00::', 8]] },
  reserved: {
    v4: [['192.0.0.0', 24], ['192.0.2.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['240.0.0.0', 4]],
    // Discard-only, Teredo, documentation.
    v6: [['100::', 64], ['2001::', 32], ['2001:db8::', 32]],
  },
};

// One list per reason, so that a refusal can say which. An IPv4 range also matches its
// IPv4-mapped IPv6 form (::ffff:a.b.c.d) in node's BlockList.
const LISTS: [BlockedReason, net.BlockList][] = (Object.keys(RANGES) as BlockedReason[]).map((reason) => {
  const list = new net.BlockList();
  for (const [address, prefix] of RANGES[reason].v4) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of RANGES[reason].v6) list.addSubnet(address, prefix, 'ipv6');
  return [reason, list];
});

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (net.isIPv6(address) === false) return null;
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const groups = [...left, ...zeros, ...right];
  return groups.length === 8 ? groups : null;
}

/** The IPv4 address carried inside an IPv6 one (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedIpv4(groups: readonly number[]): string | null {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && (g6 !== 0 || g7 > 1)) return v4(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4(g6, g7);
  if (g0 === 0x2002) return v4(g1, g2);
  return null;
}

/** Why an IP address is not a public one, or null when it is public (or not an address at all). */
export function blockedAddressReason(address: string): BlockedReason | null {
  const family = net.isIP(address);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [reason, list] of LISTS) if (list.check(address, type)) return reason;
  if (family === 6) {
    const groups = ipv6Groups(address);
    const inner = groups ? embeddedIpv4(groups) : null;
    if (inner) return blockedAddressReason(inner);
  }
  return null;
}

/** Whether a string is an IP address (a name needs a look-up). */
export function isIpAddress(value: string): boolean {
  return net.isIP(value) !== 0;
}

/**
 * Why the host of an endpoint URL is refused before any look-up — a non-public literal address,
 * or localhost — or null (other names are checked when connecting).
 */
export function blockedHostReason(host: WebhookHost): BlockedReason | 'localhost' | null {
  if (host.kind === 'name') return isLocalhostName(host.name) ? 'localhost' : null;
  return blockedAddressReason(host.address);
}

/** Raised by the guarded look-up when a name resolves only to blocked addresses. */
export class BlockedAddressError extends Error {
  readonly code = 'EWEBHOOKBLOCKED';
  constructor(readonly address: string, readonly reason: BlockedReason) {
    super(`address ${address} is ${reason} and not allowed`);
    this.name = 'BlockedAddressError';
  }
}

/**
 * A DNS look-up for node:http(s) that answers only public addresses: the socket connects to what
 * it answers, so the check holds at connect time. A name with no public address fails with
 * BlockedAddressError; public ones among several are kept.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { family: options.family, hints: options.hints, all: true }, (err, addresses) => {
    if (err) {
      callback(err, '');
      return;
    }
    const allowed = addresses.filter((a) => blockedAddressReason(a.address) === null);
    const first = allowed[0];
    if (!first) {
      const refused = addresses[0];
      callback(refused ? new BlockedAddressError(refused.address, blockedAddressReason(refused.address) ?? 'reserved') : new Error(`no address for ${hostname}`), '');
      return;
    }
    if (options.all) callback(null, allowed);
    else callback(null, first.address, first.family);
  });
};
