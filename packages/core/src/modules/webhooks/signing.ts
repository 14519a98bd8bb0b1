import { createHmac } from 'node:crypto';
import { randomToken } from '../../platform/ids.js';

/** Header names of a delivery; the SDK's verifyWebhook reads `Tandem-Signature`. */
export const SIGNATURE_HEADER = 'tandem-signature';

/** A new signing secret: `whsec_` and 40 base62 characters (about 238 bits). */
export function newSecret(): string {
  return `whsec_${randomToken(40)}`;
}

/** HMAC-SHA256 over `"<timestamp>.<raw body>"`, keyed with the secret's UTF-8 bytes, as hex. */
export function sign(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * `t=<unix seconds>,v1=<hex>[,v1=<hex>]`: one `v1` per live secret, the current one first (during
 * a rotation's overlap the previous secret signs too, so receivers can switch at their pace).
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${sign(s, timestamp, body)}`)].join(',');
}
