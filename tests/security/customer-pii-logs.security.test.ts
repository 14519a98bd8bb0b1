// Personal data of customers never reaches the logs: after the flows that carry it — profiles
// created with every kind of PII, refused values, searches by phone and email, reveals, changes,
// merges, de-duplication through the service, the intake of brand messages, offboarding — no log
// line holds any of the values in any spelling, and nothing in the log looks like unmasked PII.
import { describe, expect, it, beforeAll } from 'vitest';
import { tenancy } from '@tandem/core';
import { findPii } from '../../packages/core/src/platform/pii/index.js';
import { gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';

const ctx = useModuleTest('sec_customer_pii');

const MOBILE = '13712345678';
const MOBILE_2 = '15987654321';
const RESIDENT_ID = '11010519491231002X';
const CARD = '6222021234567890128';
const EMAIL = 'li.lei.pii@example.com';
const ADDRESS = '杭州市西湖区文三路478号华星时代广场';

const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** Every way the values were written in the flows, and the parts that identify on their own. */
const NEEDLES = [
  MOBILE,
  MOBILE_2,
  `+86 ${MOBILE.slice(0, 3)}-${MOBILE.slice(3, 7)}-${MOBILE.slice(7)}`,
  `${MOBILE.slice(0, 3)}-${MOBILE.slice(3, 7)}-${MOBILE.slice(7)}`,
  `${MOBILE.slice(0, 3)} ${MOBILE.slice(3, 7)} ${MOBILE.slice(7)}`,
  fullWidth(MOBILE),
  RESIDENT_ID,
  RESIDENT_ID.toLowerCase(),
  CARD,
  CARD.replace(/(\d{4})/g, '$1 ').trim(),
  EMAIL,
  'li.lei.pii',
  '文三路478号',
  '1380013800', // a refused (too short) number
];

describe('customer PII never reaches the logs', () => {
  let linesAtStart = 0;

  beforeAll(async () => {
    const { pooled, server } = ctx();
    linesAtStart = server.logLines.length;
    const admin = ctx().as(pooled);
    const apiKey = ctx().as(pooled, 'apiKey');
    const must = async <T>(p: Promise<{ data: T | null; errors?: unknown }>) => {
      const r = await p;
      if (!r.data) throw new Error(`call failed: ${JSON.stringify(r.errors)}`);
      return r.data;
    };

    const created = await must(
      admin<{ createCustomer: { id: string; version: number } }>(
        'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id version } }',
        {
          i: {
            displayName: 'Li Lei',
            mobile: `+86 ${MOBILE.slice(0, 3)}-${MOBILE.slice(3, 7)}-${MOBILE.slice(7)}`,
            email: EMAIL.toUpperCase(),
            residentId: RESIDENT_ID.toLowerCase(),
            bankCard: CARD.replace(/(\d{4})/g, '$1 ').trim(),
            address: ADDRESS,
          },
        },
      ),
    );
    const id = created.createCustomer.id;
    // Refused values (the error path).
    await admin('mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', {
      i: { mobile: '1380013800' },
    });
    await admin('mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', {
      i: { mobile: fullWidth(MOBILE) },
    });
    await admin('mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', {
      i: { externalId: MOBILE },
    });
    // Searches by value.
    for (const s of [MOBILE, fullWidth(MOBILE), EMAIL, 'Li'])
      await apiKey('query($s: String) { customers(search: $s) { items { id mobile } } }', { s });
    // Reveals.
    for (const f of ['MOBILE', 'EMAIL', 'RESIDENT_ID', 'BANK_CARD', 'ADDRESS'])
      await admin(
        'mutation($id: ID!, $f: CustomerPiiField!) { revealCustomerField(id: $id, field: $f) { value } }',
        {
          id,
          f,
        },
      );
    // A change, a second customer merged into the first, de-duplication through the service.
    await admin(
      'mutation($id: ID!, $v: Int!, $p: CustomerPatch!) { updateCustomer(id: $id, version: $v, patch: $p) { id } }',
      {
        id,
        v: created.createCustomer.version,
        p: { notes: `call back on ${MOBILE_2}`, address: `${ADDRESS}2楼` },
      },
    );
    const other = await must(
      admin<{ createCustomer: { id: string } }>(
        'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }',
        {
          i: { mobile: MOBILE_2 },
        },
      ),
    );
    await admin('mutation($id: ID!, $into: ID!) { mergeCustomers(id: $id, intoId: $into) { id } }', {
      id: other.createCustomer.id,
      into: id,
    });
    await tenancy.runAsSystem('test.pii', () =>
      tenancy.withTenant({ id: pooled.tenantId, tier: 'POOLED' }, () =>
        server.services.modules.customers.findOrCreateByIdentity({
          kind: 'MOBILE',
          value: fullWidth(MOBILE),
        }),
      ),
    );
    // The brand's intake (when the channels module is composed).
    await fetch(`${pooled.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pooled.apiKey}` },
      body: JSON.stringify({
        messageId: 'pii-log-1',
        customer: { mobile: fullWidth(MOBILE), email: EMAIL, name: 'Li Lei' },
        text: `我的卡号 ${CARD}，身份证 ${RESIDENT_ID}，手机 ${MOBILE}`,
      }),
    });
    await fetch(`${pooled.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pooled.apiKey}` },
      body: JSON.stringify({
        messageId: 'pii-log-2',
        customer: { mobile: '1380013800' },
        text: 'bad number',
      }),
    });
    // Offboarding another tenant with customers (export and erase).
    const { siloed, baseUrl, provider } = ctx();
    await must(
      gql(
        baseUrl,
        'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }',
        { i: { mobile: MOBILE, residentId: RESIDENT_ID } },
        siloed.adminToken,
      ),
    );
    await must(
      gql(
        baseUrl,
        'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId } }',
        { id: siloed.tenantId, slug: siloed.slug },
        provider,
      ),
    );
  });

  const lines = (): string[] => ctx().server.logLines.slice(linesAtStart);

  it('the flows were logged (the check below has something to look at)', () => {
    expect(lines().filter((l) => l.includes('/graphql')).length).toBeGreaterThanOrEqual(15);
  });

  it('no value in any spelling', () => {
    const found: string[] = [];
    for (const line of lines()) {
      for (const needle of NEEDLES)
        if (line.includes(needle)) found.push(`${needle} in: ${line.slice(0, 200)}`);
    }
    expect(found, found.join('\n')).toEqual([]);
  });

  it('nothing that looks like unmasked PII', () => {
    expect(findPii(`手机 ${MOBILE}`)).not.toEqual([]); // the detector does see a bare number
    const found = lines().flatMap((line) => findPii(line).map((m) => `${m.kind} in: ${line.slice(0, 300)}`));
    expect(found, found.join('\n')).toEqual([]);
  });
});
