// Sign-in throttling slows an attacker without letting one lock a victim out by address alone
// (issue 8, defect 4), and throttled answers are HTTP 429 with Retry-After. The API trusts the
// loopback proxy here (TRUST_PROXY=loopback), so each test picks its client address with
// X-Forwarded-For, as a load balancer would set it.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPT,
  codeOf,
  gql,
  login,
  LOGIN,
  tenantWithAdmin,
  useTestServer,
  type GqlResult,
} from '../support/api.js';
import { inviteMember, type Member } from '../support/people.js';

const server = useTestServer('sec_signin', {
  TRUST_PROXY: 'loopback',
  LOGIN_MAX_FAILURES: '5',
  LOGIN_ACCOUNT_SLOWDOWN_AFTER: '12',
  LOGIN_ACCOUNT_SLOWDOWN_SECONDS: '30',
  LOGIN_ADDRESS_MAX_FAILURES: '50',
});

let addressSeq = 0;
/** A fresh documentation-range address per call (TEST-NET-3), so tests never share one. */
const address = (): string => {
  addressSeq += 1;
  return `203.0.113.${addressSeq}`;
};

const signIn = (email: string, password: string, from: string): Promise<GqlResult> =>
  gql(server().baseUrl, LOGIN, { email, password }, undefined, { 'x-forwarded-for': from });

function expectThrottled(r: GqlResult, maxRetry: number): void {
  expect(codeOf(r)).toBe('LOGIN_THROTTLED');
  expect(r.status).toBe(429);
  expect(r.data).toBeNull();
  const header = Number(r.headers.get('retry-after'));
  expect(Number.isInteger(header)).toBe(true);
  expect(header).toBeGreaterThanOrEqual(1);
  expect(header).toBeLessThanOrEqual(maxRetry);
  const ext = r.errors?.[0]?.extensions as { retryAfterSeconds?: number } | undefined;
  expect(ext?.retryAfterSeconds).toBe(header);
}

// Each test pays for dozens of scrypt checks: slow on a busy 2-core machine.
describe('sign-in throttling', { timeout: 120_000 }, () => {
  let providerToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
  });

  const member = async (): Promise<Member> => {
    const t = await tenantWithAdmin(server().baseUrl, providerToken, 'POOLED');
    return inviteMember(server().baseUrl, t.adminToken, 'AGENT');
  };

  it('50 failures for nonexistent accounts from one address do not refuse a real account’s right password from it', async () => {
    const victim = await member();
    const office = address();
    for (let i = 0; i < 50; i += 1) {
      const r = await signIn(`nobody-${i}-${Date.now().toString(36)}@brand.test`, 'Wrong-password-1', office);
      expect(codeOf(r), `failure ${i + 1}`).toBe('INVALID_CREDENTIALS');
    }
    const ok = await signIn(victim.email, victim.password, office);
    expect(ok.errors).toBeUndefined();
    expect(ok.status).toBe(200);
    expect((ok.data as { login?: { accessToken?: string } } | null)?.login?.accessToken).toEqual(
      expect.any(String),
    );
  });

  it('past the address limit its failures answer 429 alike for real and unknown accounts (no oracle)', async () => {
    const real = await member();
    const sprayer = address();
    for (let i = 0; i < 50; i += 1) {
      await signIn(`spray-${i}-${Date.now().toString(36)}@brand.test`, 'Wrong-password-1', sprayer);
    }
    const wrongReal = await signIn(real.email, 'Wrong-password-2', sprayer);
    const unknown = await signIn(
      `spray-x-${Date.now().toString(36)}@brand.test`,
      'Wrong-password-2',
      sprayer,
    );
    expectThrottled(wrongReal, server().config.LOGIN_FAILURE_WINDOW_SECONDS);
    expectThrottled(unknown, server().config.LOGIN_FAILURE_WINDOW_SECONDS);
    // The same answer (Retry-After may tick by a second between the two).
    const shape = (r: GqlResult) => ({ status: r.status, code: codeOf(r), message: r.errors?.[0]?.message });
    expect(shape(unknown)).toEqual(shape(wrongReal));
    // …while the real account's right password still signs in from there.
    expect((await signIn(real.email, real.password, sprayer)).status).toBe(200);
  });

  it('wrong passwords for the victim from an attacker’s address do not stop the victim elsewhere', async () => {
    const victim = await member();
    const attacker = address();
    for (let i = 0; i < 5; i += 1) {
      expect(codeOf(await signIn(victim.email, `Wrong-password-${i}`, attacker))).toBe('INVALID_CREDENTIALS');
    }
    // The attacker's pair is stopped (the right password included)…
    expectThrottled(
      await signIn(victim.email, 'Wrong-password-x', attacker),
      server().config.LOGIN_FAILURE_WINDOW_SECONDS,
    );
    expectThrottled(
      await signIn(victim.email, victim.password, attacker),
      server().config.LOGIN_FAILURE_WINDOW_SECONDS,
    );
    // …the victim, from their own address, is not.
    const home = await signIn(victim.email, victim.password, address());
    expect(home.errors).toBeUndefined();
    expect(home.status).toBe(200);
  });

  it('many addresses failing on one account pace it, never shut it: familiar addresses go straight in', async () => {
    const victim = await member();
    const home = address();
    expect((await signIn(victim.email, victim.password, home)).status).toBe(200);
    // 12 failures from 4 addresses (3 each, under the pair limit): the account is now paced.
    for (let a = 0; a < 4; a += 1) {
      const from = address();
      for (let i = 0; i < 3; i += 1) await signIn(victim.email, `Wrong-password-${a}-${i}`, from);
    }
    // From an address the account never used: one attempt per pace interval.
    const stranger = address();
    const first = await signIn(victim.email, 'Wrong-password-z', stranger);
    expect(codeOf(first)).toBe('INVALID_CREDENTIALS');
    const second = await signIn(victim.email, victim.password, address());
    expectThrottled(second, server().config.LOGIN_ACCOUNT_SLOWDOWN_SECONDS);
    // From the victim's own address: no waiting, however many addresses attack.
    const again = await signIn(victim.email, victim.password, home);
    expect(again.errors).toBeUndefined();
    expect(again.status).toBe(200);
  });

  it('the account in another spelling is the same account (the pair counts it)', async () => {
    const victim = await member();
    const attacker = address();
    for (let i = 0; i < 5; i += 1)
      await signIn(` ${victim.email.toUpperCase()} `, `Wrong-password-${i}`, attacker);
    expectThrottled(
      await signIn(victim.email, victim.password, attacker),
      server().config.LOGIN_FAILURE_WINDOW_SECONDS,
    );
  });
  it('accepting an invitation as an existing account is throttled like a sign-in (no unthrottled password oracle)', async () => {
    // A tenant admin of another brand invites a person who already has an account, and so holds
    // an invitation link that asks for that account's password.
    const victim = await member();
    const other = await tenantWithAdmin(server().baseUrl, providerToken, 'POOLED');
    const invite = await gql<{ inviteUser: { token: string } }>(
      server().baseUrl,
      'mutation($e: String!) { inviteUser(email: $e, name: "Guess", role: AGENT) { token } }',
      { e: victim.email },
      other.adminToken,
    );
    const token = invite.data!.inviteUser.token;
    const attacker = address();
    const accept = (password: string, from: string): Promise<GqlResult> =>
      gql(server().baseUrl, ACCEPT, { token, name: 'Guess', password }, undefined, {
        'x-forwarded-for': from,
      });
    for (let i = 0; i < 5; i += 1) {
      expect(codeOf(await accept(`Wrong-password-${i}`, attacker)), `guess ${i + 1}`).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    // The sixth guess — even the right password — is refused, and so is a sign-in from there.
    expectThrottled(await accept(victim.password, attacker), server().config.LOGIN_FAILURE_WINDOW_SECONDS);
    expectThrottled(
      await signIn(victim.email, victim.password, attacker),
      server().config.LOGIN_FAILURE_WINDOW_SECONDS,
    );
    // The person themself, from their own address, accepts with their password.
    const mine = await accept(victim.password, address());
    expect(mine.errors).toBeUndefined();
  });
});
