import mongoose from 'mongoose';
import type { CredentialVersions } from '../../platform/auth/versions.js';
import type { Database } from '../../platform/db/index.js';
import {
  TenantExportChunkModel,
  TenantExportModel,
  TenantModel,
  type TenantExportChunkRecord,
  type TenantExportRecord,
  type TenantRecord,
  type TenantStatus,
} from './model.js';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface TenantListQuery {
  search?: string | undefined;
  status?: TenantStatus | undefined;
  tier?: 'POOLED' | 'SILOED' | undefined;
}

/**
 * Tenant records. A change of status or plan bumps the tenant's revocation version after the write:
 * every API process's cached view of the tenant (status, rate) is stale from the next request on,
 * so a suspended tenant's tokens and keys fail at once and a new plan applies at once.
 */
export class TenantsRepository {
  constructor(
    private readonly db: Database,
    private readonly versions: CredentialVersions,
  ) {}

  private get tenants() {
    return this.db.model(TenantModel);
  }

  async create(t: Omit<TenantRecord, 'createdAt' | 'updatedAt'>): Promise<TenantRecord> {
    const doc = await this.tenants.create(t);
    return doc.toObject<TenantRecord>();
  }
  findById(id: string) {
    return this.tenants.findById(id).lean<TenantRecord>();
  }
  findByIds(ids: string[]) {
    return this.tenants.find({ _id: mongoose.trusted({ $in: ids }) }).lean<TenantRecord[]>();
  }
  /** Tenants that still hold data, in id order (for scans over every tenant). */
  pageLive(afterId: string | null, limit: number) {
    const filter: Record<string, unknown> = { status: mongoose.trusted({ $ne: 'OFFBOARDED' }) };
    if (afterId) filter._id = mongoose.trusted({ $gt: afterId });
    return this.tenants.find(filter).sort({ _id: 1 }).limit(limit).lean<TenantRecord[]>();
  }
  findBySlug(slug: string) {
    return this.tenants.findOne({ slug }).lean<TenantRecord>();
  }
  async page(q: TenantListQuery, page: number, pageSize: number) {
    const filter: Record<string, unknown> = {};
    if (q.status) filter.status = q.status;
    if (q.tier) filter.tier = q.tier;
    if (q.search) {
      const rx = new RegExp(escapeRegex(q.search), 'i');
      filter.$or = [{ name: rx }, { slug: rx }];
    }
    const [items, total] = await Promise.all([
      this.tenants
        .find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<TenantRecord[]>(),
      this.tenants.countDocuments(filter),
    ]);
    return { items, total };
  }
  /** Conditional update: only from the expected status, so two admins cannot race a transition. */
  async transition(
    id: string,
    from: TenantStatus[],
    set: Partial<TenantRecord>,
  ): Promise<TenantRecord | null> {
    const after = await this.tenants
      .findOneAndUpdate(
        { _id: id, status: mongoose.trusted({ $in: from }) },
        { $set: set },
        { returnDocument: 'after' },
      )
      .lean<TenantRecord>();
    if (after) await this.versions.bump({ kind: 'tenant', id });
    return after;
  }
  async update(id: string, set: Partial<Pick<TenantRecord, 'plan' | 'name'>>): Promise<TenantRecord | null> {
    const after = await this.tenants
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<TenantRecord>();
    if (after) await this.versions.bump({ kind: 'tenant', id });
    return after;
  }

  async saveExport(meta: Omit<TenantExportRecord, 'createdAt'>, chunks: Buffer[]): Promise<void> {
    // Chunks first, the header last: a crash midway leaves no export that looks complete.
    await this.db
      .model(TenantExportChunkModel)
      .insertMany(chunks.map((data, n) => ({ _id: `${meta._id}:${n}`, exportId: meta._id, n, data })));
    await this.db.model(TenantExportModel).create(meta);
  }
  findExport(id: string) {
    return this.db.model(TenantExportModel).findById(id).lean<TenantExportRecord>();
  }
  async exportChunks(id: string): Promise<Buffer[]> {
    const rows = await this.db
      .model(TenantExportChunkModel)
      .find({ exportId: id })
      .sort({ n: 1 })
      .lean<TenantExportChunkRecord[]>();
    // Lean documents carry BSON Binary values, not Buffers.
    return rows.map((r) =>
      Buffer.isBuffer(r.data) ? r.data : Buffer.from((r.data as unknown as { buffer: Uint8Array }).buffer),
    );
  }
}
