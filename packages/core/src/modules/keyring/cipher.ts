import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KeyringError } from './errors.js';

export const DATA_KEY_BYTES = 32;

/**
 * The ciphertext format, version 1: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, the last three in
 * base64url — AES-256-GCM, 96-bit random IV, 128-bit tag. The key id says which of the tenant's
 * keys to use, so keys can rotate (new writes under the new key, old values still readable, a
 * re-encryption job moving them over); a new algorithm would be `v2`.
 */
const CIPHERTEXT = /^v1\.(tdk_[0-9A-Za-z]{20})\.([\w-]{16})\.([\w-]{22})\.([\w-]*)$/;

/** Field names are code, not input: a short dotted identifier (`customer.mobile`). */
const FIELD = z.string().regex(/^[a-z][A-Za-z0-9_.-]{0,63}$/);

function fieldName(field: string): string {
  if (!FIELD.safeParse(field).success) throw new Error(`Not a field name: ${JSON.stringify(field)}`);
  return field;
}

/**
 * The keys one tenant data key stands for, derived with HKDF-SHA256 (salt: the tenant id), so the
 * data key itself never encrypts or hashes anything and each use has its own key: one for field
 * encryption, one per field for blind indexes.
 */
export class TenantKeys {
  private readonly encryptionKey: Buffer;
  private readonly indexKeys = new Map<string, Buffer>();

  constructor(
    readonly tenantId: string,
    readonly keyId: string,
    private readonly dataKey: Buffer,
  ) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error('A tenant data key is 32 bytes');
    this.encryptionKey = this.derive('field-encryption');
  }

  private derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.dataKey, this.tenantId, `tandem/v1/${purpose}`, 32));
  }

  /** What a ciphertext is bound to besides its key: the tenant, the key id and the field. */
  private associatedData(field: string): Buffer {
    return Buffer.from(`tandem/field/v1|${this.tenantId}|${this.keyId}|${field}`, 'utf8');
  }

  encrypt(plaintext: string, field: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(this.associatedData(fieldName(field)));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const b64 = (b: Buffer) => b.toString('base64url');
    return `v1.${this.keyId}.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(body)}`;
  }

  /** Throws CIPHERTEXT_INVALID for anything but a ciphertext of this key, tenant and field. */
  decrypt(ciphertext: string, field: string): string {
    const parsed = parseCiphertext(ciphertext);
    if (!parsed || parsed.keyId !== this.keyId) {
      throw new KeyringError('CIPHERTEXT_INVALID', 'Not a ciphertext of this tenant key');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, parsed.iv);
      decipher.setAAD(this.associatedData(fieldName(field)));
      decipher.setAuthTag(parsed.tag);
      return Buffer.concat([decipher.update(parsed.body), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new KeyringError('CIPHERTEXT_INVALID', 'The ciphertext does not authenticate for this field', {
        cause,
      });
    }
  }

  blindIndex(field: string, normalisedValue: string): string {
    const name = fieldName(field);
    let key = this.indexKeys.get(name);
    if (!key) {
      key = this.derive(`blind-index/${name}`);
      this.indexKeys.set(name, key);
    }
    return createHmac('sha256', key).update(normalisedValue, 'utf8').digest('base64url');
  }
}

export interface ParsedCiphertext {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

export function parseCiphertext(ciphertext: string): ParsedCiphertext | null {
  const m = CIPHERTEXT.exec(ciphertext);
  if (!m?.[1] || !m[2] || !m[3] || m[4] === undefined) return null;
  return {
    keyId: m[1],
    iv: Buffer.from(m[2], 'base64url'),
    tag: Buffer.from(m[3], 'base64url'),
    body: Buffer.from(m[4], 'base64url'),
  };
}
