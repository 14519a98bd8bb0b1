import { gzipSync } from 'node:zlib';
import type { Principal } from '../../platform/auth/principal.js';
import { isDuplicateKeyError, type Database } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { TenantLifecycle } from '../../platform/module.js';
import { runAsSystem, withTenant, type TenantRef } from '../../platform/tenancy/context.js';
import type { TenantDirectory, TenantSummary } from '../../platform/tenancy/directory.js';
import type { UsageMeter } from '../../platform/usage.js';
import type { AuditService } from '../audit/index.js';
import type { ApiKeyWithSecret, InvitationLink, PeopleServices } from '../identity/index.js';
import { TenantsError } from './errors.js';
import { tenantsIds } from './ids.js';
import type { OnboardInput, PlanInput } from './inputs.js';
import type { TenantRecord } from './model.js';
import type { TenantListQuery, TenantsRepository } from './repository.js';

const EXPORT_CHUNK_BYTES = 4 * 1024 * 1024;

const refOf = (t: TenantRecord): TenantRef => ({ id: t._id, tier: t.tier });

/** Provider-level tenant lifecycle: onboarding, plan, suspension, offboarding. */
export class TenantsService implements TenantDirectory {
  constructor(
    private readonly repo: TenantsRepository,
    private readonly db: Database,
    private readonly identity: Pick<PeopleServices, 'users' | 'invitations' | 'apiKeys'>,
    private readonly audit: AuditService,
    private readonly usage: UsageMeter,
    private readonly lifecycle: TenantLifecycle,
  ) {}

  // TenantDirectory, the port other modules and the platform read tenants through
  async get(id: string): Promise<TenantSummary | null> {
    const t = await runAsSystem('tenants.get', () => this.repo.findById(id));
    return t ? summary(t) : null;
  }
  async getMany(ids: string[]): Promise<TenantSummary[]> {
    if (ids.length === 0) return [];
    return (await runAsSystem('tenants.get-many', () => this.repo.findByIds(ids))).map(summary);
  }
  async pageLive(afterId: string | null, limit: number): Promise<TenantRef[]> {
    const page = await runAsSystem('tenants.page-live', () => this.repo.pageLive(afterId, limit));
    return page.map(refOf);
  }

  async find(id: string): Promise<TenantRecord> {
    const t = await runAsSystem('tenants.find', () => this.repo.findById(id));
    if (!t) throw notFound('Tenant');
    return t;
  }

  list(q: TenantListQuery, page: number, pageSize: number) {
    return runAsSystem('tenants.list', () => this.repo.page(q, page, pageSize));
  }

  async usageOf(t: TenantRecord) {
    if (t.status === 'OFFBOARDED') return { users: 0, apiKeys: 0, requestsToday: 0, rateLimitedToday: 0 };
    const identity = this.identity;
    const [users, apiKeys, today] = await Promise.all([
      runAsSystem('tenants.usage', () => withTenant(refOf(t), () => identity.users.countMembers())),
      runAsSystem('tenants.usage', () => withTenant(refOf(t), () => identity.apiKeys.countActiveApiKeys())),
      this.usage.today(t._id),
    ]);
    return { users, apiKeys, requestsToday: today.requests, rateLimitedToday: today.limited };
  }

  /**
   * Creates the tenant, prepares its database when siloed, invites its first admin and issues a
   * first API key. Steps are ordered so that a failure leaves nothing a user could trip over:
   * the tenant record is written last-but-visible only after its database is ready.
   */
  async onboard(
    actor: Principal,
    input: OnboardInput,
  ): Promise<{ tenant: TenantRecord; invitation: InvitationLink; apiKey: ApiKeyWithSecret }> {
    return runAsSystem('tenants.onboard', async () => {
      if (await this.repo.findBySlug(input.slug)) {
        throw new TenantsError('SLUG_TAKEN', `The slug "${input.slug}" is already in use`);
      }
      const id = newId('tn');
      if (input.tier === 'SILOED') await this.db.syncIndexes({ siloOf: id });
      let tenant: TenantRecord;
      try {
        tenant = await this.repo.create({
          _id: id,
          name: input.name,
          slug: input.slug,
          tier: input.tier,
          status: 'ACTIVE',
          plan: input.plan,
          locale: input.locale,
          timeZone: input.timeZone,
          suspendedAt: null,
          suspendedReason: null,
          offboardedAt: null,
        });
      } catch (e) {
        if (input.tier === 'SILOED') await this.db.dropSilo(id);
        if (isDuplicateKeyError(e))
          throw new TenantsError('SLUG_TAKEN', `The slug "${input.slug}" is already in use`);
        throw e;
      }
      const ref = refOf(tenant);
      await withTenant(ref, () =>
        this.audit.record({ action: 'tenant.onboarded', targetType: 'tenant', targetId: id, after: tenant }),
      );
      const identity = this.identity;
      const invitation = await identity.invitations.inviteToTenant(
        actor,
        {
          email: input.adminEmail,
          name: input.adminName ?? input.adminEmail.split('@')[0] ?? 'Admin',
          role: 'TENANT_ADMIN',
        },
        ref,
      );
      const apiKey = await withTenant(ref, () =>
        identity.apiKeys.createApiKey(actor, 'Default key', ['TENANT_READ']),
      );
      return { tenant, invitation, apiKey };
    });
  }

  async updatePlan(id: string, plan: PlanInput): Promise<TenantRecord> {
    const before = await this.find(id);
    if (before.status === 'OFFBOARDED')
      throw new TenantsError('TENANT_OFFBOARDED', 'This tenant was offboarded');
    const after = await runAsSystem('tenants.plan', () => this.repo.update(id, { plan }));
    if (!after) throw notFound('Tenant');
    await this.recordFor(after, 'tenant.plan_changed', { plan: before.plan }, { plan: after.plan });
    return after;
  }

  /** Suspension signs out every user of the tenant and makes its API keys fail, at once. */
  async suspend(id: string, reason: string): Promise<TenantRecord> {
    const before = await this.find(id);
    const after = await runAsSystem('tenants.suspend', () =>
      this.repo.transition(id, ['ACTIVE'], {
        status: 'SUSPENDED',
        suspendedAt: new Date(),
        suspendedReason: reason,
      }),
    );
    if (!after) {
      if (before.status === 'SUSPENDED') return before;
      throw new TenantsError(
        'TENANT_NOT_ACTIVE',
        `A ${before.status.toLowerCase()} tenant cannot be suspended`,
      );
    }
    await this.lifecycle.tenantSuspended(refOf(after), 'tenant-suspended');
    await this.recordFor(
      after,
      'tenant.suspended',
      { status: before.status },
      { status: after.status, reason },
    );
    return after;
  }

  async resume(id: string): Promise<TenantRecord> {
    const before = await this.find(id);
    const after = await runAsSystem('tenants.resume', () =>
      this.repo.transition(id, ['SUSPENDED'], { status: 'ACTIVE', suspendedAt: null, suspendedReason: null }),
    );
    if (!after) {
      if (before.status === 'ACTIVE') return before;
      throw new TenantsError(
        'TENANT_NOT_ACTIVE',
        `A ${before.status.toLowerCase()} tenant cannot be resumed`,
      );
    }
    await this.lifecycle.tenantResumed(refOf(after));
    await this.recordFor(after, 'tenant.resumed', { status: before.status }, { status: after.status });
    return after;
  }

  async rotateApiKeys(actor: Principal, id: string): Promise<ApiKeyWithSecret[]> {
    const t = await this.find(id);
    if (t.status === 'OFFBOARDED') throw new TenantsError('TENANT_OFFBOARDED', 'This tenant was offboarded');
    return runAsSystem('tenants.rotate-keys', () =>
      withTenant(refOf(t), () => this.identity.apiKeys.rotateApiKeys(actor)),
    );
  }

  /**
   * Export then delete. The tenant is suspended first (no new writes), the export is stored and
   * only then is data deleted; a siloed tenant's database is dropped. The tenant record stays,
   * marked OFFBOARDED, so its slug and audit trail are kept.
   */
  async offboard(actor: Principal, id: string, confirmSlug: string) {
    const t = await this.find(id);
    if (confirmSlug !== t.slug) {
      throw new TenantsError('CONFIRMATION_MISMATCH', 'Type the tenant slug exactly to confirm offboarding');
    }
    if (t.status === 'OFFBOARDED') throw new TenantsError('TENANT_OFFBOARDED', 'This tenant was offboarded');
    if (t.status === 'ACTIVE') await this.suspend(id, 'offboarding');
    const ref = refOf(t);
    const modules = await this.lifecycle.exportTenant(ref);
    const documents =
      1 +
      Object.values(modules).reduce(
        (n, parts) => n + Object.values(parts).reduce((k, d) => k + d.length, 0),
        0,
      );
    // Format 2: the tenant record, then each module's parts (module → part → documents).
    const archive = gzipSync(
      Buffer.from(
        JSON.stringify({ format: 'tandem-tenant-export/2', exportedAt: new Date(), tenant: t, modules }),
      ),
    );
    const chunks: Buffer[] = [];
    for (let i = 0; i < archive.length; i += EXPORT_CHUNK_BYTES)
      chunks.push(archive.subarray(i, i + EXPORT_CHUNK_BYTES));
    const exportId = tenantsIds.next('exp');
    await runAsSystem('tenants.offboard.store', () =>
      this.repo.saveExport(
        {
          _id: exportId,
          tenantId: id,
          tenantSlug: t.slug,
          createdBy: actor.kind === 'user' ? actor.userId : actor.kind,
          documents,
          bytes: archive.length,
          chunks: chunks.length,
        },
        chunks,
      ),
    );
    // Every module erases its data; a siloed tenant's database goes with whatever is left in it.
    await this.lifecycle.eraseTenant(ref);
    if (t.tier === 'SILOED') await this.db.dropSilo(id);
    const after = await runAsSystem('tenants.offboard', () =>
      this.repo.transition(id, ['SUSPENDED', 'ACTIVE'], { status: 'OFFBOARDED', offboardedAt: new Date() }),
    );
    if (!after) throw notFound('Tenant');
    await this.recordFor(
      after,
      'tenant.offboarded',
      { status: t.status },
      { status: 'OFFBOARDED', exportId, documents },
    );
    return { tenant: after, exportId, exportedDocuments: documents };
  }

  async readExport(id: string): Promise<{ filename: string; chunks: Buffer[] }> {
    return runAsSystem('tenants.export-download', async () => {
      const meta = await this.repo.findExport(id);
      if (!meta) throw notFound('Export');
      const chunks = await this.repo.exportChunks(id);
      const owner = await this.repo.findById(meta.tenantId);
      await this.audit.record({
        action: 'tenant.export_downloaded',
        targetType: 'export',
        targetId: id,
        ...(owner ? { tenant: refOf(owner) } : {}),
      });
      return { filename: `${meta.tenantSlug}-${meta.createdAt.toISOString().slice(0, 10)}.json.gz`, chunks };
    });
  }

  private async recordFor(t: TenantRecord, action: string, before: unknown, after: unknown): Promise<void> {
    await runAsSystem('tenants.audit', () =>
      withTenant(refOf(t), () =>
        this.audit.record({ action, targetType: 'tenant', targetId: t._id, before, after }),
      ),
    );
  }
}

function summary(t: TenantRecord): TenantSummary {
  return {
    id: t._id,
    name: t.name,
    slug: t.slug,
    tier: t.tier,
    status: t.status,
    locale: t.locale,
    timeZone: t.timeZone,
    seats: t.plan.seats,
    apiRatePerMinute: t.plan.apiRatePerMinute,
  };
}
