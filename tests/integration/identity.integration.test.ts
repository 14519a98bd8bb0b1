// The identity module against real services: seats of a plan are taken atomically, whoever
// takes them (invitations, staffing) and however many requests arrive at once.
import { describe, expect, it } from 'vitest';
import { codeOf, gql, tenantWithAdmin } from '../support/api.js';
import { useModuleTest } from '../support/module.js';

const t = useModuleTest('identity');

const INVITE = 'mutation($e: String!) { inviteUser(email: $e, name: "Seat Taker", role: AGENT) { token } }';

let seq = 0;
const email = (what: string) => `${what}-${process.pid}-${Date.now().toString(36)}-${(seq += 1)}@seats.test`;

/** A tenant of its own (admin signed in), with `seats` seats in its plan. */
async function tenantWithSeats(seats: number) {
  const { baseUrl, provider } = t();
  const tenant = await tenantWithAdmin(baseUrl, provider, 'POOLED');
  const plan = await gql(
    baseUrl,
    'mutation($id: ID!, $s: Int!) { updateTenantPlan(id: $id, plan: { seats: $s, apiRatePerMinute: 6000, storageMb: 100 }) { id } }',
    { id: tenant.tenantId, s: seats },
    provider,
  );
  expect(plan.errors).toBeUndefined();
  const invite = (e: string) => gql(baseUrl, INVITE, { e }, tenant.adminToken);
  const counts = async () => {
    const users = await gql<{ users: { total: number } }>(
      baseUrl,
      '{ users { total } }',
      {},
      tenant.adminToken,
    );
    const usage = await gql<{ tenant: { usage: { users: number } } }>(
      baseUrl,
      'query($id: ID!) { tenant(id: $id) { usage { users } } }',
      { id: tenant.tenantId },
      provider,
    );
    return { listed: users.data?.users.total, reported: usage.data?.tenant.usage.users };
  };
  return { ...tenant, invite, counts };
}

describe('seats of a plan', () => {
  it('20 concurrent invitations with 5 free seats: exactly 5 succeed, the rest SEAT_LIMIT_REACHED', async () => {
    // The first admin holds one of the six seats.
    const tenant = await tenantWithSeats(6);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => tenant.invite(email(`race${i}`))));
    expect(results.filter((r) => !r.errors)).toHaveLength(5);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(Array(15).fill('SEAT_LIMIT_REACHED'));
    expect(await tenant.counts()).toEqual({ listed: 6, reported: 6 });
  });

  it('a removal gives its seat back; a refused invitation keeps none', async () => {
    const { baseUrl } = t();
    const tenant = await tenantWithSeats(3);
    const first = email('first');
    expect((await tenant.invite(first)).errors).toBeUndefined();
    // Refused after the seat was taken (already invited): the seat is given back.
    expect(codeOf(await tenant.invite(first))).toBe('ALREADY_MEMBER');
    expect((await tenant.invite(email('second'))).errors).toBeUndefined();
    expect(codeOf(await tenant.invite(email('third')))).toBe('SEAT_LIMIT_REACHED');

    const list = await gql<{ users: { items: { id: string; email: string }[] } }>(
      baseUrl,
      'query($s: String) { users(search: $s) { items { id email } } }',
      { s: first },
      tenant.adminToken,
    );
    const removed = await gql(
      baseUrl,
      'mutation($u: ID!) { removeUser(userId: $u) }',
      { u: list.data?.users.items[0]?.id },
      tenant.adminToken,
    );
    expect(removed.errors).toBeUndefined();
    expect((await tenant.invite(email('fourth'))).errors).toBeUndefined();
    expect(codeOf(await tenant.invite(email('fifth')))).toBe('SEAT_LIMIT_REACHED');
    expect(await tenant.counts()).toEqual({ listed: 3, reported: 3 });
  });

  it('staffing takes seats from the same count, at once with invitations', async () => {
    const { baseUrl, provider } = t();
    const tenant = await tenantWithSeats(4);
    const agents: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const e = email(`agent${i}`);
      const inv = await gql<{ inviteProviderUser: { token: string } }>(
        baseUrl,
        'mutation($e: String!) { inviteProviderUser(email: $e, name: "Agent", role: PROVIDER_AGENT) { token } }',
        { e },
        provider,
      );
      expect(inv.errors).toBeUndefined();
      const found = await gql<{ providerUsers: { items: { id: string }[] } }>(
        baseUrl,
        'query($s: String) { providerUsers(search: $s) { items { id } } }',
        { s: e },
        provider,
      );
      agents.push(found.data?.providerUsers.items[0]?.id ?? '');
    }
    const staff = (u: string) =>
      gql(
        baseUrl,
        'mutation($u: ID!, $t: ID!) { staffAgent(userId: $u, tenantId: $t) { id } }',
        { u, t: tenant.tenantId },
        provider,
      );
    // Three seats are free: four staffings and four invitations race for them.
    const results = await Promise.all([
      ...agents.map(staff),
      ...Array.from({ length: 4 }, (_, i) => tenant.invite(email(`mixed${i}`))),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(Array(5).fill('SEAT_LIMIT_REACHED'));
    expect(await tenant.counts()).toEqual({ listed: 4, reported: 4 });
  });
});
