// The cross-tenant fixture: for every module, how to put some of its data into a tenant, and
// what of it must never show up elsewhere (markers) or be reachable by id (ids). The isolation
// probe and the offboarding test use it for every module in src/modules.ts; a module without an
// entry here fails `tests/isolation/fixture-coverage.isolation.test.ts`.
import { gql } from './api.js';

export interface FixtureSide {
  baseUrl: string;
  tenantId: string;
  slug: string;
  adminEmail: string;
  adminToken: string;
  /** An API key of the tenant holding every scope. */
  apiKey: string;
}

export interface FixtureData {
  /** Ids of the tenant's records: the probe puts them in every id position. */
  ids: string[];
  /** Strings that belong to this tenant only: they must never appear in another tenant's answers. */
  markers: string[];
}

export type ModuleFixture = (side: FixtureSide) => Promise<FixtureData>;

async function must<T>(p: Promise<{ data: T | null; errors?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.data) throw new Error(`fixture call failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

export const TENANT_FIXTURES: Record<string, ModuleFixture> = {
  tenants: async (s) => ({ ids: [s.tenantId], markers: [s.tenantId, s.slug] }),

  identity: async (s) => {
    const agentEmail = `agent-${s.slug}@brand.test`;
    await must(
      gql(
        s.baseUrl,
        'mutation($e: String!) { inviteUser(email: $e, name: "Agent", role: AGENT) { url } }',
        { e: agentEmail },
        s.adminToken,
      ),
    );
    const key = await must(
      gql<{ createApiKey: { apiKey: { id: string } } }>(
        s.baseUrl,
        'mutation { createApiKey(name: "fixture", scopes: [USERS_READ]) { apiKey { id } } }',
        {},
        s.adminToken,
      ),
    );
    const users = await must(
      gql<{ users: { items: { id: string }[] } }>(s.baseUrl, '{ users { items { id } } }', {}, s.adminToken),
    );
    return {
      ids: [...users.users.items.map((u) => u.id), key.createApiKey.apiKey.id],
      markers: [s.adminEmail, agentEmail, key.createApiKey.apiKey.id, ...users.users.items.map((u) => u.id)],
    };
  },

  // A subscription and one delivery (a test event: its .invalid host is never looked up).
  webhooks: async (s) => {
    const url = `https://hooks-${s.slug}.example.invalid/tandem`;
    const description = `fixture webhook of ${s.slug}`;
    const created = await must(
      gql<{ createWebhook: { webhook: { id: string } } }>(
        s.baseUrl,
        'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } secret } }',
        { i: { url, description, eventTypes: ['ticket.created', 'customer.created'] } },
        s.adminToken,
      ),
    );
    const id = created.createWebhook.webhook.id;
    const sent = await must(
      gql<{ sendTestWebhook: { id: string } }>(
        s.baseUrl,
        'mutation($id: ID!) { sendTestWebhook(id: $id) { id status } }',
        { id },
        s.adminToken,
      ),
    );
    return { ids: [id, sent.sendTestWebhook.id], markers: [url, description, id, sent.sendTestWebhook.id] };
  },

  // Live updates keep no data of their own (tests/integration/realtime.integration.test.ts).
  realtime: async () => ({ ids: [], markers: [] }),

  // Presence entries expire within seconds and belong to tickets (their ids are the tickets'
  // fixture's); tests/integration/presence.integration.test.ts covers the refusal across tenants.
  presence: async () => ({ ids: [], markers: [] }),

  // Audit entries are written by every action above; they carry the same markers.
  audit: async () => ({ ids: [], markers: [] }),

  // No API creates a tenant data key yet (the customers module's encrypted fields will): nothing
  // to probe. Shredding at offboarding is tested in tests/integration/keyring.integration.test.ts.
  keyring: async () => ({ ids: [], markers: [] }),

  // A customer with a mobile number (it creates the tenant's data key, too). The marker is its id:
  // the raw number must never appear anywhere, in this tenant's answers or another's.
  customers: async (s) => {
    const c = await must(
      gql<{ createCustomer: { id: string } }>(
        s.baseUrl,
        'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }',
        { i: { displayName: `Fixture ${s.slug}`, mobile: '+86 139-0013-9000', tags: ['fixture'] } },
        s.adminToken,
      ),
    );
    return { ids: [c.createCustomer.id], markers: [c.createCustomer.id] };
  },

  // A brand's message through the API channel (with an Idempotency-Key the channel remembers). Its
  // ticket and customer belong to their modules; the brand's message id is this tenant's alone.
  channels: async (s) => {
    const messageId = `fixture-msg-${s.slug}`;
    const res = await fetch(`${s.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${s.apiKey}`,
        'idempotency-key': `fixture-key-${s.slug}`,
      },
      body: JSON.stringify({ messageId, customer: { externalId: `fixture-ext-${s.slug}` }, text: 'Hello' }),
    });
    if (res.status !== 201) throw new Error(`fixture intake failed: ${res.status} ${await res.text()}`);
    return { ids: [], markers: [messageId, `fixture-ext-${s.slug}`] };
  },

  // A ticket with a customer's message and an internal note, a shared view and a custom field: the
  // probe then calls every ticket field with ids of each kind.
  tickets: async (s) => {
    const tag = `${s.slug}-${Math.random().toString(36).slice(2, 8)}`;
    const rand = Math.random().toString(36).slice(2, 10);
    const field = await must(
      gql<{ createCustomField: { id: string } }>(
        s.baseUrl,
        'mutation($i: CreateCustomFieldInput!) { createCustomField(input: $i) { id } }',
        { i: { key: `fx_${rand}`, type: 'TEXT', labelEn: `Fixture field ${tag}`, labelZh: '夹具字段' } },
        s.adminToken,
      ),
    );
    const view = await must(
      gql<{ createTicketView: { id: string } }>(
        s.baseUrl,
        'mutation($i: TicketViewInput!) { createTicketView(input: $i) { id } }',
        { i: { name: `Fixture view ${tag}`, shared: true, filter: { tags: [`fx-${rand}`] } } },
        s.adminToken,
      ),
    );
    // A ticket names a customer of its tenant.
    const customer = await must(
      gql<{ createCustomer: { id: string } }>(
        s.baseUrl,
        'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }',
        { i: { displayName: `Ticket fixture ${tag}` } },
        s.adminToken,
      ),
    );
    const customerId = customer.createCustomer.id;
    const ticket = await must(
      gql<{ createTicket: { id: string } }>(
        s.baseUrl,
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
        {
          i: {
            subject: `Fixture ticket ${tag}`,
            customerId,
            tags: [`fx-${rand}`],
            message: { text: `Fixture message ${tag}`, authorKind: 'CUSTOMER' },
          },
        },
        s.adminToken,
      ),
    );
    await must(
      gql<{ addTicketNote: { message: { id: string } } }>(
        s.baseUrl,
        'mutation($t: ID!, $i: NoteInput!) { addTicketNote(ticketId: $t, input: $i) { message { id } } }',
        { t: ticket.createTicket.id, i: { text: `Fixture note ${tag}` } },
        s.adminToken,
      ),
    );
    return {
      // Root fields take ticket, view and custom field ids (message ids only appear in results).
      ids: [ticket.createTicket.id, view.createTicketView.id, field.createCustomField.id],
      markers: [
        `Fixture ticket ${tag}`,
        `Fixture message ${tag}`,
        `Fixture note ${tag}`,
        `Fixture view ${tag}`,
        `Fixture field ${tag}`,
      ],
    };
  },

  sla: async (s) => {
    const tag = `${s.slug}-${Math.random().toString(36).slice(2, 8)}`;
    const hours = [{ start: '09:00', end: '18:00' }];
    const week = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'].map(
      (weekday) => ({
        weekday,
        hours: weekday === 'SUNDAY' || weekday === 'SATURDAY' ? [] : hours,
      }),
    );
    const cal = await must(
      gql<{ createBusinessCalendar: { id: string; version: number } }>(
        s.baseUrl,
        'mutation($i: BusinessCalendarInput!) { createBusinessCalendar(input: $i) { id version } }',
        { i: { name: `Fixture hours ${tag}`, timeZone: 'Asia/Shanghai', week } },
        s.adminToken,
      ),
    );
    await must(
      gql(
        s.baseUrl,
        'mutation($id: ID!, $v: Int!, $d: [CalendarDateInput!]!) { setCalendarDates(id: $id, version: $v, dates: $d) { id } }',
        {
          id: cal.createBusinessCalendar.id,
          v: cal.createBusinessCalendar.version,
          d: [{ date: '2026-12-24', kind: 'HOLIDAY', name: `Fixture holiday ${tag}` }],
        },
        s.adminToken,
      ),
    );
    return {
      ids: [cal.createBusinessCalendar.id],
      markers: [`Fixture hours ${tag}`, `Fixture holiday ${tag}`],
    };
  },
};
