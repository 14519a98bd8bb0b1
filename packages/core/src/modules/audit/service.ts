import { describePrincipal } from '../../platform/auth/principal.js';
import { newId } from '../../platform/ids.js';
import { requireContext, runAsSystem, withTenant } from '../../platform/tenancy/context.js';
import { PROVIDER_AUDIT_SCOPE, type AuditRecord } from './model.js';
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
  tenantId?: string;
}

export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  /** Who, what, when, before/after — the actor and tenant come from the context. */
  async record(input: AuditInput): Promise<void> {
    const ctx = requireContext();
    const entry: Omit<AuditRecord, 'tenantId'> = {
      _id: newId('aud'),
      at: new Date(),
      actor: describePrincipal(ctx.principal),
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      before: auditSnapshot(input.before),
      after: auditSnapshot(input.after),
      requestId: ctx.requestId,
    };
    const tenantId = ctx.tenant?.id ?? input.tenantId ?? PROVIDER_AUDIT_SCOPE;
    if (ctx.tenant && ctx.tenant.id === tenantId) {
      await this.repo.insert(entry);
      return;
    }
    await runAsSystem('audit.record', () =>
      withTenant({ id: tenantId, tier: 'POOLED' }, () => this.repo.insert(entry)),
    );
  }

  /** Entries of the context's tenant. */
  listForCurrentTenant(q: AuditQuery, page: number, pageSize: number) {
    return this.repo.page(q, page, pageSize);
  }

  /** Provider view: one tenant's entries, provider-level ones (`provider`), or all. */
  listForProvider(tenantId: string | undefined, q: AuditQuery, page: number, pageSize: number) {
    if (tenantId) {
      return runAsSystem('audit.list', () =>
        withTenant({ id: tenantId, tier: 'POOLED' }, () => this.repo.page(q, page, pageSize)),
      );
    }
    return runAsSystem('audit.list-all', () => this.repo.page(q, page, pageSize), { allTenants: true });
  }

  exportTenant(): Promise<AuditRecord[]> {
    return this.repo.exportAll();
  }

  deleteTenant(): Promise<number> {
    return this.repo.deleteAll();
  }
}
