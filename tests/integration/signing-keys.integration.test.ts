import { describe, expect, it } from 'vitest';
import { gql, login, useTestServer } from '../support/api.js';

const server = useTestServer('signing');

const kidOf = (jwt: string): string =>
  (JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;

describe('token-signing key rotation', () => {
  it('new tokens use the new key; tokens of the old key keep working until they expire; JWKS lists both', async () => {
    const { baseUrl, providerAdmin, services } = server();
    const before = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    const oldKid = kidOf(before.accessToken);
    const jwks1 = (await (await fetch(`${baseUrl}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string; alg: string; kty: string }[];
    };
    expect(jwks1.keys.map((k) => k.kid)).toContain(oldKid);
    expect(jwks1.keys.every((k) => k.alg === 'ES256' && k.kty === 'EC')).toBe(true);
    expect(JSON.stringify(jwks1)).not.toMatch(/"d":/); // never a private component

    const newKid = await services.tokens.rotate();
    const after = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    expect(kidOf(after.accessToken)).toBe(newKid);
    expect((await gql(baseUrl, '{ viewer { user { id } } }', {}, before.accessToken)).status).toBe(200);
    expect((await gql(baseUrl, '{ viewer { user { id } } }', {}, after.accessToken)).status).toBe(200);
    const jwks2 = (await (await fetch(`${baseUrl}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks2.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
  });
});
