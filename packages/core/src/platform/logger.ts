import { pino, type Logger, type LogFn } from 'pino';
import { maskDeep, maskText } from './pii/index.js';
import { currentContext } from './tenancy/context.js';

export type { Logger };

/** Paths never written to logs: credentials and the personal data fields we know by name. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-metrics-token"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.privateKeyPem',
  '*.email',
  '*.displayName',
  'variables.displayName',
  '*.adminEmail',
  '*.phone',
  '*.idNumber',
  '*.cardNumber',
  '*.address',
  'variables.*.password',
  'variables.password',
  'variables.newPassword',
  'variables.currentPassword',
  'variables.refreshToken',
  'variables.token',
];

export const REDACTED = '[REDACTED]';

/** Path segments that follow one of these carry a secret (`/invite/<token>`, `/reset/<token>`). */
const SECRET_PATH_PARENT =
  /^(invite|invites|invitation|invitations|accept|reset|reset-password|password-reset|verify|verify-email|magic-link|token|tokens)$/i;
/** Query parameters whose value is a secret, whatever it looks like. */
const SECRET_PARAM =
  /token|secret|key|code|pass|pwd|signature|sig|auth|credential|session|jwt|otp|nonce|hash/i;
/** Values that are credentials on their own: JWTs, API keys, refresh tokens, long random strings. */
const BEARER_LIKE = [
  /^eyJ[\w-]*\.[\w-]*\.?[\w-]*$/,
  /(^|[^A-Za-z0-9])tdk_/,
  /ses_[0-9A-Za-z]{20}\.[0-9A-Za-z]{16,}/,
  /^(bearer|basic)\s/i,
  /^[A-Za-z0-9_\-+/=.~]{32,}$/,
];

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

export const isBearerLike = (value: string): boolean => BEARER_LIKE.some((rx) => rx.test(value));

/**
 * A request URL fit for a log line: secret path segments (the console's `/invite/<token>`) and
 * secret query parameters (`?token=…`, anything named like a key, code, password or signature,
 * and any value that looks like a credential) are replaced by [REDACTED]; the shape stays.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const segments = path.split('/');
  const safePath = segments
    .map((seg, i) => {
      if (seg === '') return seg;
      const parent = i > 0 ? decode(segments[i - 1] ?? '') : '';
      return SECRET_PATH_PARENT.test(parent) || isBearerLike(decode(seg)) ? REDACTED : seg;
    })
    .join('/');
  if (q === -1) return safePath;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? '' : pair.slice(eq + 1);
      if (eq === -1) return isBearerLike(decode(name)) ? REDACTED : pair;
      return SECRET_PARAM.test(decode(name)) || isBearerLike(decode(value)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${safePath}?${query}`;
}

/**
 * A URL with PII masked in its path segments and query values, also when percent-encoded
 * (`wang%40example.com`): each part is decoded, masked, and encoded again only where it changed.
 */
export function maskUrlPii(url: string): string {
  if (!PII_CANDIDATE.test(url) && !url.includes('%')) return url;
  const part = (raw: string): string => {
    const plain = decode(raw);
    const masked = maskLogString(plain);
    return masked === plain ? raw : encodeURIComponent(masked).replace(/%2A/gi, '*');
  };
  return url
    .split(/([/?&=])/)
    .map((piece) => (/^[/?&=]$/.test(piece) || piece === '' ? piece : part(piece)))
    .join('');
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remotePort?: number;
  raw?: { ip?: string; socket?: { remoteAddress?: string } };
}

/**
 * The request as the request log shows it: the URL and Referer redacted (redactUrl), no parsed
 * query or route params (they repeat the URL's secrets), the client address as Express resolved
 * it behind TRUST_PROXY. Credential headers are censored by REDACT_PATHS.
 */
export function requestLogSerializer(req: SerializedRequest): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  // A header may carry PII a client put there (an email as Idempotency-Key or request id).
  for (const [name, v] of Object.entries(req.headers ?? {})) headers[name] = maskLogArgument(v);
  for (const name of ['referer', 'referrer', 'origin'] as const) {
    const v = headers[name];
    if (typeof v === 'string') headers[name] = maskUrlPii(redactUrl(v));
  }
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? maskUrlPii(redactUrl(req.url)) : req.url,
    headers,
    remoteAddress: req.raw?.ip ?? req.raw?.socket?.remoteAddress,
    remotePort: req.remotePort,
  };
}

/** PII needs a digit (ASCII or full-width) or an @: a string without one is logged untouched. */
const PII_CANDIDATE = /[0-9@\uFF10-\uFF19\uFF20]/;

/** A log string with CN mobile numbers, resident IDs, bank cards and emails masked (platform/pii). */
export function maskLogString(text: string): string {
  return PII_CANDIDATE.test(text) ? maskText(text) : text;
}

const MAX_SCAN_DEPTH = 16;

/**
 * Whether a logged value holds PII in a string anywhere a log line shows it (plain objects,
 * arrays, errors with their message, stack, cause and own fields). Other class instances are left
 * to their serializers (requests, responses). Read-only: the common case (nothing found) copies
 * nothing.
 */
function holdsPii(value: unknown, depth: number, seen: Set<object>): boolean {
  if (typeof value === 'string') return PII_CANDIDATE.test(value) && maskText(value) !== value;
  if (value === null || typeof value !== 'object' || depth > MAX_SCAN_DEPTH || seen.has(value)) return false;
  seen.add(value);
  const inner = (v: unknown) => holdsPii(v, depth + 1, seen);
  if (Array.isArray(value)) return value.some(inner);
  if (value instanceof Error) {
    return (
      inner(value.message) ||
      inner(value.stack) ||
      inner(value.cause) ||
      Object.entries(value).some(([k, v]) => inner(k) || inner(v))
    );
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.entries(value).some(([k, v]) => inner(k) || inner(v));
}

/** One argument of a log call, masked only where it holds PII (a masked copy; never mutated). */
export function maskLogArgument(value: unknown): unknown {
  if (typeof value === 'string') return maskLogString(value);
  if (value !== null && typeof value === 'object' && holdsPii(value, 0, new Set())) return maskDeep(value);
  return value;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tandem' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Personal data that is not in a known field (a phone number in a message, an email in an
      // error) is masked in the message, the logged object and errors (QUALITY.md: PII in logs).
      hooks: {
        logMethod(args: Parameters<LogFn>, method: LogFn) {
          const masked = args.map(maskLogArgument) as Parameters<LogFn>;
          method.apply(this, masked);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line carries the request id and tenant of the work that wrote it.
      mixin() {
        const ctx = currentContext();
        if (!ctx) return {};
        return { requestId: ctx.requestId, tenantId: ctx.tenant?.id };
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
