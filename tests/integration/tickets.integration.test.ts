// The tickets module against real services, for a pooled and a siloed tenant: the lifecycle and
// its refusals (nothing written), optimistic concurrency, idempotent creates and intake, custom
// fields, views with cursor pages, bulk changes, merge, CSAT, the audit trail, and the events each
// change publishes (through the outbox, the worker and a consumer).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES, startWorkers, tenancy } from '@tandem/core';
import { gql, type GqlResult } from '../support/api.js';
import { eventRecorder } from '../support/event-recorder.js';
import { useModuleTest } from '../support/module.js';
import { inviteMember, type Member } from '../support/people.js';
import type { FixtureSide } from '../support/tenant-fixture.js';

/** Records every ticket event per ticket in Redis, so a test can see what was published. */
const recorder = eventRecorder({
  name: 'ticket-event-recorder',
  events: 'all',
  keyOf: (data) => (typeof data.ticketId === 'string' ? data.ticketId : undefined),
});

const ctx = useModuleTest('tickets', { modules: [...MODULES, recorder] });
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
beforeAll(async () => {
  workers = await startWorkers(ctx().server.services);
});
afterAll(async () => {
  await workers?.close();
});

/** An id of the customers module's shape that names no customer. */
const unknownCus = () =>
  `cus_${randomBytes(30)
    .toString('base64')
    .replace(/[^0-9A-Za-z]/g, '')
    .slice(0, 20)}`;
const CREATE_CUSTOMER = 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }';

const TICKET = `id number subject status priority tags assigneeId groupId channel customerId version
  createdAt updatedAt lastMessageAt solvedAt closedAt mergedIntoId mergedFromIds linkedTicketIds
  customFields { key text number checkbox date option options }
  csat { score comment answeredAt surveyToken }`;

interface Ticket {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  tags: string[];
  assigneeId: string | null;
  customerId: string;
  version: number;
  lastMessageAt: string | null;
  mergedIntoId: string | null;
  mergedFromIds: string[];
  linkedTicketIds: string[];
  customFields: { key: string; text: string | null; number: number | null; option: string | null }[];
  csat: { score: number | null; comment: string | null; surveyToken: string | null } | null;
}

const codeOf = (r: GqlResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code;

type Call = <T>(q: string, v?: Record<string, unknown>) => Promise<GqlResult<T>>;

async function ok<T>(p: Promise<GqlResult<T>>): Promise<T> {
  const r = await p;
  if (!r.data || r.errors) throw new Error(`call failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

const CREATE = `mutation($input: CreateTicketInput!, $key: String) { createTicket(input: $input, idempotencyKey: $key) { ${TICKET} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $patch: TicketPatch!) { updateTicket(id: $id, version: $version, patch: $patch) { ${TICKET} } }`;
const GET = `query($id: ID!) { ticket(id: $id) { ${TICKET} } }`;
const REPLY = `mutation($id: ID!, $input: ReplyInput!) { replyToTicket(ticketId: $id, input: $input) { message { id kind author { kind id } text } ticket { ${TICKET} } } }`;
const NOTE = `mutation($id: ID!, $input: NoteInput!) { addTicketNote(ticketId: $id, input: $input) { message { id kind } ticket { id version } } }`;
const API_MESSAGE = `mutation($id: ID!, $input: ApiMessageInput!) { addMessage(ticketId: $id, input: $input) { message { id author { kind id } } ticket { ${TICKET} } } }`;
const MESSAGES = `query($id: ID!, $first: Int, $after: String) { ticketMessages(ticketId: $id, first: $first, after: $after) { items { id kind text ticketId author { kind } } endCursor hasNextPage } }`;
const LIST = `query($viewId: ID, $where: TicketFilter, $sort: TicketSortField, $direction: TicketSortDirection, $first: Int, $after: String) {
  tickets(viewId: $viewId, where: $where, sort: $sort, direction: $direction, first: $first, after: $after) { items { id number priority status } endCursor hasNextPage } }`;

const create = (call: Call, input: Record<string, unknown>, key?: string) =>
  ok(call<{ createTicket: Ticket }>(CREATE, { input, key })).then((d) => d.createTicket);
const get = (call: Call, id: string) => ok(call<{ ticket: Ticket }>(GET, { id })).then((d) => d.ticket);
const update = (call: Call, t: Pick<Ticket, 'id' | 'version'>, patch: Record<string, unknown>) =>
  call<{ updateTicket: Ticket }>(UPDATE, { id: t.id, version: t.version, patch });

async function eventually<T>(read: () => Promise<T>, until: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!until(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

describe.each(['pooled', 'siloed'] as const)('tickets (%s tenant)', (which) => {
  let side: FixtureSide;
  let admin: Call;
  let apiKey: Call;
  let agent: Member;
  let asAgent: Call;
  const tier = which === 'pooled' ? 'POOLED' : 'SILOED';
  const inTenant = <T>(fn: () => Promise<T>) =>
    tenancy.runAsSystem('test.tickets', () => tenancy.withTenant({ id: side.tenantId, tier }, fn));
  const recorded = (ticketId: string) =>
    eventually(
      async () =>
        (
          await ctx().server.services.redis.lrange(
            ctx().server.services.keys.tenant(side.tenantId, 'recorded', ticketId),
            0,
            -1,
          )
        ).map((s) => JSON.parse(s) as { id: string; type: string; data: Record<string, unknown> }),
      () => false,
      0,
    );
  /** A new customer of this tenant (tickets must name one). */
  const cus = async () =>
    (await ok(admin<{ createCustomer: { id: string } }>(CREATE_CUSTOMER, { i: {} }))).createCustomer.id;
  const eventsOf = (ticketId: string, want: string[]) =>
    eventually(
      () => recorded(ticketId),
      (evs) => want.every((w) => evs.some((e) => e.type === w)),
    );

  beforeAll(async () => {
    side = ctx()[which];
    admin = ctx().as(side);
    apiKey = ctx().as(side, 'apiKey');
    agent = await inviteMember(side.baseUrl, side.adminToken, 'AGENT');
    asAgent = (q, v = {}) => gql(side.baseUrl, q, v, agent.accessToken);
  });

  it('runs a ticket through its life: numbers, status rules of the conversation, solve, CSAT, close', async () => {
    const customerId = await cus();
    const t = await create(admin, {
      subject: 'Refund for order 1001',
      customerId,
      priority: 'HIGH',
      tags: ['Refund', ' VIP customer '],
      message: { text: 'The customer called about a refund', authorKind: 'CUSTOMER' },
    });
    expect(t).toMatchObject({
      status: 'NEW',
      priority: 'HIGH',
      tags: ['refund', 'vip-customer'],
      version: 1,
    });
    const next = await create(admin, { subject: 'Second', customerId });
    expect(next.number).toBe(t.number + 1);

    // An agent's public reply opens a NEW ticket.
    const replied = await ok(
      asAgent<{ replyToTicket: { ticket: Ticket; message: { author: { kind: string; id: string } } } }>(
        REPLY,
        {
          id: t.id,
          input: { text: 'We are looking into it' },
        },
      ),
    );
    expect(replied.replyToTicket.ticket.status).toBe('OPEN');
    expect(replied.replyToTicket.message.author).toEqual({ kind: 'AGENT', id: agent.userId });
    // "Submit as pending" needs the version the agent saw.
    const pending = await ok(
      asAgent<{ replyToTicket: { ticket: Ticket } }>(REPLY, {
        id: t.id,
        input: {
          text: 'Could you send the receipt?',
          status: 'PENDING',
          version: replied.replyToTicket.ticket.version,
        },
      }),
    );
    expect(pending.replyToTicket.ticket.status).toBe('PENDING');
    // The customer's answer (through the brand's backend) brings it back to OPEN.
    const back = await ok(
      apiKey<{ addMessage: { ticket: Ticket; message: { author: { kind: string; id: string } } } }>(
        API_MESSAGE,
        {
          id: t.id,
          input: { text: 'Here it is', authorKind: 'CUSTOMER' },
        },
      ),
    );
    expect(back.addMessage.ticket.status).toBe('OPEN');
    expect(back.addMessage.message.author).toEqual({ kind: 'CUSTOMER', id: customerId });

    const assigned = await ok(
      update(admin, back.addMessage.ticket, { assigneeId: agent.userId, addTags: ['paid'] }),
    );
    expect(assigned.updateTicket).toMatchObject({
      assigneeId: agent.userId,
      tags: ['refund', 'vip-customer', 'paid'],
    });
    const solved = await ok(update(asAgent, assigned.updateTicket, { status: 'SOLVED' }));
    expect(solved.updateTicket.status).toBe('SOLVED');
    expect(solved.updateTicket.csat?.surveyToken).toMatch(/^tn_/);

    // CSAT: public, once, with the token as the credential.
    const token = solved.updateTicket.csat?.surveyToken ?? '';
    const answer = await gql<{ submitCsat: boolean }>(
      side.baseUrl,
      'mutation($t: String!) { submitCsat(token: $t, score: 5, comment: "Quick and kind") }',
      { t: token },
    );
    expect(answer.data?.submitCsat).toBe(true);
    const again = await gql(side.baseUrl, 'mutation($t: String!) { submitCsat(token: $t, score: 1) }', {
      t: token,
    });
    expect(codeOf(again)).toBe('CSAT_ALREADY_ANSWERED');
    const forged = await gql(side.baseUrl, 'mutation($t: String!) { submitCsat(token: $t, score: 1) }', {
      t: `${token.slice(0, -4)}AAAA`,
    });
    expect(codeOf(forged)).toBe('CSAT_SURVEY_INVALID');
    const rated = await get(admin, t.id);
    expect(rated.csat).toMatchObject({ score: 5, comment: 'Quick and kind', surveyToken: null });

    const closed = await ok(update(admin, rated, { status: 'CLOSED' }));
    expect(closed.updateTicket.status).toBe('CLOSED');
    const refused = await update(admin, closed.updateTicket, { priority: 'LOW' });
    expect(codeOf(refused)).toBe('TICKET_CLOSED');
    expect(codeOf(await asAgent(REPLY, { id: t.id, input: { text: 'late' } }))).toBe('TICKET_CLOSED');

    // Every change was published, in the catalogue's shapes, and audited with before/after.
    const events = await eventsOf(t.id, [
      'ticket.created',
      'message.received',
      'message.sent',
      'ticket.status_changed',
      'ticket.assigned',
      'ticket.updated',
      'csat.received',
    ]);
    const types = events.map((e) => e.type);
    for (const want of [
      'ticket.created',
      'message.received',
      'message.sent',
      'ticket.status_changed',
      'ticket.assigned',
      'csat.received',
    ]) {
      expect(types, want).toContain(want);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const statusChanges = events
      .filter((e) => e.type === 'ticket.status_changed')
      .map((e) => `${String(e.data.from)}>${String(e.data.to)}`);
    expect(statusChanges).toEqual(
      expect.arrayContaining(['NEW>OPEN', 'OPEN>PENDING', 'PENDING>OPEN', 'OPEN>SOLVED', 'SOLVED>CLOSED']),
    );
    expect(events.find((e) => e.type === 'csat.received')?.data).toMatchObject({
      score: 5,
      number: t.number,
    });

    const audit = await ok(
      admin<{ auditLog: { items: { action: string; targetId: string; before: unknown; after: unknown }[] } }>(
        '{ auditLog(pageSize: 100) { items { action targetId before after } } }',
      ),
    );
    const mine = audit.auditLog.items.filter((a) => a.targetId === t.id);
    expect(mine.map((a) => a.action)).toEqual(
      expect.arrayContaining(['ticket.created', 'ticket.updated', 'ticket.replied', 'ticket.csat_received']),
    );
    expect(
      mine.find((a) => a.action === 'ticket.updated' && JSON.stringify(a.after).includes('assigneeId')),
    ).toMatchObject({
      before: { assigneeId: null },
      after: { assigneeId: agent.userId },
    });
  });

  it('refuses transitions outside the table with a clear code and writes nothing', async () => {
    const t = await create(admin, { subject: 'Transitions', customerId: await cus(), status: 'OPEN' });
    const r = await update(admin, t, { status: 'NEW', priority: 'URGENT' });
    expect(codeOf(r)).toBe('TICKET_TRANSITION_NOT_ALLOWED');
    expect(await get(admin, t.id)).toMatchObject({ status: 'OPEN', priority: 'NORMAL', version: 1 });
    const bad = await update(admin, t, { status: 'CLOSED' });
    expect(codeOf(bad)).toBe('TICKET_TRANSITION_NOT_ALLOWED');
    expect(bad.errors?.[0]?.message).toMatch(/OPEN ticket cannot become CLOSED/);

    // Reopening is bounded by the tenant's window.
    const solved = (await ok(update(admin, t, { status: 'SOLVED' }))).updateTicket;
    await ok(admin('mutation { updateTicketSettings(input: { reopenWindowDays: 0 }) { reopenWindowDays } }'));
    try {
      const late = await update(admin, solved, { status: 'OPEN' });
      expect(codeOf(late)).toBe('TICKET_REOPEN_WINDOW_PASSED');
      expect((await get(admin, t.id)).status).toBe('SOLVED');
    } finally {
      await ok(
        admin('mutation { updateTicketSettings(input: { reopenWindowDays: 7 }) { reopenWindowDays } }'),
      );
    }
    const reopened = await ok(update(admin, solved, { status: 'OPEN' }));
    expect(reopened.updateTicket.status).toBe('OPEN');
  });

  it('answers CONFLICT to a stale version and writes nothing; two racing writers: one wins', async () => {
    const t = await create(admin, { subject: 'Concurrency', customerId: await cus() });
    const first = await ok(update(admin, t, { subject: 'First edit' }));
    const stale = await update(asAgent, t, { subject: 'Stale edit', priority: 'LOW' });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.message).toMatch(/changed by someone else/);
    expect(await get(admin, t.id)).toMatchObject({ subject: 'First edit', priority: 'NORMAL', version: 2 });
    const racing = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => update(admin, first.updateTicket, { subject: `Racer ${i}` })),
    );
    expect(racing.filter((r) => !r.errors).length).toBe(1);
    expect(racing.filter((r) => codeOf(r) === 'CONFLICT').length).toBe(4);
    expect((await get(admin, t.id)).version).toBe(3);
  });

  it('checks the assignee is an agent of this tenant', async () => {
    const t = await create(admin, { subject: 'Assignee', customerId: await cus() });
    const r = await update(admin, t, { assigneeId: 'usr_AAAAAAAAAAAAAAAAAAAA' });
    expect(codeOf(r)).toBe('ASSIGNEE_INVALID');
    const other = ctx()[which === 'pooled' ? 'siloed' : 'pooled'];
    const otherAdmin = await ok(
      gql<{ viewer: { user: { id: string } } }>(
        other.baseUrl,
        '{ viewer { user { id } } }',
        {},
        other.adminToken,
      ),
    );
    expect(codeOf(await update(admin, t, { assigneeId: otherAdmin.viewer.user.id }))).toBe(
      'ASSIGNEE_INVALID',
    );
    expect((await get(admin, t.id)).version).toBe(1);
  });

  it('creates once per Idempotency-Key; the same key for another request is refused', async () => {
    const customerId = await cus();
    const key = `create-${randomBytes(6).toString('hex')}`;
    const input = { subject: 'Idempotent', customerId, message: { text: 'hello' } };
    const results = await Promise.all([1, 2, 3, 4].map(() => create(admin, input, key)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const replay = await create(admin, input, key);
    expect(replay.id).toBe(results[0]?.id);
    const list = await ok(admin<{ tickets: { items: { id: string }[] } }>(LIST, { where: { customerId } }));
    expect(list.tickets.items).toHaveLength(1);
    const msgs = await ok(admin<{ ticketMessages: { items: unknown[] } }>(MESSAGES, { id: replay.id }));
    expect(msgs.ticketMessages.items).toHaveLength(1);
    const other = await admin(CREATE, { input: { ...input, subject: 'Something else' }, key });
    expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('validates custom fields against the tenant’s definitions, and required-on-solve', async () => {
    const suffix = randomBytes(3).toString('hex');
    const reason = `reason_${suffix}`;
    const amount = `amount_${suffix}`;
    await ok(
      admin('mutation($i: CreateCustomFieldInput!) { createCustomField(input: $i) { id } }', {
        i: {
          key: reason,
          type: 'SELECT',
          labelEn: 'Reason',
          labelZh: '原因',
          requiredOnSolve: true,
          options: [
            { value: 'refund', labelEn: 'Refund', labelZh: '退款' },
            { value: 'late', labelEn: 'Late', labelZh: '延迟' },
          ],
        },
      }),
    );
    await ok(
      admin('mutation($i: CreateCustomFieldInput!) { createCustomField(input: $i) { id } }', {
        i: { key: amount, type: 'NUMBER', labelEn: 'Amount', labelZh: '金额' },
      }),
    );
    const dup = await admin('mutation($i: CreateCustomFieldInput!) { createCustomField(input: $i) { id } }', {
      i: { key: amount, type: 'TEXT', labelEn: 'Again', labelZh: '重复' },
    });
    expect(codeOf(dup)).toBe('CUSTOM_FIELD_KEY_TAKEN');
    expect(
      codeOf(
        await asAgent('mutation($i: CreateCustomFieldInput!) { createCustomField(input: $i) { id } }', {
          i: { key: `x_${suffix}`, type: 'TEXT', labelEn: 'X', labelZh: '某' },
        }),
      ),
    ).toBe('FORBIDDEN');

    const t = await create(admin, {
      subject: 'Fields',
      customerId: await cus(),
      customFields: [{ key: amount, number: 12.5 }],
    });
    expect(t.customFields).toEqual([expect.objectContaining({ key: amount, number: 12.5 })]);
    const bad = await update(admin, t, {
      customFields: [
        { key: reason, option: 'other' },
        { key: amount, text: 'twelve' },
        { key: 'nope', text: 'x' },
      ],
    });
    expect(codeOf(bad)).toBe('CUSTOM_FIELD_INVALID');
    const issues = (bad.errors?.[0]?.extensions?.issues ?? []) as { path: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual([amount, 'nope', reason].sort());
    expect((await get(admin, t.id)).version).toBe(1);

    const unsolved = await update(admin, t, { status: 'SOLVED' });
    expect(codeOf(unsolved)).toBe('CUSTOM_FIELD_REQUIRED');
    expect(JSON.stringify(unsolved.errors?.[0]?.extensions?.issues)).toContain(reason);
    const solved = await ok(
      update(admin, t, { status: 'SOLVED', customFields: [{ key: reason, option: 'late' }] }),
    );
    expect(solved.updateTicket.status).toBe('SOLVED');
    expect(solved.updateTicket.customFields).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: reason, option: 'late' })]),
    );
    // Filtering by a custom field value.
    const byField = await ok(
      admin<{ tickets: { items: { id: string }[] } }>(LIST, {
        where: { customFields: [{ key: reason, value: 'late' }] },
      }),
    );
    expect(byField.tickets.items.map((x) => x.id)).toEqual([t.id]);
    // Later tickets must not be blocked by this suite's required field.
    const fields = await ok(
      admin<{ ticketCustomFields: { id: string; key: string }[] }>('{ ticketCustomFields { id key } }'),
    );
    for (const f of fields.ticketCustomFields.filter((x) => x.key.endsWith(suffix))) {
      await ok(admin('mutation($id: ID!) { deleteCustomField(id: $id) }', { id: f.id }));
    }
  });

  it('pages views with an opaque cursor that stays stable while tickets are added; counts per view', async () => {
    const label = `page-${randomBytes(3).toString('hex')}`;
    const customerId = await cus();
    const made: Ticket[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await create(admin, {
          subject: `Page ${i}`,
          customerId,
          tags: [label],
          priority: i % 2 ? 'URGENT' : 'LOW',
        }),
      );
    }
    const where = { tags: [label] };
    const seen: string[] = [];
    let page = (
      await ok(
        admin<{ tickets: { items: { id: string }[]; endCursor: string; hasNextPage: boolean } }>(LIST, {
          where,
          sort: 'CREATED_AT',
          first: 3,
        }),
      )
    ).tickets;
    seen.push(...page.items.map((x) => x.id));
    // New tickets arrive in front while the agent pages on.
    await create(admin, { subject: 'Late 1', customerId, tags: [label] });
    await create(admin, { subject: 'Late 2', customerId, tags: [label] });
    while (page.hasNextPage) {
      page = (
        await ok(
          admin<{ tickets: { items: { id: string }[]; endCursor: string; hasNextPage: boolean } }>(LIST, {
            where,
            sort: 'CREATED_AT',
            first: 3,
            after: page.endCursor,
          }),
        )
      ).tickets;
      seen.push(...page.items.map((x) => x.id));
    }
    expect(seen).toEqual(made.map((t) => t.id).reverse());
    expect(codeOf(await admin(LIST, { where, sort: 'UPDATED_AT', first: 3, after: 'not-a-cursor' }))).toBe(
      'VALIDATION_FAILED',
    );

    const byPriority = (
      await ok(
        admin<{ tickets: { items: { priority: string }[] } }>(LIST, { where, sort: 'PRIORITY', first: 20 }),
      )
    ).tickets.items;
    expect(byPriority.slice(0, 3).every((x) => x.priority === 'URGENT')).toBe(true);
    expect(byPriority[byPriority.length - 1]?.priority).toBe('LOW');

    // A personal view of "my urgent tickets with the label".
    const mineIds = made.filter((_, i) => i % 2).map((t) => t.id);
    await ok(
      admin('mutation($i: BulkUpdateTicketsInput!) { bulkUpdateTickets(input: $i) { succeeded } }', {
        i: { ticketIds: mineIds, patch: { assigneeId: agent.userId } },
      }),
    );
    const v = await ok(
      asAgent<{ createTicketView: { id: string; count: number; shared: boolean } }>(
        'mutation($i: TicketViewInput!) { createTicketView(input: $i) { id count shared } }',
        {
          i: {
            name: 'My urgent',
            filter: { tags: [label], assignedToMe: true, priorities: ['URGENT'] },
            sort: 'PRIORITY',
          },
        },
      ),
    );
    expect(v.createTicketView).toMatchObject({ count: mineIds.length, shared: false });
    const viaView = await ok(
      asAgent<{ tickets: { items: { id: string }[] } }>(LIST, { viewId: v.createTicketView.id }),
    );
    expect(viaView.tickets.items.map((x) => x.id).sort()).toEqual([...mineIds].sort());
    // Someone else's personal view is not found; sharing needs a supervisor or admin.
    expect(codeOf(await admin(LIST, { viewId: v.createTicketView.id }))).toBe('NOT_FOUND');
    expect(
      codeOf(await asAgent('mutation { createTicketView(input: { name: "Team", shared: true }) { id } }')),
    ).toBe('FORBIDDEN');
    const views = await ok(asAgent<{ ticketViews: { id: string }[] }>('{ ticketViews { id name count } }'));
    expect(views.ticketViews.map((x) => x.id)).toContain(v.createTicketView.id);
  });

  it('bulk-updates up to 100 tickets with a result per ticket', async () => {
    const customerId = await cus();
    const a = await create(admin, { subject: 'Bulk A', customerId });
    const b = await create(admin, { subject: 'Bulk B', customerId, status: 'OPEN' });
    const c = await create(admin, { subject: 'Bulk C', customerId, status: 'SOLVED' });
    await ok(update(admin, c, { status: 'CLOSED' }));
    const r = await ok(
      admin<{
        bulkUpdateTickets: {
          succeeded: number;
          failed: number;
          results: { ticketId: string; ok: boolean; code: string | null; ticket: Ticket | null }[];
        };
      }>(
        `mutation($i: BulkUpdateTicketsInput!) { bulkUpdateTickets(input: $i) { succeeded failed results { ticketId ok code ticket { ${TICKET} } } } }`,
        {
          i: {
            ticketIds: [a.id, b.id, c.id, 'tkt_AAAAAAAAAAAAAAAAAAAA'],
            patch: { status: 'PENDING', priority: 'HIGH', addTags: ['bulk'] },
          },
        },
      ),
    );
    expect(r.bulkUpdateTickets).toMatchObject({ succeeded: 2, failed: 2 });
    expect(r.bulkUpdateTickets.results.map((x) => [x.ticketId, x.ok, x.code])).toEqual([
      [a.id, true, null],
      [b.id, true, null],
      [c.id, false, 'TICKET_CLOSED'],
      ['tkt_AAAAAAAAAAAAAAAAAAAA', false, 'NOT_FOUND'],
    ]);
    expect(r.bulkUpdateTickets.results[0]?.ticket).toMatchObject({
      status: 'PENDING',
      priority: 'HIGH',
      tags: ['bulk'],
      version: 2,
    });
    const tooMany = await admin(
      'mutation($i: BulkUpdateTicketsInput!) { bulkUpdateTickets(input: $i) { succeeded } }',
      {
        i: {
          ticketIds: Array.from({ length: 101 }, (_, i) => `tkt_${String(i).padStart(20, 'A')}`),
          patch: { priority: 'LOW' },
        },
      },
    );
    expect(codeOf(tooMany)).toBe('VALIDATION_FAILED');
    const events = await eventsOf(b.id, ['ticket.status_changed']);
    expect(events.find((e) => e.type === 'ticket.status_changed')?.data).toMatchObject({
      from: 'OPEN',
      to: 'PENDING',
    });
  });

  it('merges a ticket into another: conversation shown on the target, source solved and linked', async () => {
    const customerId = await cus();
    const source = await create(admin, {
      subject: 'Duplicate',
      customerId,
      message: { text: 'from the source', authorKind: 'CUSTOMER' },
    });
    const target = await create(admin, {
      subject: 'Original',
      customerId,
      message: { text: 'from the target', authorKind: 'CUSTOMER' },
    });
    expect(
      codeOf(
        await admin(
          'mutation($s: ID!, $t: ID!) { mergeTickets(sourceId: $s, sourceVersion: 9, targetId: $t, targetVersion: 1) { id } }',
          { s: source.id, t: target.id },
        ),
      ),
    ).toBe('CONFLICT');
    expect((await get(admin, source.id)).mergedIntoId).toBeNull();
    const merged = await ok(
      admin<{ mergeTickets: Ticket }>(
        `mutation($s: ID!, $t: ID!) { mergeTickets(sourceId: $s, sourceVersion: 1, targetId: $t, targetVersion: 1) { ${TICKET} } }`,
        { s: source.id, t: target.id },
      ),
    );
    expect(merged.mergeTickets.mergedFromIds).toEqual([source.id]);
    const src = await get(admin, source.id);
    expect(src).toMatchObject({ status: 'SOLVED', mergedIntoId: target.id });
    const conv = await ok(
      admin<{ ticketMessages: { items: { text: string }[] } }>(MESSAGES, { id: target.id }),
    );
    expect(conv.ticketMessages.items.map((m) => m.text)).toEqual(['from the source', 'from the target']);
    expect(codeOf(await admin(REPLY, { id: source.id, input: { text: 'x' } }))).toBe('TICKET_MERGED');
    expect(codeOf(await update(admin, src, { priority: 'LOW' }))).toBe('TICKET_MERGED');
    const events = await eventsOf(source.id, ['ticket.merged']);
    expect(events.find((e) => e.type === 'ticket.merged')?.data).toMatchObject({ intoTicketId: target.id });

    const other = await create(admin, { subject: 'Related', customerId });
    const linked = await ok(
      admin<{ linkTickets: Ticket }>(
        `mutation($a: ID!, $b: ID!) { linkTickets(ticketId: $a, linkedTicketId: $b) { ${TICKET} } }`,
        { a: target.id, b: other.id },
      ),
    );
    expect(linked.linkTickets.linkedTicketIds).toEqual([other.id]);
    expect((await get(admin, other.id)).linkedTicketIds).toEqual([target.id]);
  });

  it('keeps internal notes from API keys, and cursor-pages the conversation', async () => {
    const t = await create(admin, {
      subject: 'Notes',
      customerId: await cus(),
      message: { text: 'm0', authorKind: 'CUSTOMER' },
    });
    await ok(asAgent(NOTE, { id: t.id, input: { text: 'internal: VIP' } }));
    for (let i = 1; i <= 4; i++) await ok(asAgent(REPLY, { id: t.id, input: { text: `m${i}` } }));
    expect(codeOf(await apiKey(NOTE, { id: t.id, input: { text: 'x' } }))).toBe('FORBIDDEN');
    const staff: string[] = [];
    let after: string | null = null;
    do {
      const p: {
        ticketMessages: { items: { text: string }[]; endCursor: string | null; hasNextPage: boolean };
      } = await ok(admin(MESSAGES, { id: t.id, first: 2, after }));
      staff.push(...p.ticketMessages.items.map((m) => m.text));
      after = p.ticketMessages.hasNextPage ? p.ticketMessages.endCursor : null;
    } while (after);
    expect(staff).toEqual(['m0', 'internal: VIP', 'm1', 'm2', 'm3', 'm4']);
    const api = await ok(
      apiKey<{ ticketMessages: { items: { text: string; kind: string }[] } }>(MESSAGES, { id: t.id }),
    );
    expect(api.ticketMessages.items.map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    const events = await eventsOf(t.id, ['note.added']);
    expect(events.find((e) => e.type === 'note.added')?.data).toMatchObject({
      authorId: agent.userId,
      text: 'internal: VIP',
    });

    const bad = await asAgent(REPLY, {
      id: t.id,
      input: {
        text: 'see file',
        attachments: [
          { name: 'x.html', contentType: 'text/html', size: 10 },
          { name: 'big.pdf', contentType: 'application/pdf', size: 26 * 1024 * 1024 },
        ],
      },
    });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.errors?.[0]?.extensions?.issues)).toMatch(
      /not allowed.*25 MB|25 MB.*not allowed/s,
    );
    expect((await get(admin, t.id)).version).toBe(t.version + 1);
  });

  it('takes channel intake idempotently, continues the customer’s ticket and reopens a solved one', async () => {
    const svc = ctx().server.services.modules.tickets;
    const customerId = await cus();
    const ext = `ext-${randomBytes(4).toString('hex')}`;
    const msg = {
      channel: 'API' as const,
      customerId,
      externalMessageId: ext,
      text: 'My card was charged twice',
    };
    const first = await inTenant(() => svc.intakeCustomerMessage(msg));
    expect(first).toMatchObject({ created: true, ticketCreated: true });
    expect(first.ticket.subject).toBe('My card was charged twice');
    const dup = await inTenant(() => svc.intakeCustomerMessage(msg));
    expect(dup).toMatchObject({ created: false });
    expect(dup.message._id).toBe(first.message._id);
    const second = await inTenant(() =>
      svc.intakeCustomerMessage({ ...msg, externalMessageId: `${ext}-2`, text: 'Any news?' }),
    );
    expect(second.ticket._id).toBe(first.ticket._id);
    const conv = await ok(
      admin<{ ticketMessages: { items: { text: string }[] } }>(MESSAGES, { id: first.ticket._id }),
    );
    expect(conv.ticketMessages.items.map((m) => m.text)).toEqual(['My card was charged twice', 'Any news?']);

    const t = await get(admin, first.ticket._id);
    await ok(update(admin, t, { status: 'SOLVED' }));
    const reopened = await inTenant(() =>
      svc.intakeCustomerMessage({ ...msg, externalMessageId: `${ext}-3`, text: 'Still broken' }),
    );
    expect(reopened.ticket._id).toBe(first.ticket._id);
    expect(reopened.ticket.status).toBe('OPEN');

    // Five first messages of a new customer at once: one ticket.
    const newcomer = await cus();
    const burst = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        inTenant(() =>
          svc.intakeCustomerMessage({
            channel: 'WEB_CHAT',
            customerId: newcomer,
            externalMessageId: `${ext}-b${i}`,
            text: `hi ${i}`,
          }),
        ),
      ),
    );
    expect(new Set(burst.map((b) => b.ticket._id)).size).toBe(1);
    expect(burst.filter((b) => b.ticketCreated)).toHaveLength(1);
    await expect(
      inTenant(() => svc.intakeCustomerMessage({ ...msg, externalMessageId: 'has space', text: 'x' })),
    ).rejects.toThrow();
    const events = await eventsOf(first.ticket._id, ['ticket.created', 'message.received']);
    expect(events.filter((e) => e.type === 'message.received').length).toBeGreaterThanOrEqual(3);
  });

  it('opens a ticket only for a customer of the tenant: unknown or another tenant’s is NOT_FOUND, nothing written', async () => {
    const other = ctx()[which === 'pooled' ? 'siloed' : 'pooled'];
    const theirs = await ok(
      gql<{ createCustomer: { id: string } }>(other.baseUrl, CREATE_CUSTOMER, { i: {} }, other.adminToken),
    );
    const before = await ok(admin<{ tickets: { items: { id: string }[] } }>(LIST, { first: 100 }));
    for (const customerId of [unknownCus(), theirs.createCustomer.id]) {
      const r = await admin(CREATE, {
        input: { subject: 'No such customer', customerId, message: { text: 'hello' } },
        key: `missing-${customerId}`,
      });
      expect(codeOf(r)).toBe('NOT_FOUND');
      expect(r.errors?.[0]?.message).toMatch(/customer/i);
    }
    const after = await ok(admin<{ tickets: { items: { id: string }[] } }>(LIST, { first: 100 }));
    expect(after.tickets.items.map((t) => t.id)).toEqual(before.tickets.items.map((t) => t.id));

    // A ticket cannot be moved to such a customer either.
    const t = await create(admin, { subject: 'Keeps its customer', customerId: await cus() });
    const moved = await admin(UPDATE, { id: t.id, version: t.version, patch: { customerId: unknownCus() } });
    expect(codeOf(moved)).toBe('NOT_FOUND');
    expect((await get(admin, t.id)).version).toBe(t.version);
  });

  it('tickets follow a customer merge to the survivor (consumer of customer.merged, idempotent)', async () => {
    const [source, survivor, bystander] = [await cus(), await cus(), await cus()];
    const a = await create(admin, { subject: 'Merged customer 1', customerId: source });
    const b = await create(admin, { subject: 'Merged customer 2', customerId: source, status: 'OPEN' });
    const c = await create(admin, { subject: 'Other customer', customerId: bystander });
    const merge = await admin(
      'mutation($id: ID!, $into: ID!) { mergeCustomers(id: $id, intoId: $into) { id } }',
      {
        id: source,
        into: survivor,
      },
    );
    expect(merge.errors).toBeUndefined();
    const followed = await eventually(
      () => Promise.all([get(admin, a.id), get(admin, b.id)]),
      (ts) => ts.every((x) => x.customerId === survivor),
    );
    for (const x of followed) expect(x.customerId).toBe(survivor);
    // A stale edit made from before the move is a conflict, not a silent overwrite.
    expect(codeOf(await admin(UPDATE, { id: a.id, version: a.version, patch: { priority: 'HIGH' } }))).toBe(
      'CONFLICT',
    );
    expect(await get(admin, c.id)).toMatchObject({
      customerId: bystander,
    });
    const list = await ok(
      admin<{ tickets: { items: { id: string }[] } }>(LIST, { where: { customerId: survivor }, first: 10 }),
    );
    expect(list.tickets.items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());

    // The same event handled again (at least once) moves nothing more; a chain ends at the live one.
    const svc = ctx().server.services.modules.tickets;
    expect(await inTenant(() => svc.tickets.followCustomerMerge(source, survivor))).toBe(0);
    const last = await cus();
    expect(
      (
        await admin('mutation($id: ID!, $into: ID!) { mergeCustomers(id: $id, intoId: $into) { id } }', {
          id: survivor,
          into: last,
        })
      ).errors,
    ).toBeUndefined();
    await eventually(
      () => get(admin, a.id),
      (x) => x.customerId === last,
    );
    // A merged customer's id opens a ticket for the survivor.
    const viaOld = await create(admin, { subject: 'Through the old id', customerId: source });
    expect(viaOld.customerId).toBe(last);
  });
});
