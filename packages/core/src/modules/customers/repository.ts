import mongoose, { type UpdateQuery } from 'mongoose';
import type { Database } from '../../platform/db/index.js';
import type { IdentityKind } from './fields.js';
import {
  CustomerIdentityModel,
  CustomerModel,
  CustomerSettingsModel,
  type CustomerIdentityRecord,
  type CustomerRecord,
  type CustomerSettingsRecord,
} from './model.js';

const $in = <T>(values: readonly T[]) => mongoose.trusted({ $in: [...values] });

/** Where a page of customers continues: after this sort value and id. */
export type PagePosition =
  { order: 'RECENT'; at: Date; id: string } | { order: 'NAME'; key: string; id: string };

/** The only code that touches the customers module's models; the tenancy plugin scopes every call. */
export class CustomersRepository {
  constructor(private readonly db: Database) {}

  private get customers() {
    return this.db.model(CustomerModel);
  }
  private get identities() {
    return this.db.model(CustomerIdentityModel);
  }

  async insertCustomer(
    doc: Omit<CustomerRecord, 'tenantId' | 'createdAt' | 'updatedAt'>,
  ): Promise<CustomerRecord> {
    return (await this.customers.create(doc)).toObject<CustomerRecord>();
  }

  findCustomer(id: string) {
    return this.customers.findOne({ _id: id }).lean<CustomerRecord>();
  }

  findCustomers(ids: readonly string[]) {
    return this.customers.find({ _id: $in(ids) }).lean<CustomerRecord[]>();
  }

  /** The conditional write of optimistic concurrency: null when `version` is no longer current (or merged). */
  updateCustomer(id: string, version: number, update: UpdateQuery<CustomerRecord>) {
    return this.customers
      .findOneAndUpdate({ _id: id, version, mergedIntoId: null }, update, { returnDocument: 'after' })
      .lean<CustomerRecord>();
  }

  /** Marks a live customer merged (one conditional write): null when it is merged already or gone. */
  markMerged(id: string, update: UpdateQuery<CustomerRecord>) {
    return this.customers
      .findOneAndUpdate({ _id: id, mergedIntoId: null }, update, { returnDocument: 'after' })
      .lean<CustomerRecord>();
  }

  /** Live customers, newest first or by name, from a position; `namePrefix` is folded and lowercased. */
  page(opts: { namePrefix?: string; after: PagePosition | null; limit: number }) {
    const and: Record<string, unknown>[] = [{ mergedIntoId: null }];
    if (opts.namePrefix !== undefined) {
      and.push({ nameKey: mongoose.trusted({ $regex: `^${escapeRegex(opts.namePrefix)}` }) });
    }
    const a = opts.after;
    if (a?.order === 'RECENT') {
      and.push({
        $or: [
          { createdAt: mongoose.trusted({ $lt: a.at }) },
          { createdAt: a.at, _id: mongoose.trusted({ $lt: a.id }) },
        ],
      });
    } else if (a?.order === 'NAME') {
      and.push({
        $or: [
          { nameKey: mongoose.trusted({ $gt: a.key }) },
          { nameKey: a.key, _id: mongoose.trusted({ $gt: a.id }) },
        ],
      });
    }
    const sort: Record<string, 1 | -1> =
      opts.namePrefix !== undefined ? { nameKey: 1, _id: 1 } : { createdAt: -1, _id: -1 };
    return this.customers.find({ $and: and }).sort(sort).limit(opts.limit).lean<CustomerRecord[]>();
  }

  // --- identities

  /** Claims an identity for a customer; throws a duplicate-key error when it is taken. */
  async insertIdentity(
    doc: Omit<CustomerIdentityRecord, 'tenantId' | 'createdAt'>,
  ): Promise<CustomerIdentityRecord> {
    return (await this.identities.create(doc)).toObject<CustomerIdentityRecord>();
  }

  findIdentity(kind: IdentityKind, blindIndex: string) {
    return this.identities.findOne({ kind, blindIndex }).lean<CustomerIdentityRecord>();
  }

  identitiesOf(customerIds: readonly string[]) {
    return this.identities
      .find({ customerId: $in(customerIds) })
      .sort({ createdAt: 1, _id: 1 })
      .lean<CustomerIdentityRecord[]>();
  }

  /** Gives back identities a failed create had claimed (only while they still point at it). */
  async releaseIdentities(ids: readonly string[], customerId: string): Promise<void> {
    if (ids.length) await this.identities.deleteMany({ _id: $in(ids), customerId });
  }

  async deleteIdentity(id: string, customerId: string): Promise<boolean> {
    return (await this.identities.deleteOne({ _id: id, customerId })).deletedCount === 1;
  }

  /** Merge: every identity of `from` now reaches `to` (idempotent; a resumed merge repeats it). */
  async moveIdentities(from: string, to: string): Promise<number> {
    return (await this.identities.updateMany({ customerId: from }, { $set: { customerId: to } }))
      .modifiedCount;
  }

  async repointIdentity(id: string, from: string, to: string): Promise<void> {
    await this.identities.updateOne({ _id: id, customerId: from }, { $set: { customerId: to } });
  }

  // --- settings

  findSettings() {
    return this.db.model(CustomerSettingsModel).findOne({}).lean<CustomerSettingsRecord>();
  }

  saveSettings(id: string, set: Pick<CustomerSettingsRecord, 'agentRevealFields'>) {
    return this.db
      .model(CustomerSettingsModel)
      .findOneAndUpdate(
        {},
        { $set: { ...set, updatedAt: new Date() }, $setOnInsert: { _id: id } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<CustomerSettingsRecord>();
  }

  // --- offboarding

  allCustomers() {
    return this.customers.find({}).sort({ _id: 1 }).lean<CustomerRecord[]>();
  }

  allIdentities() {
    return this.identities.find({}).sort({ _id: 1 }).lean<CustomerIdentityRecord[]>();
  }

  allSettings() {
    return this.db.model(CustomerSettingsModel).find({}).lean<CustomerSettingsRecord[]>();
  }

  async eraseAll(): Promise<number> {
    const counts = await Promise.all([
      this.identities.deleteMany({}),
      this.customers.deleteMany({}),
      this.db.model(CustomerSettingsModel).deleteMany({}),
    ]);
    return counts.reduce((n, r) => n + r.deletedCount, 0);
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
