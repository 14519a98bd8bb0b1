// Collision detection: who is viewing or replying on a ticket. Two agents on the same ticket see
// each other (over two API processes, live through graphql-ws), entries expire when not
// announced again, leaving removes one at once, and another tenant's ticket is not found.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';
import { inviteMember, type Member } from '../support/people.js';
import { freePort, spawnEntrypoint, type Spawned } from '../support/process.js';

// Entries last 3 s here (30 s by default), so expiry is seen within a test.
const ctx = useModuleTest('presence', { env: { PRESENCE_TTL_SECONDS: '3' } });
const clients: Client[] = [];
const children: Spawned[] = [];
afterAll(async () => {
  for (const c of clients) await c.dispose();
  for (const c of children) c.kill();
});

interface Viewer {
  userId: string;
  name: string;
  activity: 'VIEWING' | 'REPLYING';
  since: string;
}

const ANNOUNCE =
  'mutation($t: ID!, $a: TicketActivity!) { announceTicketPresence(ticketId: $t, activity: $a) { userId name activity since } }';
const LEAVE = 'mutation($t: ID!) { leaveTicketPresence(ticketId: $t) }';
const PRESENCE = 'query($t: ID!) { ticketPresence(ticketId: $t) { userId name activity since } }';
const SUB = 'subscription($t: ID!) { ticketPresence(ticketId: $t) { userId name activity since } }';

async function newTicket(side: 'pooled' | 'siloed', subject: string): Promise<string> {
  const as = ctx().as(ctx()[side]);
  const c = await as<{ createCustomer: { id: string } }>(
    'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }',
    { i: { displayName: `Customer of ${subject}` } },
  );
  const t = await as<{ createTicket: { id: string } }>(
    'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
    { i: { subject, customerId: c.data?.createCustomer.id } },
  );
  if (!t.data) throw new Error(`createTicket failed: ${JSON.stringify(t.errors)}`);
  return t.data.createTicket.id;
}

function connect(baseUrl: string, token: string): Client {
  const client = createClient({
    url: baseUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  return client;
}

function watch(client: Client, ticketId: string) {
  const lists: Viewer[][] = [];
  const errors: string[] = [];
  client.subscribe<{ ticketPresence: Viewer[] }>(
    { query: SUB, variables: { t: ticketId } },
    {
      next: (r) => {
        if (r.data?.ticketPresence) lists.push(r.data.ticketPresence);
        for (const e of r.errors ?? []) errors.push(String(e.extensions?.code ?? e.message));
      },
      error: (e) => errors.push(Array.isArray(e) ? JSON.stringify(e) : String(e)),
      complete: () => undefined,
    },
  );
  const latest = () => lists[lists.length - 1];
  return { lists, errors, latest };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 50));
  return check();
}

let agent: Member;
let supervisor: Member;
beforeAll(async () => {
  const { baseUrl, pooled } = ctx();
  agent = await inviteMember(baseUrl, pooled.adminToken, 'AGENT', { name: 'Ada Agent' });
  supervisor = await inviteMember(baseUrl, pooled.adminToken, 'SUPERVISOR', { name: 'Sam Supervisor' });
});

describe('ticket presence', () => {
  it('shows who is on a ticket: names, activities, oldest first, no email', async () => {
    const { baseUrl } = ctx();
    const ticket = await newTicket('pooled', 'Presence basics');
    const first = await gql<{ announceTicketPresence: Viewer[] }>(
      baseUrl,
      ANNOUNCE,
      { t: ticket, a: 'VIEWING' },
      agent.accessToken,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.announceTicketPresence).toEqual([
      expect.objectContaining({ userId: agent.userId, name: 'Ada Agent', activity: 'VIEWING' }),
    ]);
    const second = await gql<{ announceTicketPresence: Viewer[] }>(
      baseUrl,
      ANNOUNCE,
      { t: ticket, a: 'REPLYING' },
      supervisor.accessToken,
    );
    expect(second.data?.announceTicketPresence.map((v) => [v.name, v.activity])).toEqual([
      ['Ada Agent', 'VIEWING'],
      ['Sam Supervisor', 'REPLYING'],
    ]);
    // Repeating the same activity keeps `since`; switching starts it anew.
    const since = first.data?.announceTicketPresence[0]?.since;
    await new Promise((r) => setTimeout(r, 20));
    const again = await gql<{ announceTicketPresence: Viewer[] }>(
      baseUrl,
      ANNOUNCE,
      { t: ticket, a: 'VIEWING' },
      agent.accessToken,
    );
    expect(again.data?.announceTicketPresence[0]?.since).toBe(since);
    const read = await gql<{ ticketPresence: Viewer[] }>(baseUrl, PRESENCE, { t: ticket }, agent.accessToken);
    expect(read.data?.ticketPresence).toHaveLength(2);
    expect(JSON.stringify(read.data)).not.toContain(agent.email);
    expect(JSON.stringify(read.data)).not.toContain('@');
  });

  it('leaving removes the entry at once; an entry not announced again expires', async () => {
    const { baseUrl } = ctx();
    const ticket = await newTicket('pooled', 'Presence leave and expiry');
    await gql(baseUrl, ANNOUNCE, { t: ticket, a: 'VIEWING' }, agent.accessToken);
    await gql(baseUrl, ANNOUNCE, { t: ticket, a: 'VIEWING' }, supervisor.accessToken);
    const left = await gql<{ leaveTicketPresence: boolean }>(
      baseUrl,
      LEAVE,
      { t: ticket },
      agent.accessToken,
    );
    expect(left.data?.leaveTicketPresence).toBe(true);
    const after = await gql<{ ticketPresence: Viewer[] }>(
      baseUrl,
      PRESENCE,
      { t: ticket },
      agent.accessToken,
    );
    expect(after.data?.ticketPresence.map((v) => v.userId)).toEqual([supervisor.userId]);
    // The supervisor does not announce again: gone after the TTL (3 s here).
    await new Promise((r) => setTimeout(r, 3_300));
    const expired = await gql<{ ticketPresence: Viewer[] }>(
      baseUrl,
      PRESENCE,
      { t: ticket },
      agent.accessToken,
    );
    expect(expired.data?.ticketPresence).toEqual([]);
  });

  it('is pushed live to subscribers on another API process: arrivals, activity, leaving, expiry', async () => {
    const { server, baseUrl } = ctx();
    const ticket = await newTicket('pooled', 'Presence live');
    const port = await freePort();
    const second = spawnEntrypoint('packages/core/src/entrypoints/api.ts', {
      MONGODB_URI: server.config.MONGODB_URI,
      MONGODB_DB: server.config.MONGODB_DB,
      REDIS_URL: server.config.REDIS_URL,
      REDIS_PREFIX: server.config.REDIS_PREFIX,
      TANDEM_MASTER_KEY: server.config.TANDEM_MASTER_KEY,
      PRESENCE_TTL_SECONDS: '3',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_READINESS_DELAY_MS: '0',
    });
    children.push(second);
    await second.waitForOutput(/api listening/, 60_000);

    // The agent watches through the second process; the supervisor acts through the first.
    const live = watch(connect(`http://127.0.0.1:${port}`, agent.accessToken), ticket);
    expect(await until(() => live.lists.length > 0, 10_000)).toBe(true);
    expect(live.latest()).toEqual([]);

    await gql(baseUrl, ANNOUNCE, { t: ticket, a: 'VIEWING' }, supervisor.accessToken);
    expect(await until(() => live.latest()?.[0]?.activity === 'VIEWING', 10_000)).toBe(true);
    expect(live.latest()?.[0]?.name).toBe('Sam Supervisor');

    await gql(baseUrl, ANNOUNCE, { t: ticket, a: 'REPLYING' }, supervisor.accessToken);
    expect(await until(() => live.latest()?.[0]?.activity === 'REPLYING', 10_000)).toBe(true);

    await gql(baseUrl, LEAVE, { t: ticket }, supervisor.accessToken);
    expect(await until(() => live.latest()?.length === 0, 10_000)).toBe(true);

    // An entry that is not announced again disappears from the subscribers' list by itself.
    await gql(baseUrl, ANNOUNCE, { t: ticket, a: 'VIEWING' }, supervisor.accessToken);
    expect(await until(() => live.latest()?.length === 1, 10_000)).toBe(true);
    const shown = Date.now();
    expect(await until(() => live.latest()?.length === 0, 10_000)).toBe(true);
    expect(Date.now() - shown).toBeGreaterThan(1_500);
    expect(live.errors).toEqual([]);
  }, 120_000);

  it('refuses another tenant’s ticket (NOT_FOUND), API keys and customers', async () => {
    const { baseUrl, siloed, pooled } = ctx();
    const theirs = await newTicket('siloed', 'Presence elsewhere');
    for (const [q, v] of [
      [ANNOUNCE, { t: theirs, a: 'VIEWING' }],
      [LEAVE, { t: theirs }],
      [PRESENCE, { t: theirs }],
    ] as const) {
      const r = await gql(baseUrl, q, v, agent.accessToken);
      expect(codeOf(r)).toBe('NOT_FOUND');
    }
    // Nothing was written under the other tenant's ticket.
    const theirView = await gql<{ ticketPresence: Viewer[] }>(
      baseUrl,
      PRESENCE,
      { t: theirs },
      siloed.adminToken,
    );
    expect(theirView.data?.ticketPresence).toEqual([]);

    const live = watch(connect(baseUrl, agent.accessToken), theirs);
    expect(await until(() => live.errors.length > 0, 10_000)).toBe(true);
    expect(live.errors[0]).toContain('NOT_FOUND');
    expect(live.lists).toEqual([]);

    const mine = await newTicket('pooled', 'Presence by key');
    const byKey = await gql(baseUrl, PRESENCE, { t: mine }, pooled.apiKey);
    expect(codeOf(byKey)).toBe('FORBIDDEN');
  });
});
