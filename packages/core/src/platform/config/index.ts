import { z } from 'zod';
import { cidrListSchema } from '../net/address-policy.js';
import { trustProxySchema } from './trust-proxy.js';

export type { TrustProxy } from './trust-proxy.js';

/**
 * The one reader of process.env. Every setting is validated once at boot; secrets are listed
 * in SENSITIVE so that describeConfig() (what the process logs at start) never prints them.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64-encoded');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  MONGODB_URI: z.string().startsWith('mongodb'),
  MONGODB_DB: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,38}$/)
    .default('tandem'),
  REDIS_URL: z.string().startsWith('redis'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,20}$/)
    .default('tandem'),
  TANDEM_MASTER_KEY: base64Key32,
  JWT_ISSUER: z.string().min(1).default('tandem'),
  JWT_AUDIENCE: z.string().min(1).default('tandem-api'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  CUSTOMER_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(1800),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  /** Wrong passwords per (account, client address) in the window before that pair is throttled. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(10).default(900),
  /** Failures of one account (from any address) in the window after which its sign-ins are paced. */
  LOGIN_ACCOUNT_SLOWDOWN_AFTER: z.coerce.number().int().min(1).max(10_000).default(20),
  /** While an account is paced: seconds between sign-in attempts from addresses it never used. */
  LOGIN_ACCOUNT_SLOWDOWN_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** Failed sign-ins (any account) from one client address in the window before its failures answer 429. */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Who may set the client address (X-Forwarded-For): off, a hop count, or proxy addresses/CIDRs. */
  TRUST_PROXY: trustProxySchema,
  /** Requests of one tenant worked on at once in one API process; more wait, past 4× as many answer 429. */
  TENANT_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(32),
  /**
   * A tenant already refused for this minute gets its next refusals this much later (0: at once):
   * a client that ignores Retry-After and hammers is slowed by its own connections, not served faster.
   */
  RATE_LIMIT_REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(5_000).default(500),
  /** How long one API process reuses a checked credential (revocation is still seen at once). */
  AUTH_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** A subscription's credential is checked again this often (revoked or expired → closed). */
  SUBSCRIPTION_RECHECK_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** A ticket presence entry (viewing / replying) lasts this long unless announced again. */
  PRESENCE_TTL_SECONDS: z.coerce.number().int().min(2).max(300).default(30),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  BODY_LIMIT: z.string().default('1mb'),
  METRICS_TOKEN: z.string().min(16).optional(),
  ADMIN_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHQL_INTROSPECTION: bool.optional(),
  /** Private CIDRs outbound calls (webhooks) may reach, e.g. `127.0.0.1/32` for a local test receiver. Default: none. */
  OUTBOUND_ALLOW_PRIVATE_CIDRS: cidrListSchema,
  /** Tries of one webhook delivery before it is dead-lettered. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** Delay before the second try; doubled each time (with jitter), capped at 6 hours. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** After SIGTERM, how long /readyz answers 503 while requests are still served (load balancers notice). */
  SHUTDOWN_READINESS_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
});

export type Config = z.infer<typeof configSchema> & { graphqlIntrospection: boolean };

export const SENSITIVE: ReadonlySet<keyof z.infer<typeof configSchema>> = new Set([
  'TANDEM_MASTER_KEY',
  'METRICS_TOKEN',
  'MONGODB_URI',
  'REDIS_URL',
]);

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  return { ...c, graphqlIntrospection: c.GRAPHQL_INTROSPECTION ?? c.NODE_ENV !== 'production' };
}

/** The configuration with secrets replaced, for the start-up log. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = SENSITIVE.has(k as keyof z.infer<typeof configSchema>) && v !== undefined ? '[secret]' : v;
  }
  return out;
}
