import type { Database } from '../../../packages/core/src/platform/db/index.js';
import { NoteModel, type NoteRecord } from './model.js';

/** The only code that touches the Note model; the tenancy plugin scopes every call. */
export class NotesRepository {
  constructor(private readonly db: Database) {}
  async create(n: Pick<NoteRecord, '_id' | 'text'>): Promise<NoteRecord> {
    return (await this.db.model(NoteModel).create({ ...n, processedAt: null })).toObject<NoteRecord>();
  }
  find(id: string) {
    return this.db.model(NoteModel).findById(id).lean<NoteRecord>();
  }
  markProcessed(id: string) {
    return this.db
      .model(NoteModel)
      .updateOne({ _id: id, processedAt: null }, { $set: { processedAt: new Date() } });
  }
}
