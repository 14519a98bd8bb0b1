// Every REST route of the real app, read from Express's router, declares its policy.
import { describe, expect, it } from 'vitest';
import { ROUTE_POLICY } from '@tandem/core';
import { useTestServer } from '../support/api.js';

const server = useTestServer('routes', { ADMIN_DIST_DIR: 'apps/admin/dist' });

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: object }[] };
}

describe('REST routes', () => {
  it('each route handler carries a policy (declared with route() or graphqlEndpoint())', () => {
    const stack = (server().api.app.router as unknown as { stack: Layer[] }).stack;
    const routes = stack.flatMap((l) => (l.route ? [l.route] : []));
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/readyz',
        '/.well-known/jwks.json',
        '/metrics',
        '/v1/exports/:id',
        '/graphql',
      ]),
    );
    const missing = routes
      .filter((r) => r.stack.some((h) => !(ROUTE_POLICY in h.handle)))
      .map((r) => `${Object.keys(r.methods).join(',')} ${r.path}`);
    expect(missing).toEqual([]);
  });
});
