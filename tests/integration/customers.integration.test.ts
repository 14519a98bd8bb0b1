// The customers module against real services, for a pooled and a siloed tenant: identities
// de-duplicated across spellings and under concurrency, PII stored only as ciphertext (read from the
// raw collections), masked on every read, an audited reveal that needs the permission, merge with
// tombstones, optimistic concurrency, bad input that writes nothing, the events each change
// publishes, and offboarding: a masked export and crypto-shredded leftovers.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES, startWorkers, tenancy, type Services } from '@tandem/core';
import type { CustomersService } from '../../packages/core/src/modules/customers/index.js';
import { gql, type GqlResult } from '../support/api.js';
import { eventRecorder } from '../support/event-recorder.js';
import { makeSide, useModuleTest } from '../support/module.js';
import { createApiKey, inviteMember } from '../support/people.js';
import type { FixtureSide } from '../support/tenant-fixture.js';

/** Records the customer events the worker delivers, per customer, in Redis. */
const recorder = eventRecorder({
  name: 'customer-event-recorder',
  events: ['customer.created', 'customer.updated', 'customer.merged'],
  keyOf: (data) => data.customerId as string,
});

const ctx = useModuleTest('customers', { modules: [...MODULES, recorder] });
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
beforeAll(async () => {
  workers = await startWorkers(ctx().server.services);
});
afterAll(async () => {
  await workers?.close();
});

const CUSTOMER = `id displayName locale tags notes attributes externalId visitorId email mobile residentId bankCard address
  identities { id kind value } mergedIntoId version`;
const CREATE = `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { ${CUSTOMER} } }`;
const GET = `query($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $p: CustomerPatch!) { updateCustomer(id: $id, version: $v, patch: $p) { ${CUSTOMER} } }`;
const LIST = `query($s: String, $first: Int, $after: String) { customers(search: $s, first: $first, after: $after) { items { id displayName } endCursor hasNextPage } }`;
const MERGE = `mutation($id: ID!, $into: ID!) { mergeCustomers(id: $id, intoId: $into) { ${CUSTOMER} } }`;
const REVEAL = `mutation($id: ID!, $f: CustomerPiiField!, $i: ID) { revealCustomerField(id: $id, field: $f, identityId: $i) { customerId field value } }`;
const SETTINGS = `mutation($f: [CustomerPiiField!]!) { updateCustomerSettings(agentRevealFields: $f) { agentRevealFields } }`;
const AUDIT = `query { auditLog(filter: { action: "customer.pii_revealed" }, pageSize: 100) { items { action targetId actor { id } before after } } }`;

interface Customer {
  id: string;
  displayName: string | null;
  tags: string[];
  notes: string | null;
  attributes: Record<string, unknown>;
  externalId: string | null;
  email: string | null;
  mobile: string | null;
  residentId: string | null;
  bankCard: string | null;
  address: string | null;
  identities: { id: string; kind: string; value: string }[];
  mergedIntoId: string | null;
  version: number;
}

type Call = <T>(q: string, v?: Record<string, unknown>) => Promise<GqlResult<T>>;
const codeOf = (r: GqlResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code;
async function ok<T>(p: Promise<GqlResult<T>>): Promise<T> {
  const r = await p;
  if (!r.data || r.errors) throw new Error(`call failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

// A distinct, valid mobile number per call (the tenants share nothing, the tests share tenants).
let n = 0;
const mobile = () =>
  `1390${String(Date.now() % 1_000_000).padStart(6, '0')}${(n++ % 10).toString()}`.slice(0, 11);
const RESIDENT_ID = '11010519491231002X';
const CARD = '6222021234567890128';

/** The tenant's raw collection, in its own database for a siloed tenant. */
function raw(services: Services, side: FixtureSide, tier: 'POOLED' | 'SILOED', name: string) {
  const conn =
    tier === 'SILOED'
      ? services.db.connection.useDb(services.db.siloDbName(side.tenantId))
      : services.db.connection;
  if (!conn.db) throw new Error('not connected');
  return conn.db.collection(name);
}

async function eventually<T>(read: () => Promise<T>, until: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!until(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

describe.each(['pooled', 'siloed'] as const)('customers (%s tenant)', (which) => {
  const tier = which === 'pooled' ? 'POOLED' : 'SILOED';
  let side: FixtureSide;
  let admin: Call;
  const svc = (): CustomersService => ctx().server.services.modules.customers;
  const inTenant = <T>(fn: () => Promise<T>) =>
    tenancy.runAsSystem('test.customers', () => tenancy.withTenant({ id: side.tenantId, tier }, fn));
  const create = (input: Record<string, unknown>, call: Call = admin) =>
    ok(call<{ createCustomer: Customer }>(CREATE, { i: input })).then((d) => d.createCustomer);
  const get = (id: string, call: Call = admin) =>
    ok(call<{ customer: Customer }>(GET, { id })).then((d) => d.customer);
  const count = async (name: string) =>
    raw(ctx().server.services, side, tier, name).countDocuments({ tenantId: side.tenantId });
  const eventsOf = (customerId: string, want: string[]) =>
    eventually(
      async () =>
        (
          await ctx().server.services.redis.lrange(
            ctx().server.services.keys.tenant(side.tenantId, 'recorded', customerId),
            0,
            -1,
          )
        ).map((s) => JSON.parse(s) as { type: string; data: Record<string, unknown> }),
      (evs) => want.every((w) => evs.some((e) => e.type === w)),
    );

  beforeAll(() => {
    side = ctx()[which];
    admin = ctx().as(side);
  });

  it('finds one customer through every spelling of a mobile number and an email address', async () => {
    const number = mobile();
    const national = `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`;
    const fullWidth = number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const first = await inTenant(() =>
      svc().findOrCreateByIdentity({ kind: 'MOBILE', value: `+86 ${national}`, displayName: '李娜' }),
    );
    expect(first.created).toBe(true);
    expect(first.customer.id).toMatch(/^cus_[0-9A-Za-z]{20}$/);
    for (const spelling of [
      number,
      fullWidth,
      `0086${number}`,
      `(+86) ${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`,
    ]) {
      const again = await inTenant(() => svc().findOrCreateByIdentity({ kind: 'MOBILE', value: spelling }));
      expect(again).toMatchObject({ created: false, customer: { id: first.customer.id } });
    }
    // Through the API: the same number written differently is taken, by that customer.
    const dup = await admin(CREATE, { i: { mobile: fullWidth } });
    expect(codeOf(dup)).toBe('CUSTOMER_IDENTITY_TAKEN');
    expect(dup.errors?.[0]?.extensions).toMatchObject({
      details: { kind: 'MOBILE', customerId: first.customer.id },
    });
    expect(JSON.stringify(dup)).not.toContain(number);

    const email = await create({ displayName: 'Zhang Wei', email: `Zhang.Wei.${which}@Example.COM` });
    const byEmail = await inTenant(() =>
      svc().findOrCreateByIdentity({ kind: 'EMAIL', value: ` zhang.wei.${which}@example.com ` }),
    );
    expect(byEmail).toMatchObject({ created: false, customer: { id: email.id } });
    expect(await eventsOf(first.customer.id, ['customer.created'])).toEqual([
      expect.objectContaining({
        type: 'customer.created',
        data: { customerId: first.customer.id, externalId: null },
      }),
    ]);
  });

  it('creates exactly one customer when twenty first contacts with one number arrive at once', async () => {
    const number = mobile();
    const spellings = [
      number,
      `+86${number}`,
      `+86 ${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`,
      `86${number}`,
    ];
    const before = await count('customers');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inTenant(() => svc().findOrCreateByIdentity({ kind: 'MOBILE', value: spellings[i % 4] ?? number })),
      ),
    );
    expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await count('customers')).toBe(before + 1);
    const customerId = results[0]?.customer.id ?? '';
    expect(
      await raw(ctx().server.services, side, tier, 'customer_identities').countDocuments({
        tenantId: side.tenantId,
        customerId,
      }),
    ).toBe(1);
  });

  it('stores PII only as ciphertext: the raw documents hold none of the digits', async () => {
    const number = mobile();
    const c = await create({
      displayName: 'Wang Fang',
      mobile: `+86 ${number}`,
      email: `wang.fang.${which}@example.com`,
      residentId: RESIDENT_ID.toLowerCase(),
      bankCard: CARD.replace(/(\d{4})/g, '$1 '),
      address: '北京市朝阳区建国路88号院3号楼',
      externalId: `crm-${which}-1`,
    });
    const docs = [
      ...(await raw(ctx().server.services, side, tier, 'customers')
        .find({ _id: c.id as never })
        .toArray()),
      ...(await raw(ctx().server.services, side, tier, 'customer_identities')
        .find({ customerId: c.id })
        .toArray()),
    ];
    expect(docs).toHaveLength(4);
    const text = JSON.stringify(docs);
    for (const secret of [
      number,
      number.slice(3),
      RESIDENT_ID,
      RESIDENT_ID.slice(6, 14),
      CARD,
      CARD.slice(0, 12),
      `wang.fang.${which}`,
      '建国路88号',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toMatch(/"ciphertext":"v1\.tdk_/);
  });

  it('shows PII masked by default, to staff and API keys alike', async () => {
    const number = mobile();
    const c = await create({
      mobile: number,
      email: `masked.${which}@example.com`,
      residentId: RESIDENT_ID,
      bankCard: CARD,
      address: '上海市浦东新区世纪大道100号环球金融中心',
    });
    const expected = {
      mobile: `${number.slice(0, 3)}****${number.slice(7)}`,
      email: 'm***@example.com',
      residentId: '1101**********002X',
      bankCard: `${'*'.repeat(15)}0128`,
      address: '上海市浦东新****',
    };
    expect(c).toMatchObject(expected);
    expect(await get(c.id, ctx().as(side, 'apiKey'))).toMatchObject(expected);
    const list = await ok(
      admin<{ customers: { items: Customer[] } }>(
        `query($s: String) { customers(search: $s) { items { ${CUSTOMER} } } }`,
        { s: number },
      ),
    );
    expect(list.customers.items).toEqual([expect.objectContaining(expected)]);
    expect(JSON.stringify(list)).not.toContain(number);
  });

  it('reveals one field to those allowed, and audits who saw which field — never the value', async () => {
    const number = mobile();
    const c = await create({ mobile: number, residentId: RESIDENT_ID });
    const revealed = await ok(
      admin<{ revealCustomerField: { value: string } }>(REVEAL, { id: c.id, f: 'MOBILE' }),
    );
    expect(revealed.revealCustomerField).toEqual({
      customerId: c.id,
      field: 'MOBILE',
      value: `+86${number}`,
    });
    expect(
      (await ok(admin<{ revealCustomerField: { value: string } }>(REVEAL, { id: c.id, f: 'RESIDENT_ID' })))
        .revealCustomerField.value,
    ).toBe(RESIDENT_ID);

    // Agents: only the fields the tenant admin allows.
    const agent = await inviteMember(side.baseUrl, side.adminToken, 'AGENT');
    const asAgent: Call = (q, v) => gql(side.baseUrl, q, v, agent.accessToken);
    expect(codeOf(await asAgent(REVEAL, { id: c.id, f: 'MOBILE' }))).toBe('FORBIDDEN');
    expect((await get(c.id, asAgent)).mobile).toBe(`${number.slice(0, 3)}****${number.slice(7)}`);
    await ok(admin(SETTINGS, { f: ['MOBILE'] }));
    expect(
      (await ok(asAgent<{ revealCustomerField: { value: string } }>(REVEAL, { id: c.id, f: 'MOBILE' })))
        .revealCustomerField.value,
    ).toBe(`+86${number}`);
    expect(codeOf(await asAgent(REVEAL, { id: c.id, f: 'RESIDENT_ID' }))).toBe('FORBIDDEN');
    expect(codeOf(await asAgent(SETTINGS, { f: ['RESIDENT_ID'] }))).toBe('FORBIDDEN');
    await ok(admin(SETTINGS, { f: [] }));

    // API keys: only with CUSTOMERS_PII_READ.
    const reader = await createApiKey(side.baseUrl, side.adminToken, ['CUSTOMERS_READ']);
    expect(codeOf(await gql(side.baseUrl, REVEAL, { id: c.id, f: 'MOBILE' }, reader.secret))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await ctx().as(side, 'apiKey')(REVEAL, { id: c.id, f: 'MOBILE' }))).toBeUndefined();

    const audit = await ok(
      admin<{
        auditLog: { items: { targetId: string; actor: { id: string }; after: Record<string, unknown> }[] };
      }>(AUDIT),
    );
    const mine = audit.auditLog.items.filter((e) => e.targetId === c.id);
    expect(mine.map((e) => e.after.field).sort()).toEqual(['MOBILE', 'MOBILE', 'MOBILE', 'RESIDENT_ID']);
    expect(mine.some((e) => e.actor.id === agent.userId)).toBe(true);
    const auditText = JSON.stringify(audit);
    expect(auditText).not.toContain(number);
    expect(auditText).not.toContain(RESIDENT_ID);
  });

  it('searches by name prefix (paged), exact email or mobile in any spelling, and external id', async () => {
    const prefix = `Zz${which}${Date.now().toString(36)}`;
    const made: Customer[] = [];
    for (let i = 0; i < 5; i++)
      made.push(await create({ displayName: `${prefix} ${i}`, externalId: `ext-${prefix}-${i}` }));
    const page1 = await ok(
      admin<{ customers: { items: Customer[]; endCursor: string; hasNextPage: boolean } }>(LIST, {
        s: prefix.toLowerCase(),
        first: 3,
      }),
    );
    expect(page1.customers.items.map((c) => c.displayName)).toEqual([0, 1, 2].map((i) => `${prefix} ${i}`));
    expect(page1.customers.hasNextPage).toBe(true);
    const page2 = await ok(
      admin<{ customers: { items: Customer[]; hasNextPage: boolean } }>(LIST, {
        s: prefix,
        first: 3,
        after: page1.customers.endCursor,
      }),
    );
    expect(page2.customers.items.map((c) => c.displayName)).toEqual([3, 4].map((i) => `${prefix} ${i}`));
    expect(page2.customers.hasNextPage).toBe(false);

    const ext = await ok(admin<{ customers: { items: Customer[] } }>(LIST, { s: `ext-${prefix}-3` }));
    expect(ext.customers.items.map((c) => c.id)).toEqual([made[3]?.id]);
    const number = mobile();
    const withPhone = await create({ mobile: number, email: `search.${prefix}@example.com` });
    for (const s of [
      `+86 ${number}`,
      number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      `SEARCH.${prefix}@EXAMPLE.com`,
    ]) {
      expect(
        (await ok(admin<{ customers: { items: Customer[] } }>(LIST, { s }))).customers.items.map((c) => c.id),
      ).toEqual([withPhone.id]);
    }
    expect(
      (await ok(admin<{ customers: { items: Customer[] } }>(LIST, { s: '13000000000' }))).customers.items,
    ).toEqual([]);
  });

  it('updates with optimistic concurrency: a stale version is CONFLICT and writes nothing', async () => {
    const c = await create({ displayName: 'Before', tags: ['New'] });
    const updated = await ok(
      admin<{ updateCustomer: Customer }>(UPDATE, {
        id: c.id,
        v: c.version,
        p: {
          displayName: 'After',
          tags: ['VIP Customer', 'vip-customer'],
          attributes: [
            { key: 'plan', text: 'gold' },
            { key: 'level', number: 3 },
            { key: 'churned', flag: false },
            { key: 'note' },
          ],
          address: '广州市天河区体育西路191号',
        },
      }),
    );
    expect(updated.updateCustomer).toMatchObject({
      displayName: 'After',
      tags: ['vip-customer'],
      attributes: { plan: 'gold', level: 3, churned: false, note: null },
      address: '广州市天****',
      version: c.version + 1,
    });
    const stale = await admin(UPDATE, { id: c.id, v: c.version, p: { displayName: 'Lost' } });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions).toMatchObject({ details: { currentVersion: c.version + 1 } });
    expect(await get(c.id)).toMatchObject({ displayName: 'After', version: c.version + 1 });
    const cleared = await ok(
      admin<{ updateCustomer: Customer }>(UPDATE, { id: c.id, v: c.version + 1, p: { address: null } }),
    );
    expect(cleared.updateCustomer.address).toBeNull();
    const events = await eventsOf(c.id, ['customer.updated']);
    expect(events.find((e) => e.type === 'customer.updated')?.data).toEqual({
      customerId: c.id,
      changed: ['displayName', 'tags', 'attributes', 'address'],
    });
    expect(JSON.stringify(events)).not.toContain('体育西路');
  });

  it('answers bad input with a clear code and writes nothing', async () => {
    const before = [await count('customers'), await count('customer_identities')];
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ mobile: '+1 415 555 0100' }, 'CUSTOMER_MOBILE_INVALID', 'NOT_MAINLAND'],
      [{ mobile: '1380013800' }, 'CUSTOMER_MOBILE_INVALID', 'WRONG_LENGTH'],
      [{ email: 'no-at-sign' }, 'CUSTOMER_EMAIL_INVALID'],
      [
        { email: `ok.${which}.${Date.now()}@example.com`, residentId: '110105194912310021' },
        'CUSTOMER_RESIDENT_ID_INVALID',
        'CHECKSUM_MISMATCH',
      ],
      [{ bankCard: '6222021234567890122' }, 'CUSTOMER_BANK_CARD_INVALID', 'CHECKSUM_MISMATCH'],
      // Control characters are refused at the boundary, before any schema (issue 8).
      [{ address: 'a\u0000b' }, 'BAD_USER_INPUT'],
      [{ address: 'line\nbreak' }, 'BAD_USER_INPUT'],
      [{ externalId: '13800138000' }, 'CUSTOMER_EXTERNAL_ID_INVALID', 'LOOKS_LIKE_PII'],
      [{ displayName: 'a\u0007b' }, 'BAD_USER_INPUT'],
      [{ attributes: [{ key: 'x', text: 'a', number: 1 }] }, 'VALIDATION_FAILED'],
      [
        { attributes: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, flag: true })) },
        'VALIDATION_FAILED',
      ],
    ];
    for (const [input, code, reason] of cases) {
      const r = await admin(CREATE, { i: input });
      expect([JSON.stringify(input).slice(0, 60), codeOf(r)]).toEqual([
        JSON.stringify(input).slice(0, 60),
        code,
      ]);
      if (reason) expect(r.errors?.[0]?.extensions).toMatchObject({ details: { reason } });
    }
    expect([await count('customers'), await count('customer_identities')]).toEqual(before);
    // An identity taken by another customer: nothing of the new one is written either.
    const number = mobile();
    await create({ mobile: number });
    const mid = [await count('customers'), await count('customer_identities')];
    const r = await admin(CREATE, {
      i: { email: `fresh.${which}.${Date.now()}@example.com`, mobile: number },
    });
    expect(codeOf(r)).toBe('CUSTOMER_IDENTITY_TAKEN');
    expect([await count('customers'), await count('customer_identities')]).toEqual(mid);
  });

  it('merges two customers: identities move, the merged one stays as a tombstone that resolves', async () => {
    const number = mobile();
    const source = await create({
      displayName: 'Source',
      mobile: number,
      tags: ['a'],
      residentId: RESIDENT_ID,
    });
    const target = await create({
      displayName: 'Target',
      email: `target.${which}.${Date.now()}@example.com`,
      tags: ['b'],
    });
    const merged = await ok(admin<{ mergeCustomers: Customer }>(MERGE, { id: source.id, into: target.id }));
    expect(merged.mergeCustomers).toMatchObject({
      id: target.id,
      displayName: 'Target',
      tags: ['b', 'a'],
      residentId: '1101**********002X',
      mobile: `${number.slice(0, 3)}****${number.slice(7)}`,
    });
    expect(merged.mergeCustomers.identities.map((i) => i.kind).sort()).toEqual(['EMAIL', 'MOBILE']);
    expect(await get(source.id)).toMatchObject({
      id: source.id,
      mergedIntoId: target.id,
      identities: [],
      residentId: null,
    });
    expect(await inTenant(() => svc().resolveId(source.id))).toBe(target.id);
    expect(
      (await inTenant(() => svc().findOrCreateByIdentity({ kind: 'MOBILE', value: number }))).customer.id,
    ).toBe(target.id);
    expect(
      (
        await ok(
          admin<{ revealCustomerField: { value: string } }>(REVEAL, { id: target.id, f: 'RESIDENT_ID' }),
        )
      ).revealCustomerField.value,
    ).toBe(RESIDENT_ID);
    // Listing leaves tombstones out; changing one is refused; merging it again into the same survivor is a no-op.
    expect(
      (await ok(admin<{ customers: { items: Customer[] } }>(LIST, { s: 'Source' }))).customers.items.map(
        (c) => c.id,
      ),
    ).not.toContain(source.id);
    expect(codeOf(await admin(UPDATE, { id: source.id, v: 2, p: { displayName: 'x' } }))).toBe(
      'CUSTOMER_MERGED',
    );
    expect(codeOf(await admin(MERGE, { id: target.id, into: source.id }))).toBe('CUSTOMER_MERGED');
    expect(codeOf(await admin(MERGE, { id: target.id, into: target.id }))).toBe('CUSTOMER_MERGE_NOT_ALLOWED');
    expect(
      (await ok(admin<{ mergeCustomers: Customer }>(MERGE, { id: source.id, into: target.id })))
        .mergeCustomers.id,
    ).toBe(target.id);
    const events = await eventsOf(source.id, ['customer.merged']);
    expect(events.find((e) => e.type === 'customer.merged')?.data).toEqual({
      customerId: source.id,
      mergedIntoId: target.id,
    });
  });

  it('adds and removes identities; an identity of another customer is refused', async () => {
    const a = await create({ displayName: 'A' });
    const b = await create({ displayName: 'B', visitorId: `v_${which}_${Date.now()}` });
    const number = mobile();
    const added = await ok(
      admin<{ addCustomerIdentity: Customer }>(
        `mutation($id: ID!, $v: String!) { addCustomerIdentity(id: $id, kind: MOBILE, value: $v) { ${CUSTOMER} } }`,
        {
          id: a.id,
          v: number,
        },
      ),
    );
    expect(added.addCustomerIdentity.mobile).toBe(`${number.slice(0, 3)}****${number.slice(7)}`);
    const taken = await admin(
      `mutation($id: ID!, $v: String!) { addCustomerIdentity(id: $id, kind: MOBILE, value: $v) { id } }`,
      { id: b.id, v: `+86${number}` },
    );
    expect(codeOf(taken)).toBe('CUSTOMER_IDENTITY_TAKEN');
    const identityId = added.addCustomerIdentity.identities[0]?.id;
    const removed = await ok(
      admin<{ removeCustomerIdentity: Customer }>(
        `mutation($id: ID!, $i: ID!) { removeCustomerIdentity(id: $id, identityId: $i) { ${CUSTOMER} } }`,
        {
          id: a.id,
          i: identityId,
        },
      ),
    );
    expect(removed.removeCustomerIdentity.identities).toEqual([]);
    expect(
      codeOf(
        await admin(
          `mutation($id: ID!, $i: ID!) { removeCustomerIdentity(id: $id, identityId: $i) { id } }`,
          { id: b.id, i: identityId },
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe.each(['POOLED', 'SILOED'] as const)('offboarding a %s tenant', (tier) => {
  it('exports customers with PII masked, erases them, and leftover ciphertext can never be read', async () => {
    const { baseUrl, provider, server } = ctx();
    const side = await makeSide(baseUrl, provider, tier, [...MODULES, recorder]);
    const number = '13912345678';
    const c = await ok(
      gql<{ createCustomer: Customer }>(
        baseUrl,
        CREATE,
        {
          i: {
            displayName: 'Leaving',
            mobile: number,
            residentId: RESIDENT_ID,
            notes: `call back on ${number}`,
            email: 'leaving@example.com',
          },
        },
        side.adminToken,
      ),
    ).then((d) => d.createCustomer);
    const [doc] = await raw(server.services, side, tier, 'customers')
      .find({ _id: c.id as never })
      .toArray();
    const ciphertext = String((doc?.residentId as { ciphertext: string } | undefined)?.ciphertext);
    expect(ciphertext).toMatch(/^v1\./);

    const r = await gql<{ offboardTenant: { exportId: string } }>(
      baseUrl,
      'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId } }',
      { id: side.tenantId, slug: side.slug },
      provider,
    );
    expect(r.errors).toBeUndefined();
    const dl = await fetch(`${baseUrl}/v1/exports/${r.data?.offboardTenant.exportId ?? ''}`, {
      headers: { authorization: `Bearer ${provider}` },
    });
    const text = gunzipSync(Buffer.from(await dl.arrayBuffer())).toString('utf8');
    const archive = JSON.parse(text) as {
      modules: { customers?: Record<string, Record<string, unknown>[]> };
    };
    expect(archive.modules.customers?.Customer).toEqual([
      expect.objectContaining({
        id: c.id,
        residentId: '1101**********002X',
        notes: 'call back on 139****5678',
      }),
    ]);
    expect(archive.modules.customers?.CustomerIdentity?.map((i) => i.value).sort()).toEqual([
      '139****5678',
      'l***@example.com',
    ]);
    for (const secret of [number, RESIDENT_ID, 'leaving@', ciphertext]) expect(text).not.toContain(secret);

    for (const name of ['customers', 'customer_identities', 'customer_settings']) {
      if (tier === 'POOLED')
        expect(await raw(server.services, side, tier, name).countDocuments({ tenantId: side.tenantId })).toBe(
          0,
        );
    }
    await expect(
      tenancy.runAsSystem('test.customers', () =>
        tenancy.withTenant({ id: side.tenantId, tier }, () =>
          server.services.ports.tenantCrypto.decrypt(ciphertext, 'customer.residentId'),
        ),
      ),
    ).rejects.toMatchObject({ code: 'TENANT_KEY_DESTROYED' });
  });
});
