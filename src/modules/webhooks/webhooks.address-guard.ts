/**
 * Keeps webhooks from reaching the inside of the network (server-side request forgery): which IP
 * addresses are not public, the check of an address written in an endpoint URL, and a DNS look-up
 * for the HTTP client that refuses such addresses at connect time — the address checked is the one
 * connected to, so a name that resolves elsewhere the second time (DNS rebinding) gains nothing.
 *
 * Terminology:
 * - blocked address: any address in a special-purpose block of the IANA IPv4 and IPv6 registries
 *   (unspecified, loopback, private, shared CGNAT space, link-local, unique-local, multicast,
 *   documentation, benchmarking, reserved…), as ipaddr.js's range tables list them, and any IPv6
 *   address outside the global unicast space 2000::/3. An IPv6 address that embeds an IPv4 one
 *   (mapped, translated, NAT64 64:ff9b::/96, 6to4) is judged by the IPv4 address it carries.
 */
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { isLocalhostName, type WebhookHost } from '../../core/webhook-rules.ts';

/** Why an address is not public. */
export type BlockedReason = 'unspecified' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'multicast' | 'reserved';

// ipaddr.js's range tables name every special-purpose block of the IANA registries; an address
// outside all of them is 'unicast'. Each name maps onto the reason a refusal gives; a name not
// listed here (a range added by a later ipaddr.js) is refused as 'reserved'.
const REASON_OF_RANGE: Record<string, BlockedReason> = {
  unspecified: 'unspecified',
  loopback: 'loopback',
  private: 'private',
  carrierGradeNat: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'unique-local',
  multicast: 'multicast',
  broadcast: 'reserved',
};

// The IPv6 ranges that carry an IPv4 address, judged by that address: IPv4-mapped ::ffff:0:0/96,
// IPv4-translated ::ffff:0:0:0/96 (RFC 6145) and the NAT64 well-known prefix 64:ff9b::/96
// (RFC 6052) in their last 32 bits; 6to4 2002::/16 (RFC 3056) in bits 16–47.
const NAT64_WELL_KNOWN: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('64:ff9b::'), 96];
// IANA's IPv6 address space: only 2000::/3 is allocated global unicast; the rest is reserved by the
// IETF (::/8 with the deprecated IPv4-compatible ::a.b.c.d, 100::/8, 4000::/3…) unless special.
const GLOBAL_UNICAST: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('2000::'), 3];
const IPV4_COMPATIBLE: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('::'), 96];

/** An IPv4 address from two 16-bit groups. */
function ipv4Of(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** Why an IPv4 address is not public, or null. */
function ipv4Reason(address: ipaddr.IPv4): BlockedReason | null {
  const range: string = address.range();
  return range === 'unicast' ? null : (REASON_OF_RANGE[range] ?? 'reserved');
}

/** Why an IPv6 address is not public, or null; an embedded IPv4 address is judged as itself. */
function ipv6Reason(address: ipaddr.IPv6): BlockedReason | null {
  const range: string = address.range();
  const p = address.parts;
  if (range === 'ipv4Mapped' || range === 'rfc6145') return ipv4Reason(ipv4Of(p[6] ?? 0, p[7] ?? 0));
  // 64:ff9b::/96 carries a global IPv4 address; 64:ff9b:1::/48 (RFC 8215) is for local use only.
  if (range === 'rfc6052') return address.match(NAT64_WELL_KNOWN) ? ipv4Reason(ipv4Of(p[6] ?? 0, p[7] ?? 0)) : 'private';
  if (range === '6to4') return ipv4Reason(ipv4Of(p[1] ?? 0, p[2] ?? 0));
  if (range !== 'unicast') return REASON_OF_RANGE[range] ?? 'reserved';
  if (address.match(GLOBAL_UNICAST)) return null;
  // The deprecated IPv4-compatible form says which IPv4 address it names; refused either way.
  if (address.match(IPV4_COMPATIBLE)) return ipv4Reason(ipv4Of(p[6] ?? 0, p[7] ?? 0)) ?? 'reserved';
  return 'reserved';
}

/** Why an IP address is not a public one, or null when it is public (or not an address at all). */
export function blockedAddressReason(address: string): BlockedReason | null {
  const family = net.isIP(address);
  if (family === 0) return null;
  return family === 4 ? ipv4Reason(ipaddr.IPv4.parse(address)) : ipv6Reason(ipaddr.IPv6.parse(nodeIpv6Form(address)));
}

/**
 * An IPv6 address as node itself reads it, in hexadecimal groups and without a zone: ipaddr.js reads
 * the deprecated `::a.b.c.d` as the mapped `::ffff:a.b.c.d`, while a socket connects to ::a.b.c.d —
 * the address judged must be the one connected to.
 */
function nodeIpv6Form(address: string): string {
  const [bare = address] = address.split('%');
  return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
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
