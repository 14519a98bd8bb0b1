// The API channel against real services, for a pooled and a siloed tenant: a brand's backend posts
// customers' messages (POST /v1/messages, API key with MESSAGES_WRITE); the customer is found or
// created on any spelling of its identities, the ticket found or opened; the brand's message id
// makes retries harmless, the Idempotency-Key replays the first answer, and bad input gets a
// clear 4xx and writes nothing — not even the key.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Services } from '@tandem/core';
import { gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';
import { createApiKey } from '../support/people.js';
import type { FixtureSide } from '../support/tenant-fixture.js';

const ctx = useModuleTest('intake');

interface Answer {
  created: boolean;
  ticket: { id: string; number: number; status: string };
  message: { id: string };
  customer: { id: string };
}

interface Posted {
  status: number;
  body: Answer & {
    error?: { code: string; message: string; details?: Record<string, unknown>; issues?: unknown[] };
  };
}

async function post(
  side: FixtureSide,
  body: unknown,
  opts: { key?: string; token?: string; raw?: string } = {},
): Promise<Posted> {
  const res = await fetch(`${side.baseUrl}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${opts.token ?? side.apiKey}`,
      ...(opts.key ? { 'idempotency-key': opts.key } : {}),
    },
    body: opts.raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Posted['body'] };
}

const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
let seq = 0;
const unique = (what: string) => `${what}-${Date.now().toString(36)}-${(seq++).toString(36)}`;
const mobile = () =>
  `1370${String(Date.now() % 1_000_000).padStart(6, '0')}${(seq++ % 10).toString()}`.slice(0, 11);

function raw(services: Services, side: FixtureSide, tier: 'POOLED' | 'SILOED', name: string) {
  const conn =
    tier === 'SILOED'
      ? services.db.connection.useDb(services.db.siloDbName(side.tenantId))
      : services.db.connection;
  if (!conn.db) throw new Error('not connected');
  return conn.db.collection(name);
}

describe.each(['pooled', 'siloed'] as const)('intake through the API (%s tenant)', (which) => {
  const tier = which === 'pooled' ? 'POOLED' : 'SILOED';
  let side: FixtureSide;
  const count = (name: string) =>
    raw(ctx().server.services, side, tier, name).countDocuments({ tenantId: side.tenantId });
  const counts = async () =>
    Promise.all(
      ['customers', 'customer_identities', 'tickets', 'ticket_messages', 'channel_requests'].map(count),
    );
  const messagesOf = async (ticketId: string) => {
    const r = await gql<{
      ticketMessages: { items: { id: string; text: string; author: { kind: string; id: string } }[] };
    }>(
      side.baseUrl,
      'query($id: ID!) { ticketMessages(ticketId: $id) { items { id text author { kind id } } } }',
      { id: ticketId },
      side.adminToken,
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.ticketMessages.items;
  };

  beforeAll(() => {
    side = ctx()[which];
  });

  it('opens a ticket for a new customer, and continues it when the same phone writes again, spelled otherwise', async () => {
    const number = mobile();
    const first = await post(side, {
      messageId: unique('m'),
      customer: {
        mobile: `+86 ${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`,
        name: '王芳',
      },
      text: '我的订单还没到',
      subject: 'Where is my order?',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      ticket: { id: expect.stringMatching(/^tkt_/) as string, status: 'NEW' },
      message: { id: expect.stringMatching(/^msg_/) as string },
      customer: { id: expect.stringMatching(/^cus_/) as string },
    });
    const second = await post(side, {
      messageId: unique('m'),
      customer: { mobile: fullWidth(number) },
      text: '请尽快处理',
    });
    expect(second.status).toBe(201);
    expect(second.body.customer.id).toBe(first.body.customer.id);
    expect(second.body.ticket.id).toBe(first.body.ticket.id);
    expect((await messagesOf(first.body.ticket.id)).map((m) => [m.text, m.author])).toEqual([
      ['我的订单还没到', { kind: 'CUSTOMER', id: first.body.customer.id }],
      ['请尽快处理', { kind: 'CUSTOMER', id: first.body.customer.id }],
    ]);
    const customer = await gql<{ customer: { displayName: string; mobile: string } }>(
      side.baseUrl,
      'query($id: ID!) { customer(id: $id) { displayName mobile } }',
      { id: first.body.customer.id },
      side.adminToken,
    );
    expect(customer.data?.customer).toEqual({
      displayName: '王芳',
      mobile: `${number.slice(0, 3)}****${number.slice(7)}`,
    });
  });

  it('refuses a message while another of the same conversation is being handled (503, Retry-After), and takes it on retry', async () => {
    const number = mobile();
    const first = await post(side, { messageId: unique('m'), customer: { mobile: number }, text: 'first' });
    expect(first.status).toBe(201);
    // Another API process is handling this customer's conversation (it holds the lock).
    const { redis, keys } = ctx().server.services;
    const lock = keys.tenant(side.tenantId, 'tickets', 'lock', `intake:API:${first.body.customer.id}`); // waited on for 15 s
    await redis.set(lock, 'another-process', 'PX', 30_000);
    const before = await counts();
    const messageId = unique('m');
    const res = await fetch(`${side.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${side.apiKey}` },
      body: JSON.stringify({ messageId, customer: { mobile: number }, text: 'second' }),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await res.json()) as Posted['body']).error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await counts()).toEqual(before); // not run without the lock: nothing written
    await redis.del(lock);
    const retried = await post(side, { messageId, customer: { mobile: number }, text: 'second' });
    expect(retried.status).toBe(201);
    expect(retried.body.ticket.id).toBe(first.body.ticket.id);
  }, 60_000);

  it('recognises the customer by its external id first and adds the other identities it brings', async () => {
    const ext = unique('crm');
    const email = `${unique('buyer')}@example.com`;
    const number = mobile();
    const a = await post(side, { messageId: unique('m'), customer: { externalId: ext }, text: 'hi' });
    const b = await post(side, {
      messageId: unique('m'),
      customer: { externalId: ext, email, mobile: number },
      text: 'again',
    });
    expect(b.body.customer.id).toBe(a.body.customer.id);
    const c = await post(side, {
      messageId: unique('m'),
      customer: { email: email.toUpperCase() },
      text: 'by email',
    });
    expect(c.body.customer.id).toBe(a.body.customer.id);
    const r = await gql<{ customer: { identities: { kind: string }[] } }>(
      side.baseUrl,
      'query($id: ID!) { customer(id: $id) { identities { kind } } }',
      { id: a.body.customer.id },
      side.adminToken,
    );
    expect(r.data?.customer.identities.map((i) => i.kind).sort()).toEqual(['EMAIL', 'EXTERNAL_ID', 'MOBILE']);
  });

  it('is idempotent on the brand’s message id: the same message twice (or five at once) is one message', async () => {
    const messageId = unique('m');
    const body = { messageId, customer: { externalId: unique('crm') }, text: 'Charged twice' };
    const first = await post(side, body);
    expect(first.status).toBe(201);
    const again = await post(side, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      created: false,
      message: first.body.message,
      ticket: { id: first.body.ticket.id },
    });
    expect(await messagesOf(first.body.ticket.id)).toHaveLength(1);

    // A retrying client firing the same delivery five times at once (a new customer, too).
    const burstBody = { messageId: unique('m'), customer: { externalId: unique('crm') }, text: 'burst' };
    const burst = await Promise.all([1, 2, 3, 4, 5].map(() => post(side, burstBody)));
    expect(burst.map((b) => b.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(burst.map((b) => b.body.customer.id)).size).toBe(1);
    expect(new Set(burst.map((b) => b.body.message.id)).size).toBe(1);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key for another request', async () => {
    const key = unique('idem');
    const body = { messageId: unique('m'), customer: { externalId: unique('crm') }, text: 'With a key' };
    const first = await post(side, body, { key });
    expect(first.status).toBe(201);
    const replay = await post(side, body, { key });
    expect(replay).toEqual({ status: 200, body: first.body });

    const before = await counts();
    const other = await post(side, { ...body, messageId: unique('m'), text: 'Another request' }, { key });
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await counts()).toEqual(before);
    expect(await messagesOf(first.body.ticket.id)).toHaveLength(1);
  });

  it('answers bad input with a clear 4xx and writes nothing — not even the Idempotency-Key', async () => {
    const before = await counts();
    const ok = { messageId: unique('m'), customer: { externalId: unique('crm') }, text: 'fine' };
    const cases: [unknown, number, string, Record<string, string>?][] = [
      [{ ...ok, customer: { mobile: '+1 415 555 0100' } }, 400, 'CUSTOMER_MOBILE_INVALID'],
      [{ ...ok, customer: { mobile: '12345' } }, 400, 'CUSTOMER_MOBILE_INVALID'],
      [{ ...ok, customer: { email: 'not-an-email' } }, 400, 'CUSTOMER_EMAIL_INVALID'],
      [{ ...ok, customer: { externalId: '13800138000' } }, 400, 'CUSTOMER_EXTERNAL_ID_INVALID'],
      [{ ...ok, customer: { name: 'Nobody' } }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, customer: { externalId: 'x', phone: '13800138000' } }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, text: 'x'.repeat(20_001) }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, text: '   ' }, 400, 'VALIDATION_FAILED'],
      // Control characters are refused at the boundary, before any schema (issue 8).
      [{ ...ok, text: 'nul\u0000byte' }, 400, 'BAD_USER_INPUT'],
      [
        { ...ok, attachments: [{ name: 'x.html', contentType: 'text/html', size: 10 }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { ...ok, attachments: [{ name: 'a.png', contentType: 'image/png', size: 0 }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { ...ok, attachments: [{ name: '../a.png', contentType: 'image/png', size: 5 }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        {
          ...ok,
          attachments: [{ name: 'a.png', contentType: 'image/png', size: 5, url: 'http://169.254.169.254/' }],
        },
        400,
        'VALIDATION_FAILED',
      ],
      [{ ...ok, messageId: 'has space' }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, tenantId: 'tn_AAAAAAAAAAAAAAAAAAAA' }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, messageId: { $ne: null } }, 400, 'VALIDATION_FAILED'],
      [
        {
          ...ok,
          attachments: [
            {
              name: 'big.pdf',
              contentType: 'application/pdf',
              size: 10,
              url: `https://x.test/${'a'.repeat(1990)}`,
            },
          ],
          text: 'y'.repeat(19_000),
          subject: 'z'.repeat(250),
          padding: 'p'.repeat(120_000),
        },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ];
    for (const [body, status, code] of cases) {
      const r = await post(side, body, { key: unique('idem-bad') });
      expect([JSON.stringify(body).slice(0, 80), r.status, r.body.error?.code]).toEqual([
        JSON.stringify(body).slice(0, 80),
        status,
        code,
      ]);
    }
    const badKey = await post(side, ok, { key: 'has space' });
    expect([badKey.status, badKey.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const notJson = await post(side, null, { raw: '{"messageId": ' });
    expect([notJson.status, notJson.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const mobileError = await post(side, { ...ok, customer: { mobile: '+1 415 555 0100' } });
    expect(mobileError.body.error).toMatchObject({ details: { field: 'MOBILE', reason: 'NOT_MAINLAND' } });
    expect(JSON.stringify(mobileError.body)).not.toContain('415');
    expect(await counts()).toEqual(before);

    // A key used by a refused request is still free for the corrected one.
    const key = unique('idem');
    expect((await post(side, { ...ok, customer: { mobile: '12345' } }, { key })).status).toBe(400);
    expect((await post(side, ok, { key })).status).toBe(201);
  });

  it('takes messages only from API keys with MESSAGES_WRITE', async () => {
    const body = { messageId: unique('m'), customer: { externalId: unique('crm') }, text: 'x' };
    const reader = await createApiKey(side.baseUrl, side.adminToken, ['CUSTOMERS_READ', 'TICKETS_WRITE']);
    expect((await post(side, body, { token: reader.secret })).status).toBe(403);
    expect((await post(side, body, { token: side.adminToken })).status).toBe(403);
    expect((await post(side, body, { token: 'tdk_live_nonsense' })).status).toBe(401);
  });
});
