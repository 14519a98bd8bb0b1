import { isDuplicateKeyError, type Database } from '../../platform/db/index.js';
import { TenantDataKeyModel, type TenantDataKeyRecord } from './model.js';

export type KeySummary = Pick<TenantDataKeyRecord, '_id' | 'version' | 'sealer' | 'createdAt'>;

/** The only code that touches TenantDataKey; the tenancy plugin scopes every call to the context's tenant. */
export class KeyringRepository {
  constructor(private readonly db: Database) {}

  /** The newest key of the tenant, or null. */
  current(): Promise<TenantDataKeyRecord | null> {
    return this.db.model(TenantDataKeyModel).findOne({}).sort({ version: -1 }).lean<TenantDataKeyRecord>();
  }

  /**
   * Stores the tenant's first key unless one exists, atomically (an upsert on the unique
   * tenantId+version index), and returns the stored one: of two concurrent first uses, both get
   * the winner's key.
   */
  async createFirst(key: Pick<TenantDataKeyRecord, '_id' | 'sealed' | 'sealer' | 'createdAt'>) {
    try {
      const stored = await this.db
        .model(TenantDataKeyModel)
        .findOneAndUpdate(
          { version: 1 },
          {
            $setOnInsert: { _id: key._id, sealed: key.sealed, sealer: key.sealer, createdAt: key.createdAt },
          },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<TenantDataKeyRecord>();
      if (stored) return stored;
    } catch (err) {
      // The other upsert inserted first (FerretDB does not retry an upsert that lost the race).
      if (!isDuplicateKeyError(err)) throw err;
    }
    const winner = await this.current();
    if (!winner) throw new Error('tenant data key vanished right after it was created');
    return winner;
  }

  /** Id, version, sealer and date of every key — never the sealed material. */
  summaries(): Promise<KeySummary[]> {
    return this.db
      .model(TenantDataKeyModel)
      .find({}, { _id: 1, version: 1, sealer: 1, createdAt: 1 })
      .sort({ version: 1 })
      .lean<KeySummary[]>();
  }

  async eraseAll(): Promise<number> {
    return (await this.db.model(TenantDataKeyModel).deleteMany({})).deletedCount;
  }
}
