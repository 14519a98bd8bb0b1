import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../platform/config/index.js';
import { sha256 } from '../../platform/crypto.js';
import type { RedisKeys } from '../../platform/redis.js';
import { IdentityError } from './errors.js';

/** An address that signed in to an account stays "familiar" to it this long. */
const FAMILIAR_SECONDS = 30 * 86_400;

/** Emails and addresses never appear in Redis keys in clear. */
const h = (value: string): string => sha256(value).slice(0, 22);

const throttled = (msBeforeNext: number): IdentityError =>
  new IdentityError('LOGIN_THROTTLED', 'Too many failed sign-in attempts; try again later', {
    retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
  });

/** What the checks before a sign-in found, for what a failure should answer. */
export interface ThrottleState {
  /** The address has failed too often (any accounts): its failures answer 429, not 401. */
  addressOverLimit: boolean;
  addressRetryMs: number;
}

/**
 * Sign-in throttling that slows attackers without letting one lock a victim out by address alone:
 *
 * - **per (account, address) pair**: LOGIN_MAX_FAILURES failures in the window stop that pair for
 *   the rest of the window, the right password included — the attacker's address is stopped, the
 *   victim's own address is not;
 * - **per account**: past LOGIN_ACCOUNT_SLOWDOWN_AFTER failures (from any addresses) the account is
 *   paced: addresses it never signed in from get one attempt per LOGIN_ACCOUNT_SLOWDOWN_SECONDS
 *   between them — slowed, never shut; addresses it has signed in from are not paced;
 * - **per address**: past LOGIN_ADDRESS_MAX_FAILURES failures (spraying many accounts) the
 *   address's *failures* answer LOGIN_THROTTLED — a correct password for a real account from that
 *   address still signs in (behind one NAT or proxy, colleagues share an address).
 *
 * Every check runs the same way whether the account exists, so throttling reveals nothing about
 * accounts. Keys come from the key builder, with emails and addresses hashed.
 */
export class LoginThrottle {
  private readonly pair: RateLimiterRedis;
  private readonly account: RateLimiterRedis;
  private readonly pace: RateLimiterRedis;
  private readonly address: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly config: Config,
  ) {
    const window = config.LOGIN_FAILURE_WINDOW_SECONDS;
    this.pair = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.platform('login', 'fail-pair'),
      points: config.LOGIN_MAX_FAILURES,
      duration: window,
      blockDuration: window,
    });
    this.account = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.platform('login', 'fail-account'),
      points: config.LOGIN_ACCOUNT_SLOWDOWN_AFTER,
      duration: window,
    });
    this.pace = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.platform('login', 'pace'),
      points: 1,
      duration: config.LOGIN_ACCOUNT_SLOWDOWN_SECONDS,
    });
    this.address = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.platform('login', 'fail-address'),
      points: config.LOGIN_ADDRESS_MAX_FAILURES,
      duration: window,
    });
  }

  private familiarKey(email: string, ip: string): string {
    return this.keys.platform('login', 'familiar', h(email), h(ip));
  }

  /** Before the password is checked: LOGIN_THROTTLED for a stopped pair or a paced account. */
  async before(email: string, ip: string): Promise<ThrottleState> {
    const [pair, account, address, familiar] = await Promise.all([
      this.pair.get(`${h(email)}:${h(ip)}`),
      this.account.get(h(email)),
      this.address.get(h(ip)),
      this.redis.exists(this.familiarKey(email, ip)),
    ]);
    if (pair && pair.remainingPoints <= 0) throw throttled(pair.msBeforeNext);
    if (account && account.consumedPoints >= this.config.LOGIN_ACCOUNT_SLOWDOWN_AFTER && !familiar) {
      try {
        await this.pace.consume(h(email));
      } catch (e) {
        if (e instanceof RateLimiterRes) throw throttled(e.msBeforeNext);
        throw e;
      }
    }
    return {
      addressOverLimit: !!address && address.consumedPoints >= this.config.LOGIN_ADDRESS_MAX_FAILURES,
      addressRetryMs: address?.msBeforeNext ?? 0,
    };
  }

  /** A failed attempt: counted for the pair, the account and the address; returns what to answer. */
  async failed(email: string, ip: string, state: ThrottleState): Promise<IdentityError> {
    const counted = (e: unknown): void => {
      if (!(e instanceof RateLimiterRes)) throw e;
    };
    await Promise.all([
      this.pair.consume(`${h(email)}:${h(ip)}`).catch(counted),
      this.account.consume(h(email)).catch(counted),
      this.address.consume(h(ip)).catch(counted),
    ]);
    if (state.addressOverLimit) return throttled(state.addressRetryMs);
    return new IdentityError('INVALID_CREDENTIALS', 'Email or password is wrong');
  }

  /** A successful sign-in: the pair starts afresh and the address becomes familiar to the account. */
  async succeeded(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.pair.delete(`${h(email)}:${h(ip)}`),
      this.redis.set(this.familiarKey(email, ip), '1', 'EX', FAMILIAR_SECONDS),
    ]);
  }
}
