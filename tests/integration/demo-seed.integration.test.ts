// The demo workspace seeded by `npm run dev`: customers with masked PII and tickets in several
// states (assigned, with an internal note, solved with CSAT), written through the real services;
// a second run finds everything again and writes nothing twice.
import { describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../../packages/core/src/demo-data.js';
import { gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';
import { inviteMember, viewer } from '../support/people.js';

const ctx = useModuleTest('demo_seed');

interface Ticket {
  id: string;
  subject: string;
  status: string;
  priority: string;
  assigneeId: string | null;
  customerId: string;
  csat: { score: number | null } | null;
}

describe('the demo workspace seed', () => {
  it('creates customers and tickets in several states, once', async () => {
    const { server, pooled, baseUrl } = ctx();
    const admin = await viewer(baseUrl, pooled.adminToken);
    const adminId = admin.data?.viewer.user.id ?? '';
    const agent = await inviteMember(baseUrl, pooled.adminToken, 'AGENT', { name: 'Demo Agent' });
    const tenant = { id: pooled.tenantId, tier: 'POOLED' as const };
    const people = {
      admin: { userId: adminId, email: pooled.adminEmail },
      agent: { userId: agent.userId, email: agent.email },
    };

    const started = Date.now();
    const first = await seedDemoWorkspace(server.services, tenant, people);
    expect(first).toEqual({ customers: 4, ticketsCreated: 8 });
    expect(Date.now() - started).toBeLessThan(20_000);

    const list = async () =>
      (
        await gql<{ tickets: { items: Ticket[] } }>(
          baseUrl,
          '{ tickets(first: 100) { items { id subject status priority assigneeId customerId csat { score } } } }',
          {},
          pooled.adminToken,
        )
      ).data?.tickets.items ?? [];
    const tickets = await list();
    expect(tickets).toHaveLength(8);
    const statuses = tickets.map((t) => t.status).sort();
    expect(statuses).toEqual(['NEW', 'NEW', 'ON_HOLD', 'OPEN', 'OPEN', 'PENDING', 'SOLVED', 'SOLVED']);
    expect(new Set(tickets.map((t) => t.priority))).toEqual(new Set(['LOW', 'NORMAL', 'HIGH', 'URGENT']));
    expect(tickets.some((t) => t.assigneeId === agent.userId)).toBe(true);
    expect(tickets.some((t) => t.assigneeId === adminId)).toBe(true);
    expect(
      tickets
        .filter((t) => t.status === 'SOLVED')
        .map((t) => t.csat?.score)
        .sort(),
    ).toEqual([3, 5]);
    expect(new Set(tickets.map((t) => t.customerId)).size).toBe(4);

    // An internal note is on the transfer ticket; the customer's mobile number is shown masked.
    const transfer = tickets.find((t) => t.subject.includes('转账'));
    const messages = await gql<{ ticketMessages: { items: { kind: string }[] } }>(
      baseUrl,
      'query($id: ID!) { ticketMessages(ticketId: $id) { items { kind } } }',
      { id: transfer?.id },
      pooled.adminToken,
    );
    expect(messages.data?.ticketMessages.items.map((m) => m.kind)).toContain('NOTE');
    const customer = await gql<{
      customer: { displayName: string; identities: { kind: string; value: string }[] };
    }>(
      baseUrl,
      'query($id: ID!) { customer(id: $id) { displayName identities { kind value } } }',
      { id: transfer?.customerId },
      pooled.adminToken,
    );
    const text = JSON.stringify(customer.data);
    expect(customer.data?.customer.displayName).toBe('韩梅梅');
    expect(text).not.toContain('13912345678');
    expect(text).toMatch(/\*{2,}/);

    // Re-run: nothing new, nothing twice.
    const again = await seedDemoWorkspace(server.services, tenant, people);
    expect(again).toEqual({ customers: 4, ticketsCreated: 0 });
    expect((await list()).map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
  }, 60_000);
});
