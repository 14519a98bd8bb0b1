import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 string without modulo bias. */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248) out += ALPHABET[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Ids are strings with a type prefix (`tn_…`, `usr_…`); Mongo ObjectIds never leave the server. */
export type IdPrefix = 'tn' | 'usr' | 'mbr' | 'ses' | 'inv' | 'key' | 'aud' | 'exp' | 'sk' | 'req';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(20)}`;
}

export const ID_PATTERN = /^[a-z]{2,3}_[0-9A-Za-z]{20}$/;
