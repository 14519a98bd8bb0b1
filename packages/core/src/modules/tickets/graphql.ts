import { z } from 'zod';
import { validatedLater } from '../../platform/control-chars.js';
import { AppError, PlatformError } from '../../platform/errors.js';
import { requestIdempotencyKey } from '../../platform/idempotency.js';
import type { GraphQLContext } from '../../platform/graphql/context.js';
import { resolver, noArgs, type Policy, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import { settingsInput, viewInput } from './admin.js';
import { apiMessageInput, noteInput, replyInput } from './conversation.js';
import { csatAnswer } from './csat.js';
import { SORT_DIRECTIONS, TICKET_SORTS } from './cursor.js';
import { createFieldInput, updateFieldInput } from './custom-fields.js';
import { fieldDto, messageDto, ticketDto, viewDto } from './dto.js';
import { storedFilter, ticketFilter, type StoredFilter } from './filters.js';
import { fieldId, idempotencyKey, ticketId, viewId } from './inputs.js';
import type { TicketMessageRecord, TicketRecord, TicketViewRecord } from './model.js';
import type { TicketsModuleService } from './service.js';
import { bulkUpdateInput, createTicketInput } from './tickets-service.js';
import { ticketPatch } from './ticket-changes.js';

export { ticketsTypeDefs } from './graphql-schema.js';

const AGENT_ROLES = ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'] as const;
const AGENTS: Policy = { tenant: AGENT_ROLES };
const READERS: Policy = { tenant: AGENT_ROLES, apiKey: ['TICKETS_READ'] };
const WRITERS: Policy = { tenant: AGENT_ROLES, apiKey: ['TICKETS_WRITE'] };
const TENANT_ADMIN: Policy = { tenant: ['TENANT_ADMIN'] };

/**
 * Where a call names two tickets, any id-shaped value is accepted and simply not found when it is
 * not a ticket of the caller's tenant (the same answer as for another tenant's ticket).
 */
const anyTicketId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_]+$/, 'Not an id');

export const ticketsTypePolicies: Record<string, TypePolicy> = Object.fromEntries(
  [
    'CustomFieldValue',
    'TicketCsat',
    'Ticket',
    'TicketPage',
    'MessageAuthor',
    'TicketAttachment',
    'TicketMessage',
    'TicketMessagePage',
    'ConversationEntryPayload',
    'CustomFieldFilter',
    'TicketViewFilter',
    'TicketView',
    'CustomFieldOption',
    'CustomFieldDefinition',
    'TicketSettings',
    'BulkTicketResult',
    'BulkUpdateTicketsResult',
  ].map((t) => [t, 'inherit-from-parent' as const]),
);

const includeNotes = (ctx: GraphQLContext) => ctx.principal.kind === 'user';

/**
 * The body of a change to an existing ticket is checked after the ticket is found: a call naming
 * a ticket that is not the caller's answers NOT_FOUND whatever else it carries (as a REST path
 * would), and only then VALIDATION_FAILED for the body.
 */
function parseBody<S extends z.ZodType>(schema: S, value: unknown, path: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new PlatformError('VALIDATION_FAILED', 'Some fields are not valid', {
    issues: r.error.issues.map((i) => ({ path: [path, ...i.path].join('.'), message: i.message })),
  });
}
/** A body validated once its ticket, view or field is found (the boundary still reads its schema). */
const body = validatedLater;

export const ticketsResolvers = ({ service: s }: ModuleRef<TicketsModuleService>): ResolverMap => {
  /** Ticket DTOs with the tenant's custom field types and survey tokens. */
  const tickets = async (list: TicketRecord[]) => {
    const types = new Map((await s.admin.listFields()).map((f) => [f.key, f.type] as const));
    const tenantId = requireTenant().id;
    return list.map((t) => ticketDto(t, types, s.csat.surveyToken(tenantId, t)));
  };
  const one = async (t: TicketRecord) => (await tickets([t]))[0];
  const entry = async (r: { ticket: TicketRecord; message: TicketMessageRecord }) => ({
    message: messageDto(r.message),
    ticket: await one(r.ticket),
  });
  const view = (v: TicketViewRecord) => ({ ...viewDto(v), storedFilter: v.filter });

  return {
    TicketView: {
      async count(parent: { storedFilter: StoredFilter }) {
        try {
          return await s.tickets.count(parent.storedFilter);
        } catch (e) {
          // A view naming a custom field that was deleted since matches nothing.
          if (e instanceof AppError && e.status === 400) return 0;
          throw e;
        }
      },
    },
    Query: {
      tickets: resolver(
        READERS,
        z.object({
          viewId: viewId.nullish(),
          where: ticketFilter.nullish(),
          sort: z.enum(TICKET_SORTS).nullish(),
          direction: z.enum(SORT_DIRECTIONS).nullish(),
          first: z.number().int().min(1).max(100).default(25),
          after: z.string().max(500).nullish(),
        }),
        async (a) => {
          const v = a.viewId ? await s.admin.getView(a.viewId) : null;
          const filters = [v?.filter, a.where ? storedFilter(a.where) : undefined].filter(
            (f): f is StoredFilter => f !== undefined,
          );
          const page = await s.tickets.list(
            filters.length ? filters : [{}],
            a.sort ?? v?.sort ?? 'UPDATED_AT',
            a.direction ?? v?.direction ?? 'DESC',
            a.first,
            a.after,
          );
          return { ...page, items: await tickets(page.items) };
        },
      ),
      ticket: resolver(READERS, z.object({ id: ticketId }), async (a) => one(await s.tickets.get(a.id))),
      ticketByNumber: resolver(READERS, z.object({ number: z.number().int().min(1) }), async (a) =>
        one(await s.tickets.getByNumber(a.number)),
      ),
      ticketMessages: resolver(
        READERS,
        z.object({
          ticketId,
          first: z.number().int().min(1).max(100).default(50),
          after: z.string().max(500).nullish(),
        }),
        async (a, ctx) => {
          const page = await s.conversation.list(a.ticketId, a.first, a.after, includeNotes(ctx));
          return { ...page, items: page.items.map(messageDto) };
        },
      ),
      ticketViews: resolver(READERS, noArgs, async () => (await s.admin.listViews()).map(view)),
      ticketCustomFields: resolver(READERS, noArgs, async () => (await s.admin.listFields()).map(fieldDto)),
      ticketSettings: resolver(READERS, noArgs, () => s.admin.settings()),
    },
    Mutation: {
      createTicket: resolver(
        WRITERS,
        z.object({ input: createTicketInput, idempotencyKey: idempotencyKey.nullish() }),
        async (a, ctx) =>
          one(
            await s.tickets.create(a.input, {
              idempotencyKey: requestIdempotencyKey(ctx.idempotencyKey, a.idempotencyKey),
            }),
          ),
      ),
      updateTicket: resolver(
        WRITERS,
        z.object({ id: ticketId, version: z.number().int().min(1), patch: body(ticketPatch) }),
        async (a) => {
          await s.tickets.get(a.id);
          return one(await s.tickets.update(a.id, a.version, parseBody(ticketPatch, a.patch, 'patch')));
        },
      ),
      replyToTicket: resolver(AGENTS, z.object({ ticketId, input: body(replyInput) }), async (a) => {
        await s.tickets.get(a.ticketId);
        return entry(await s.conversation.reply(a.ticketId, parseBody(replyInput, a.input, 'input')));
      }),
      addMessage: resolver(
        { apiKey: ['TICKETS_WRITE'] },
        z.object({ ticketId, input: body(apiMessageInput) }),
        async (a) => {
          await s.tickets.get(a.ticketId);
          return entry(
            await s.conversation.addApiMessage(a.ticketId, parseBody(apiMessageInput, a.input, 'input')),
          );
        },
      ),
      addTicketNote: resolver(AGENTS, z.object({ ticketId, input: body(noteInput) }), async (a) => {
        await s.tickets.get(a.ticketId);
        return entry(await s.conversation.addNote(a.ticketId, parseBody(noteInput, a.input, 'input')));
      }),
      mergeTickets: resolver(
        AGENTS,
        z.object({
          sourceId: anyTicketId,
          sourceVersion: z.number().int().min(1),
          targetId: anyTicketId,
          targetVersion: z.number().int().min(1),
        }),
        async (a) => one(await s.relations.merge(a.sourceId, a.sourceVersion, a.targetId, a.targetVersion)),
      ),
      linkTickets: resolver(
        AGENTS,
        z.object({ ticketId: anyTicketId, linkedTicketId: anyTicketId }),
        async (a) => one(await s.relations.link(a.ticketId, a.linkedTicketId, true)),
      ),
      unlinkTickets: resolver(
        AGENTS,
        z.object({ ticketId: anyTicketId, linkedTicketId: anyTicketId }),
        async (a) => one(await s.relations.link(a.ticketId, a.linkedTicketId, false)),
      ),
      bulkUpdateTickets: resolver(WRITERS, z.object({ input: bulkUpdateInput }), async (a) => {
        const results = await s.tickets.bulkUpdate(a.input);
        const dtos = await tickets(results.flatMap((r) => (r.ticket ? [r.ticket] : [])));
        const byId = new Map(dtos.map((d) => [d.id, d]));
        return {
          results: results.map((r) => ({ ...r, ticket: byId.get(r.ticketId) ?? null })),
          succeeded: results.filter((r) => r.ok).length,
          failed: results.filter((r) => !r.ok).length,
        };
      }),
      createTicketView: resolver(AGENTS, z.object({ input: viewInput }), async (a) =>
        view(await s.admin.createView(a.input)),
      ),
      updateTicketView: resolver(AGENTS, z.object({ id: viewId, input: body(viewInput) }), async (a) => {
        await s.admin.getView(a.id);
        return view(await s.admin.updateView(a.id, parseBody(viewInput, a.input, 'input')));
      }),
      deleteTicketView: resolver(AGENTS, z.object({ id: viewId }), async (a) => {
        await s.admin.deleteView(a.id);
        return true;
      }),
      createCustomField: resolver(TENANT_ADMIN, z.object({ input: createFieldInput }), async (a) =>
        fieldDto(await s.admin.createField(a.input)),
      ),
      updateCustomField: resolver(
        TENANT_ADMIN,
        z.object({ id: fieldId, input: updateFieldInput }),
        async (a) => fieldDto(await s.admin.updateField(a.id, a.input)),
      ),
      deleteCustomField: resolver(TENANT_ADMIN, z.object({ id: fieldId }), async (a) => {
        await s.admin.deleteField(a.id);
        return true;
      }),
      updateTicketSettings: resolver(TENANT_ADMIN, z.object({ input: settingsInput }), (a) =>
        s.admin.updateSettings(a.input),
      ),
      submitCsat: resolver({ public: true }, csatAnswer, async (a) => {
        await s.csat.submit(a);
        return true;
      }),
    },
  };
};
