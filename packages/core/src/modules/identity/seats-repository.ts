import mongoose from 'mongoose';
import { isDuplicateKeyError, type Database } from '../../platform/db/index.js';
import { identityIds } from './ids.js';
import { SeatCounterModel } from './model.js';

/** The current tenant's seat counter: one document, changed only by single conditional updates. */
export class SeatsRepository {
  constructor(private readonly db: Database) {}

  private get counters() {
    return this.db.model(SeatCounterModel);
  }

  /** Takes a seat if fewer than `limit` are used; one atomic update, so racing takers cannot overshoot. */
  async take(limit: number): Promise<boolean> {
    const r = await this.counters.updateOne(
      { used: mongoose.trusted({ $lt: limit }) },
      { $inc: { used: 1 } },
    );
    return r.modifiedCount === 1;
  }

  async exists(): Promise<boolean> {
    return (await this.counters.countDocuments({})) > 0;
  }

  /** Starts the count (first use in this tenant); a concurrent start wins on the unique index. */
  async start(used: number): Promise<void> {
    await this.counters.create({ _id: identityIds.next('seat'), used }).catch((e: unknown) => {
      if (!isDuplicateKeyError(e)) throw e;
    });
  }

  async give(): Promise<void> {
    await this.counters.updateOne({ used: mongoose.trusted({ $gt: 0 }) }, { $inc: { used: -1 } });
  }

  erase() {
    return this.counters.deleteMany({});
  }
}
