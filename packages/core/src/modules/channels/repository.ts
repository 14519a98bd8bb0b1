import mongoose from 'mongoose';
import { isDuplicateKeyError, type Database } from '../../platform/db/index.js';
import { channelsIds } from './ids.js';
import { ChannelRequestModel, type ChannelRequestRecord, type IntakeResponse } from './model.js';

/** The only code that touches the channels module's model; the tenancy plugin scopes every call. */
export class ChannelsRepository {
  constructor(private readonly db: Database) {}

  private get requests() {
    return this.db.model(ChannelRequestModel);
  }

  findRequest(key: string) {
    return this.requests.findOne({ key }).lean<ChannelRequestRecord>();
  }

  /** Reserves a key for a request; the existing record when the key is taken. */
  async reserve(key: string, bodyHash: string, ttlMs: number): Promise<ChannelRequestRecord | null> {
    const now = new Date();
    try {
      await this.requests.create({
        _id: channelsIds.next('chr'),
        key,
        bodyHash,
        response: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      });
      return null;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      return this.findRequest(key);
    }
  }

  /** Frees a key whose request was refused (only while it has no answer). */
  async release(key: string, bodyHash: string): Promise<void> {
    await this.requests.deleteOne({ key, bodyHash, response: null });
  }

  async saveResponse(key: string, response: IntakeResponse): Promise<void> {
    await this.requests.updateOne({ key }, { $set: { response } });
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.requests.deleteMany({ expiresAt: mongoose.trusted({ $lt: now }) })).deletedCount;
  }
}
