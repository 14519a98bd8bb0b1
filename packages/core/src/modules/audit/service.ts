import { describePrincipal } from '../../platform/auth/principal.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import { requireContext, runAsSystem, withTenant, type TenantRef } from '../../platform/tenancy/context.js';
import { auditIds } from './ids.js';
import { PROVIDER_AUDIT_REF, type AuditRecord } from './model.js';
import type { AuditQuery, AuditRepository } from './repository.js';

const SECRET_KEY = /password|hash|secret|token|sealed|private/i;

/** Snapshots for the audit trail: secrets dropped, dates as ISO strings, nothing else changed. */
export function auditSnapshot(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  const walk = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) {
        if (SECRET_KEY.test(k)) continue;
        out[k === '_id' ? 'id' : k] = walk(inner);
      }
      return out;
    }
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  /** For provider actions about one tenant (onboard, suspend): file the entry under it. */
  tenant?: TenantRef;
}

export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly tenants: TenantDirectory,
  ) {}

  /** Who, what, when, before/after — the actor and tenant come from the context. */
  async record(input: AuditInput): Promise<void> {
    const ctx = requireContext();
    const entry: Omit<AuditRecord, 'tenantId'> = {
      _id: auditIds.next('aud'),
      at: new Date(),
      actor: describePrincipal(ctx.principal),
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      before: auditSnapshot(input.before),
      after: auditSnapshot(input.after),
      requestId: ctx.requestId,
      ip: ctx.clientIp ?? null,
    };
    const target = ctx.tenant ?? input.tenant ?? PROVIDER_AUDIT_REF;
    if (ctx.tenant && ctx.tenant.id === target.id) {
      await this.repo.insert(entry);
      return;
    }
    await runAsSystem('audit.record', () => withTenant(target, () => this.repo.insert(entry)));
  }

  /** Entries of the context's tenant. */
  listForCurrentTenant(q: AuditQuery, page: number, pageSize: number) {
    return this.repo.page(q, page, pageSize);
  }

  /** Provider view: one tenant's entries, provider-level ones (`provider`), or all. */
  async listForProvider(tenantId: string | undefined, q: AuditQuery, page: number, pageSize: number) {
    if (tenantId) {
      const ref = tenantId === PROVIDER_AUDIT_REF.id ? PROVIDER_AUDIT_REF : await this.tenants.get(tenantId);
      if (!ref) return { items: [], total: 0 };
      return runAsSystem('audit.list', () =>
        withTenant({ id: ref.id, tier: ref.tier }, () => this.repo.page(q, page, pageSize)),
      );
    }
    return runAsSystem('audit.list-all', () => this.repo.page(q, page, pageSize), { allTenants: true });
  }
}
