import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseEvent, type DomainEvent } from '../events/index.js';
import { WebhookVerificationError } from './errors.js';

/** The header Tandem signs every webhook request with. */
export const SIGNATURE_HEADER = 'Tandem-Signature';

export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string | Uint8Array;
  /** The `Tandem-Signature` header's value. */
  signatureHeader: string | string[] | null | undefined;
  /** The webhook's signing secret (`whsec_…`)… */
  secret?: string;
  /** …or several, e.g. the new and the old one while you roll a rotation out. */
  secrets?: readonly string[];
  /** How far the signature's timestamp may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The current time (default: the clock), for tests. */
  now?: Date | number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

function bytesOf(body: string | Uint8Array): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** HMAC-SHA256 of `"<timestamp>.<body>"` with the secret, as hex: what each `v1=` carries. */
export function computeWebhookSignature(
  secret: string,
  timestamp: number,
  body: string | Uint8Array,
): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(bytesOf(body)).digest('hex');
}

/** A `Tandem-Signature` value for a body, e.g. to test your receiver. */
export function signWebhook(opts: {
  body: string | Uint8Array;
  secrets: readonly string[];
  timestamp?: number;
}): string {
  const t = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return [`t=${t}`, ...opts.secrets.map((s) => `v1=${computeWebhookSignature(s, t, opts.body)}`)].join(',');
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 1) continue;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && HEX_SHA256.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookVerificationError(
      'SIGNATURE_HEADER_INVALID',
      'The Tandem-Signature header must look like t=<unix seconds>,v1=<hex>',
    );
  }
  return { timestamp, signatures };
}

/**
 * Checks that a webhook request comes from Tandem and returns its event, parsed against the
 * catalogue. Throws a `WebhookVerificationError` (with a `code`) otherwise. Signatures are compared
 * in constant time; any `v1` matching any given secret is enough (rotations send two).
 */
export function verifyWebhook(opts: VerifyWebhookOptions): DomainEvent {
  const secrets = [...(opts.secret !== undefined ? [opts.secret] : []), ...(opts.secrets ?? [])].filter(
    (s) => s.length > 0,
  );
  if (secrets.length === 0)
    throw new WebhookVerificationError('NO_SECRET', 'Give the webhook secret to verify with');
  const raw = Array.isArray(opts.signatureHeader) ? opts.signatureHeader[0] : opts.signatureHeader;
  if (!raw) {
    throw new WebhookVerificationError(
      'SIGNATURE_HEADER_MISSING',
      'The request has no Tandem-Signature header',
    );
  }
  const { timestamp, signatures } = parseHeader(raw);
  const given = signatures.map((s) => Buffer.from(s, 'hex'));
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(computeWebhookSignature(secret, timestamp, opts.body), 'hex');
    // Every pair is compared (no early exit), each in constant time.
    for (const g of given) matched = timingSafeEqual(g, expected) || matched;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      'SIGNATURE_MISMATCH',
      'No signature matches the secret: the request is not from Tandem or was changed',
    );
  }
  const now =
    opts.now === undefined ? Date.now() : typeof opts.now === 'number' ? opts.now : opts.now.getTime();
  const tolerance = opts.toleranceSeconds ?? 300;
  if (Math.abs(Math.floor(now / 1000) - timestamp) > tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_OUT_OF_TOLERANCE',
      `The signature is more than ${tolerance} seconds old or ahead: a replayed request, or a clock far off`,
    );
  }
  try {
    return parseEvent(JSON.parse(bytesOf(opts.body).toString('utf8')));
  } catch (cause) {
    throw new WebhookVerificationError('BODY_INVALID', 'The body is not an event of the Tandem catalogue', {
      cause,
    });
  }
}
