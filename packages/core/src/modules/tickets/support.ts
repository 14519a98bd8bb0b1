import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { describePrincipal } from '../../platform/auth/principal.js';
import { PlatformError } from '../../platform/errors.js';
import type { EventRelay } from '../../platform/events/index.js';
import { randomToken } from '../../platform/ids.js';
import type { RedisKeys } from '../../platform/redis.js';
import { requireContext, requireTenant } from '../../platform/tenancy/context.js';
import type { AuditService } from '../audit/index.js';
import type { FieldDefinition } from './custom-fields.js';
import { DEFAULT_SETTINGS, type TicketRecord, type TicketSettingsRecord } from './model.js';
import type { TicketsRepository } from './repository.js';
import type { PlanEnv } from './ticket-changes.js';

/** Who may be assigned tickets: implemented with the identity module (see index.ts). */
export interface AgentDirectory {
  /** A person with a role in the current tenant whose account is active. */
  isActiveAgent(userId: string): Promise<boolean>;
}

/** Which customers exist: implemented with the customers module (see index.ts). */
export interface CustomerDirectory {
  /**
   * The live customer an id of the current tenant stands for, following merges (a merged
   * customer's id gives its survivor); NOT_FOUND for a missing id or another tenant's.
   */
  liveId(customerId: string): Promise<string>;
}

/** What the tickets services share. */
export interface TicketsDeps {
  repo: TicketsRepository;
  audit: AuditService;
  events: EventRelay;
  agents: AgentDirectory;
  customers: CustomerDirectory;
  redis: Redis;
  keys: RedisKeys;
  /** Signs CSAT survey tokens (derived from the master key). */
  csatKey: Buffer;
}

export type TicketSettings = Omit<TicketSettingsRecord, 'tenantId'>;

export async function loadSettings(repo: TicketsRepository): Promise<TicketSettings> {
  const s = await repo.findSettings();
  return s ? { reopenWindowDays: s.reopenWindowDays, csatEnabled: s.csatEnabled } : { ...DEFAULT_SETTINGS };
}

export async function loadDefs(repo: TicketsRepository): Promise<FieldDefinition[]> {
  return (await repo.listFields()).map((d) => ({
    key: d.key,
    type: d.type,
    options: d.options.map((o) => ({ value: o.value })),
    requiredOnSolve: d.requiredOnSolve,
  }));
}

export async function planEnv(repo: TicketsRepository, now = new Date()): Promise<PlanEnv> {
  const [settings, defs] = await Promise.all([loadSettings(repo), loadDefs(repo)]);
  return { now, defs, ...settings, newNonce: () => randomToken(16) };
}

/** The signed-in agent making the call, or null for API keys and system work. */
export function currentUserId(): string | null {
  const p = requireContext().principal;
  return p.kind === 'user' ? p.userId : null;
}

export function currentActor(): { type: string; id: string } {
  const d = describePrincipal(requireContext().principal);
  return { type: d.type, id: d.id };
}

export function staleVersion(t: Pick<TicketRecord, '_id' | 'version'>): PlatformError {
  return new PlatformError(
    'CONFLICT',
    'This ticket was changed by someone else since you loaded it; reload it and apply your change again',
    { details: { ticketId: t._id, currentVersion: t.version } },
  );
}

/** The audited view of a ticket (outbox and survey secrets left out). */
export function ticketSnapshot(t: TicketRecord): Record<string, unknown> {
  return {
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    tags: t.tags,
    assigneeId: t.assigneeId,
    groupId: t.groupId,
    channel: t.channel,
    customerId: t.customerId,
    customFields: t.customFields,
  };
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Serialises work on one key of the current tenant across API processes (a short Redis lock),
 * e.g. one customer's intake on one channel, so two messages at once do not open two tickets.
 * When the lock stays taken for `waitMs` the work is refused with SERVICE_UNAVAILABLE and
 * Retry-After (nothing written; the sender retries, and the intake is idempotent on its message
 * id) rather than run unlocked, which could open a second ticket.
 */
export async function withTenantLock<T>(
  deps: Pick<TicketsDeps, 'redis' | 'keys'>,
  name: string,
  fn: () => Promise<T>,
  opts: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const key = deps.keys.tenant(requireTenant().id, 'tickets', 'lock', name);
  const token = randomBytes(12).toString('base64url');
  const until = Date.now() + (opts.waitMs ?? 15_000);
  for (;;) {
    if ((await deps.redis.set(key, token, 'PX', opts.ttlMs ?? 30_000, 'NX')) === 'OK') break;
    if (Date.now() >= until) {
      throw new PlatformError(
        'SERVICE_UNAVAILABLE',
        'Another message of this conversation is being handled; retry',
        {
          retryAfterSeconds: 1,
          details: { reason: 'BUSY' },
        },
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  try {
    return await fn();
  } finally {
    await deps.redis.eval(RELEASE, 1, key, token);
  }
}
