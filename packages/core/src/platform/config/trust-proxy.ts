import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which peers may tell the API the client's address (X-Forwarded-For). Off: the socket's peer is
 * the client, and a forwarded header is ignored (anyone could forge it). A hop count trusts that
 * many proxies in front of the API; a list trusts exactly those addresses or CIDR ranges (plus
 * Express's named ranges). `true` ("trust everyone") is refused: it lets any client pick its
 * address, and with it the keys of rate limits and sign-in throttling.
 */
export type TrustProxy = false | number | readonly string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [addr, prefix, extra] = entry.split('/');
  if (!addr || extra !== undefined) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export const trustProxySchema = z
  .string()
  .default('false')
  .transform((raw, ctx): TrustProxy => {
    const v = raw.trim();
    if (v === '' || /^(false|off|0)$/i.test(v)) return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops > 16) {
        ctx.addIssue({ code: 'custom', message: 'a hop count must be 1–16' });
        return z.NEVER;
      }
      return hops;
    }
    if (/^(true|on|yes|\*)$/i.test(v)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'trusting every peer lets any client forge its address: give a hop count or a list of proxy addresses/CIDRs',
      });
      return z.NEVER;
    }
    const entries = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = entries.filter((e) => !validEntry(e));
    if (bad.length > 0 || entries.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `not an address, CIDR range or loopback/linklocal/uniquelocal: ${bad.join(', ') || raw}`,
      });
      return z.NEVER;
    }
    return entries;
  });
