import { Schema } from 'mongoose';
import { defineModel } from '../../../packages/core/src/platform/db/index.js';

export interface NoteRecord {
  _id: string;
  tenantId: string;
  text: string;
  processedAt: Date | null;
  createdAt: Date;
}

const schema = new Schema<NoteRecord>(
  {
    _id: { type: String, required: true },
    text: { type: String, required: true },
    processedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'test_notes' },
);
schema.index({ tenantId: 1, createdAt: -1 });
/** Tenant placement: a siloed tenant's notes live in its own database. */
export const NoteModel = defineModel('TestNote', schema, 'tenant');
