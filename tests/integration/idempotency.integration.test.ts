// `Idempotency-Key` on GraphQL creates, read from the HTTP header like REST `POST /v1/messages`:
// the same key and request give one record (the first answered again, also when sent at once);
// the same key with another request is IDEMPOTENCY_KEY_REUSED and writes nothing.
import { describe, expect, it } from 'vitest';
import { codeOf, gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';

const ctx = useModuleTest('idempotency');

const CREATE_CUSTOMER = 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id displayName } }';
const CREATE_TICKET = 'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id subject } }';
const CUSTOMERS = 'query($s: String) { customers(search: $s, first: 50) { items { id displayName } } }';
const TICKETS = 'query($c: ID) { tickets(where: { customerId: $c }, first: 100) { items { id } } }';

type Who = 'adminToken' | 'apiKey';
const send = <T = Record<string, unknown>>(
  who: Who,
  query: string,
  variables: Record<string, unknown>,
  key?: string,
) => gql<T>(ctx().baseUrl, query, variables, ctx().pooled[who], key ? { 'idempotency-key': key } : {});

describe.each(['adminToken', 'apiKey'] as const)('Idempotency-Key header on GraphQL creates (%s)', (who) => {
  it('createCustomer: the same key and input create one customer; other input is refused', async () => {
    const key = `cus-${who}-${Date.now()}`;
    const name = `Idempotent ${who} ${Date.now()}`;
    const [a, b] = await Promise.all([
      send<{ createCustomer: { id: string } }>(who, CREATE_CUSTOMER, { i: { displayName: name } }, key),
      send<{ createCustomer: { id: string } }>(who, CREATE_CUSTOMER, { i: { displayName: name } }, key),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data?.createCustomer.id).toBe(a.data?.createCustomer.id);
    const again = await send<{ createCustomer: { id: string } }>(
      who,
      CREATE_CUSTOMER,
      { i: { displayName: name } },
      key,
    );
    expect(again.data?.createCustomer.id).toBe(a.data?.createCustomer.id);

    const other = await send(who, CREATE_CUSTOMER, { i: { displayName: `${name} (other)` } }, key);
    expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.status).toBe(200);
    const found = await send<{ customers: { items: { displayName: string }[] } }>('adminToken', CUSTOMERS, {
      s: name,
    });
    expect(found.data?.customers.items.filter((c) => c.displayName === name)).toHaveLength(1);

    // Without a key, each call creates.
    const n1 = await send<{ createCustomer: { id: string } }>(who, CREATE_CUSTOMER, {
      i: { displayName: name },
    });
    const n2 = await send<{ createCustomer: { id: string } }>(who, CREATE_CUSTOMER, {
      i: { displayName: name },
    });
    expect(n1.data?.createCustomer.id).not.toBe(n2.data?.createCustomer.id);
  });

  it('createTicket: the same key and input create one ticket; other input is refused', async () => {
    const customer = await send<{ createCustomer: { id: string } }>(who, CREATE_CUSTOMER, { i: {} });
    const customerId = customer.data?.createCustomer.id;
    const key = `tkt-${who}-${Date.now()}`;
    const input = {
      subject: 'Idempotent ticket',
      customerId,
      message: { text: 'hi', authorKind: 'CUSTOMER' },
    };
    const first = await send<{ createTicket: { id: string } }>(who, CREATE_TICKET, { i: input }, key);
    expect(first.errors).toBeUndefined();
    const second = await send<{ createTicket: { id: string } }>(who, CREATE_TICKET, { i: input }, key);
    expect(second.data?.createTicket.id).toBe(first.data?.createTicket.id);
    const other = await send(who, CREATE_TICKET, { i: { ...input, subject: 'Another request' } }, key);
    expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = await send<{ tickets: { items: { id: string }[] } }>('adminToken', TICKETS, {
      c: customerId,
    });
    expect(list.data?.tickets.items.map((t) => t.id)).toEqual([first.data?.createTicket.id]);
  });
});

describe('a malformed or contradictory key', () => {
  it('is VALIDATION_FAILED and writes nothing', async () => {
    const bad = await send('adminToken', CREATE_CUSTOMER, { i: { displayName: 'Bad key' } }, 'has space');
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    const customer = await send<{ createCustomer: { id: string } }>('adminToken', CREATE_CUSTOMER, { i: {} });
    const both = await gql(
      ctx().baseUrl,
      'mutation($i: CreateTicketInput!, $k: String) { createTicket(input: $i, idempotencyKey: $k) { id } }',
      { i: { subject: 'Two keys', customerId: customer.data?.createCustomer.id }, k: 'key-one' },
      ctx().pooled.adminToken,
      { 'idempotency-key': 'key-two' },
    );
    expect(codeOf(both)).toBe('VALIDATION_FAILED');
    const found = await send<{ customers: { items: unknown[] } }>('adminToken', CUSTOMERS, { s: 'Bad key' });
    expect(found.errors).toBeUndefined();
    expect(found.data?.customers.items).toEqual([]);
  });
});
