import { randomBytes } from 'node:crypto';

const MAX_NAME = 63; // PostgreSQL identifiers and FerretDB database names

/** Lower-case letters, digits and `_` only, never empty. */
export function sanitizeName(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return cleaned.length > 0 ? cleaned : 'db';
}

export function randomSuffix(bytes = 4): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * A database name no other test suite or run uses: `<prefix>_<time><random>`, valid for MongoDB,
 * FerretDB (PostgreSQL schema names) and at most 63 characters.
 */
export function freshDatabaseName(prefix = 'test'): string {
  const suffix = `${Date.now().toString(36)}${randomSuffix(3)}`;
  const head = sanitizeName(prefix).slice(0, MAX_NAME - suffix.length - 1);
  return `${head}_${suffix}`;
}
