import mongoose, { type UpdateQuery } from 'mongoose';
import { isDuplicateKeyError, type Database } from '../../platform/db/index.js';
import type { SortDirection, SortKeys } from './cursor.js';
import {
  CustomFieldModel,
  TicketCounterModel,
  TicketMessageModel,
  TicketModel,
  TicketSettingsModel,
  TicketViewModel,
  type CustomFieldRecord,
  type TicketMessageRecord,
  type TicketRecord,
  type TicketSettingsRecord,
  type TicketViewRecord,
} from './model.js';
import { ACTIVE_STATUSES } from './status.js';
import { keysetFilter, sortSpec, type DecodedCursor } from './cursor.js';
import type { Channel } from './inputs.js';

type Filter = Record<string, unknown>;

/** The only code that touches the tickets module's Mongoose models; the tenancy plugin scopes every call. */
export class TicketsRepository {
  constructor(private readonly db: Database) {}

  private get tickets() {
    return this.db.model(TicketModel);
  }
  private get messages() {
    return this.db.model(TicketMessageModel);
  }

  /** The tenant's next ticket number: one atomic `$inc` on its counter document (created on first use). */
  async nextNumber(): Promise<number> {
    const model = this.db.model(TicketCounterModel);
    for (let attempt = 0; ; attempt++) {
      try {
        const c = await model
          .findOneAndUpdate({}, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
          .lean<{ seq: number }>();
        if (c) return c.seq;
      } catch (e) {
        // Two first tickets at once: one upsert wins the unique index, the other retries the $inc.
        if (!isDuplicateKeyError(e) || attempt > 2) throw e;
      }
    }
  }

  async insertTicket(doc: Omit<TicketRecord, 'tenantId'>): Promise<TicketRecord> {
    return (await this.tickets.create(doc)).toObject<TicketRecord>();
  }

  findTicket(id: string) {
    return this.tickets.findOne({ _id: id }).lean<TicketRecord>();
  }

  findTickets(ids: readonly string[]) {
    return this.tickets.find({ _id: $in(ids) }).lean<TicketRecord[]>();
  }

  findTicketByNumber(n: number) {
    return this.tickets.findOne({ number: n }).lean<TicketRecord>();
  }

  findByCreateKey(key: string) {
    return this.tickets.findOne({ createKey: key }).lean<TicketRecord>();
  }

  /** The conditional write of optimistic concurrency: null when `version` is no longer current. */
  updateTicket(id: string, version: number, update: UpdateQuery<TicketRecord>) {
    return this.tickets
      .findOneAndUpdate({ _id: id, version }, update, { returnDocument: 'after' })
      .lean<TicketRecord>();
  }

  /** A write that commutes with any concurrent change (set additions, timestamps). */
  updateTicketAnyVersion(id: string, update: UpdateQuery<TicketRecord>) {
    return this.tickets
      .findOneAndUpdate({ _id: id }, update, { returnDocument: 'after' })
      .lean<TicketRecord>();
  }

  /**
   * Every ticket of a merged customer now names the survivor: one bulk write (served by the
   * `tenantId, customerId, …` index), safe to repeat (a second run matches nothing). The version
   * moves so that an edit made from the old state is a CONFLICT; `updatedAt` does not, so views
   * sorted by activity keep their order.
   */
  async repointCustomer(fromId: string, toId: string): Promise<number> {
    const r = await this.tickets.updateMany(
      { customerId: fromId },
      { $set: { customerId: toId }, $inc: { version: 1 } },
    );
    return r.modifiedCount;
  }

  /** The customer's ticket on a channel that a new message continues (most recently updated first). */
  findContinuableTicket(customerId: string, channel: Channel) {
    return this.tickets
      .findOne({
        customerId,
        channel,
        mergedInto: null,
        status: $in([...ACTIVE_STATUSES, 'SOLVED']),
      })
      .sort({ updatedAt: -1, _id: -1 })
      .lean<TicketRecord>();
  }

  pageTickets(
    filter: Filter,
    keys: SortKeys,
    direction: SortDirection,
    after: DecodedCursor | null,
    limit: number,
  ) {
    const q = after ? { $and: [filter, keysetFilter(keys, direction, after)] } : filter;
    return this.tickets.find(q).sort(sortSpec(keys, direction)).limit(limit).lean<TicketRecord[]>();
  }

  countTickets(filter: Filter) {
    return this.tickets.countDocuments(filter);
  }

  // --- the conversation -------------------------------------------------------------------------

  async insertMessage(doc: Omit<TicketMessageRecord, 'tenantId'>): Promise<TicketMessageRecord> {
    return (await this.messages.create(doc)).toObject<TicketMessageRecord>();
  }

  findMessageByDedupeKey(key: string) {
    return this.messages.findOne({ dedupeKey: key }).lean<TicketMessageRecord>();
  }

  pageMessages(
    ticketIds: readonly string[],
    includeNotes: boolean,
    keys: SortKeys,
    after: DecodedCursor | null,
    limit: number,
  ) {
    const base: Filter = { ticketId: $in(ticketIds) };
    if (!includeNotes) base.kind = 'MESSAGE';
    const q = after ? { $and: [base, keysetFilter(keys, 'ASC', after)] } : base;
    return this.messages.find(q).sort(sortSpec(keys, 'ASC')).limit(limit).lean<TicketMessageRecord[]>();
  }

  // --- views, custom fields, settings ------------------------------------------------------------

  listViews(ownerIds: (string | null)[]) {
    return this.db
      .model(TicketViewModel)
      .find({ ownerId: $in(ownerIds) })
      .sort({ position: 1, createdAt: 1, _id: 1 })
      .lean<TicketViewRecord[]>();
  }
  findView(id: string) {
    return this.db.model(TicketViewModel).findOne({ _id: id }).lean<TicketViewRecord>();
  }
  countViews(ownerId: string | null) {
    return this.db.model(TicketViewModel).countDocuments({ ownerId });
  }
  async insertView(
    doc: Omit<TicketViewRecord, 'tenantId' | 'createdAt' | 'updatedAt'>,
  ): Promise<TicketViewRecord> {
    return (await this.db.model(TicketViewModel).create(doc)).toObject<TicketViewRecord>();
  }
  updateView(id: string, set: Partial<TicketViewRecord>) {
    return this.db
      .model(TicketViewModel)
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<TicketViewRecord>();
  }
  async deleteView(id: string): Promise<boolean> {
    return (await this.db.model(TicketViewModel).deleteOne({ _id: id })).deletedCount === 1;
  }

  listFields() {
    return this.db.model(CustomFieldModel).find({}).sort({ position: 1, key: 1 }).lean<CustomFieldRecord[]>();
  }
  findField(id: string) {
    return this.db.model(CustomFieldModel).findOne({ _id: id }).lean<CustomFieldRecord>();
  }
  countFields() {
    return this.db.model(CustomFieldModel).countDocuments({});
  }
  async insertField(
    doc: Omit<CustomFieldRecord, 'tenantId' | 'createdAt' | 'updatedAt'>,
  ): Promise<CustomFieldRecord> {
    return (await this.db.model(CustomFieldModel).create(doc)).toObject<CustomFieldRecord>();
  }
  updateField(id: string, set: Partial<CustomFieldRecord>) {
    return this.db
      .model(CustomFieldModel)
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<CustomFieldRecord>();
  }
  async deleteField(id: string): Promise<boolean> {
    return (await this.db.model(CustomFieldModel).deleteOne({ _id: id })).deletedCount === 1;
  }

  findSettings() {
    return this.db.model(TicketSettingsModel).findOne({}).lean<TicketSettingsRecord>();
  }
  upsertSettings(set: Omit<TicketSettingsRecord, 'tenantId'>) {
    return this.db
      .model(TicketSettingsModel)
      .findOneAndUpdate({}, { $set: set }, { upsert: true, returnDocument: 'after' })
      .lean<TicketSettingsRecord>();
  }
}

function $in<T>(values: readonly T[]) {
  return mongoose.trusted({ $in: [...values] });
}
