import { randomBytes } from 'node:crypto';
import { z } from 'zod';

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

const ID_BODY = '[0-9A-Za-z]{20}';

/** Any Tandem id: a type prefix, an underscore and 20 base62 characters. */
export const ID_PATTERN = new RegExp(`^[a-z]{2,4}_${ID_BODY}$`);

/** A set of id kinds, each a prefix with the label used in validation messages. */
export interface IdSet<P extends string> {
  readonly labels: Readonly<Record<P, string>>;
  /** A new id of this kind (`usr_…`). */
  next(prefix: P): string;
  /** The zod schema of this kind of id, for every input that carries one. */
  schema(prefix: P): z.ZodString;
  pattern(prefix: P): RegExp;
}

/**
 * Ids are strings with a type prefix (`tn_…`, `usr_…`); Mongo ObjectIds never leave the server.
 * Each module declares its own prefixes with this; a test checks none collide across modules.
 */
export function defineIds<const P extends string>(labels: Record<P, string>): IdSet<P> {
  for (const p of Object.keys(labels)) {
    if (!/^[a-z]{2,4}$/.test(p)) throw new Error(`id prefix "${p}" must be 2–4 lowercase letters`);
  }
  const pattern = (p: P): RegExp => new RegExp(`^${p}_${ID_BODY}$`);
  return {
    labels,
    next: (p) => `${p}_${randomToken(20)}`,
    pattern,
    schema: (p) => z.string().regex(pattern(p), `Not a ${labels[p]} id`),
  };
}

/**
 * Ids the platform itself must read: the tenant and the people in every token, signing keys,
 * request and job ids. Module-owned kinds (memberships, API keys, tickets…) live with their module.
 */
export const platformIds = defineIds({
  tn: 'tenant',
  usr: 'user',
  ses: 'session',
  sk: 'signing key',
  req: 'request',
  evt: 'event',
});

export type PlatformIdPrefix = keyof typeof platformIds.labels;

export function newId(prefix: PlatformIdPrefix): string {
  return platformIds.next(prefix);
}
