import { Schema } from 'mongoose';
import { defineModel } from '../db/index.js';

/** Token-signing keys (ES256). Private halves are sealed with the master key. */
export interface SigningKeyRecord {
  _id: string;
  publicKeyPem: string;
  privateKeySealed: string;
  /** After this, no new token is signed with it; it still verifies until retiresAt. */
  rotatedAt: Date | null;
  retiresAt: Date | null;
  createdAt: Date;
}

const signingKeySchema = new Schema<SigningKeyRecord>(
  {
    _id: { type: String, required: true },
    publicKeyPem: { type: String, required: true },
    privateKeySealed: { type: String, required: true },
    rotatedAt: { type: Date, default: null },
    retiresAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'signing_keys' },
);
signingKeySchema.index({ createdAt: -1 });
export const SigningKeyModel = defineModel('SigningKey', signingKeySchema, 'platform');
