import { describe, expect, it } from 'vitest';
import { tokenLifetimeMs } from './session-storage';

function jwt(claims: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'ES256', typ: 'JWT' })}.${enc(claims)}.signature`;
}

describe('token lifetime', () => {
  it('comes from the token’s own iat/exp, independent of this machine’s clock', () => {
    expect(tokenLifetimeMs(jwt({ iat: 1_000, exp: 1_900, sub: 'usr_1' }))).toBe(900_000);
  });

  it('is unknown for tokens without usable claims', () => {
    expect(tokenLifetimeMs('not-a-jwt')).toBeNull();
    expect(tokenLifetimeMs(jwt({ sub: 'usr_1' }))).toBeNull();
    expect(tokenLifetimeMs(jwt({ iat: 10, exp: 5 }))).toBeNull();
    expect(tokenLifetimeMs('a.%%%.c')).toBeNull();
  });
});
