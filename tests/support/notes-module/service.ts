import { notFound } from '../../../packages/core/src/platform/errors.js';
import { defineIds } from '../../../packages/core/src/platform/ids.js';
import { NotesError } from './errors.js';
import type { NoteRecord } from './model.js';
import type { NotesRepository } from './repository.js';

export const notesIds = defineIds({ note: 'note' });

export class NotesService {
  constructor(private readonly repo: NotesRepository) {}
  add(text: string): Promise<NoteRecord> {
    if (text.length > 500) throw new NotesError('NOTE_TOO_LONG', 'A note holds at most 500 characters');
    return this.repo.create({ _id: notesIds.next('note'), text });
  }
  async get(id: string): Promise<NoteRecord> {
    const n = await this.repo.find(id);
    if (!n) throw notFound('Note');
    return n;
  }
  /** Idempotent: a second delivery of the same job changes nothing. */
  async process(id: string): Promise<void> {
    await this.repo.markProcessed(id);
  }
}
