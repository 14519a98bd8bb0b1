import ipaddr from 'ipaddr.js';
import { z } from 'zod';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = [Address, number];

/**
 * Which addresses an outbound call (webhooks, plugin egress) may reach. Deny by default: only
 * what ipaddr.js classifies as global `unicast` passes. Everything else is refused by name —
 * loopback, private, link-local (169.254.169.254 included), CGNAT, unspecified, broadcast,
 * multicast, reserved, benchmarking, documentation, unique-local, site-local, discard, 6to4,
 * Teredo and NAT64 (both could carry an internal IPv4 address) — and IPv4 written inside IPv6
 * (mapped `::ffff:a.b.c.d` and the deprecated compatible `::a.b.c.d`) is judged as the IPv4
 * address it carries.
 */
export interface AddressVerdict {
  allowed: boolean;
  /** Why it was refused (an ipaddr.js range name, or ours): safe to log, never an address. */
  reason: string;
}

/** The first 96 bits are zero: the deprecated IPv4-compatible form (`::7f00:1` is 127.0.0.1). */
function ipv4Compatible(a: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = a.parts;
  if (p.slice(0, 6).some((x) => x !== 0)) return null;
  const [hi = 0, lo = 0] = p.slice(6);
  if (hi === 0 && lo <= 1) return null; // :: and ::1 keep their own ranges
  return ipaddr.IPv4.parse(`${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`);
}

/**
 * An IP address from text: a strict dotted quad or an IPv6 text (shorthand IPv4 such as
 * `2130706433` is not an address here; the URL parser turns it into a dotted quad first). An IPv6
 * text ending in a dotted quad is rewritten to hex first, so `::127.0.0.1` is the compatible
 * `::7f00:1` (ipaddr.js would read it as mapped) and `::ffff:127.0.0.1` stays mapped.
 */
export function parseAddress(text: string): Address | null {
  let bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  const dotted = /^(.*:)([0-9.]+)$/.exec(bare);
  if (dotted?.[1] && dotted[2] && ipaddr.IPv4.isValidFourPartDecimal(dotted[2])) {
    const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(dotted[2]).octets;
    bare = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  return ipaddr.IPv6.isValid(bare) ? ipaddr.IPv6.parse(bare) : null;
}

function inAny(a: Address, cidrs: readonly Cidr[]): boolean {
  return cidrs.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
}

export class AddressPolicy {
  private readonly allowPrivate: readonly Cidr[];

  /** `allowPrivate`: operator-set CIDRs (`10.1.0.0/16`) reachable although their range is refused. */
  constructor(allowPrivate: readonly string[] = []) {
    this.allowPrivate = allowPrivate.map((c) => ipaddr.parseCIDR(c));
  }

  check(text: string): AddressVerdict {
    const parsed = parseAddress(text);
    if (!parsed) return { allowed: false, reason: 'not-an-ip-address' };
    let a: Address = parsed;
    if (parsed.kind() === 'ipv6') {
      const v6 = parsed as ipaddr.IPv6;
      // The compatible form is deprecated (RFC 4291): refused whatever address it carries.
      const compatible = ipv4Compatible(v6);
      if (compatible) return { allowed: false, reason: `ipv4-compatible:${compatible.range()}` };
      if (v6.isIPv4MappedAddress()) a = v6.toIPv4Address();
    }
    const via = a === parsed ? '' : 'ipv4-mapped:';
    if (inAny(a, this.allowPrivate)) return { allowed: true, reason: 'allowed-by-config' };
    const range = a.range();
    if (range !== 'unicast') return { allowed: false, reason: `${via}${range}` };
    return { allowed: true, reason: 'unicast' };
  }
}

/** The widest CIDRs an operator may open: never "everything". */
const MIN_PREFIX = { ipv4: 8, ipv6: 32 } as const;

/**
 * `OUTBOUND_ALLOW_PRIVATE_CIDRS`: comma-separated CIDRs (e.g. `127.0.0.1/32` for a test receiver,
 * `10.20.0.0/16` for an internal relay); each must be a valid CIDR no wider than /8 (IPv4) or
 * /32 (IPv6). Default: empty — nothing private is reachable.
 */
export const cidrListSchema = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const out: string[] = [];
    for (const item of v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!ipaddr.isValidCIDR(item)) {
        ctx.addIssue({ code: 'custom', message: `"${item}" is not a CIDR (e.g. 127.0.0.1/32)` });
        continue;
      }
      const cidr = ipaddr.parseCIDR(item);
      if (cidr[1] < MIN_PREFIX[cidr[0].kind()]) {
        ctx.addIssue({
          code: 'custom',
          message: `"${item}" is too wide (at most /8 for IPv4, /32 for IPv6)`,
        });
        continue;
      }
      out.push(item);
    }
    return out;
  });
