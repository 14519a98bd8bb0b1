import mongoose from 'mongoose';
import type { Database } from '../../platform/db/index.js';
import { AuditModel, type AuditRecord } from './model.js';

export interface AuditQuery {
  action?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(entry: Omit<AuditRecord, 'tenantId'>): Promise<void> {
    await this.db.model(AuditModel).create(entry);
  }

  /** Scoped by the tenancy plugin: the context's tenant, or every tenant in an explicit system scope. */
  async page(
    q: AuditQuery,
    page: number,
    pageSize: number,
  ): Promise<{ items: AuditRecord[]; total: number }> {
    const filter: Record<string, unknown> = {};
    if (q.action) filter.action = q.action;
    if (q.actorId) filter['actor.id'] = q.actorId;
    if (q.from || q.to) {
      filter.at = mongoose.trusted({ ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) });
    }
    const model = this.db.model(AuditModel);
    const [items, total] = await Promise.all([
      model
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<AuditRecord[]>(),
      model.countDocuments(filter),
    ]);
    return { items, total };
  }
}
