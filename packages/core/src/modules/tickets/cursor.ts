import mongoose from 'mongoose';
import { z } from 'zod';
import { PlatformError } from '../../platform/errors.js';

/**
 * Opaque keyset cursors. A page is ordered by the sort's keys and then `_id`; the cursor holds the
 * last item's keys, so the next page starts strictly after it whatever was inserted meanwhile (no
 * skip/offset: nothing repeats or goes missing when tickets are added in front).
 */
export const TICKET_SORTS = ['UPDATED_AT', 'CREATED_AT', 'PRIORITY'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export const SORT_DIRECTIONS = ['DESC', 'ASC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

type KeyKind = 'date' | 'number';
const SORT_KEYS: Record<TicketSort, readonly (readonly [string, KeyKind])[]> = {
  UPDATED_AT: [['updatedAt', 'date']],
  CREATED_AT: [['createdAt', 'date']],
  PRIORITY: [
    ['priorityRank', 'number'],
    ['updatedAt', 'date'],
  ],
};

const cursorSchema = z.object({
  v: z.literal(1),
  s: z.string(),
  k: z.array(z.number()),
  id: z.string().regex(/^[a-z]{2,4}_[0-9A-Za-z]{20}$/),
});

/** The keys a page is sorted by, in order (also for conversation pages: `createdAt`). */
export type SortKeys = readonly (readonly [string, KeyKind])[];

export function sortKeys(sort: TicketSort): SortKeys {
  return SORT_KEYS[sort];
}

const asNumber = (v: unknown, kind: KeyKind): number =>
  kind === 'date' ? new Date(v as Date).getTime() : Number(v);

/** The cursor after `doc` (its sort keys and id), tagged with the ordering it belongs to. */
export function encodeCursor(
  tag: string,
  keys: SortKeys,
  doc: Record<string, unknown> & { _id: string },
): string {
  const k = keys.map(([field, kind]) => asNumber(doc[field], kind));
  return Buffer.from(JSON.stringify({ v: 1, s: tag, k, id: doc._id }), 'utf8').toString('base64url');
}

export interface DecodedCursor {
  k: number[];
  id: string;
}

/** Reads a cursor; one of another ordering or a damaged one is a VALIDATION_FAILED on `after`. */
export function decodeCursor(tag: string, keys: SortKeys, cursor: string): DecodedCursor {
  const bad = () =>
    new PlatformError('VALIDATION_FAILED', 'This cursor is not valid for this list', {
      issues: [{ path: 'after', message: 'Use the endCursor of a page of the same list and sort' }],
    });
  if (cursor.length > 500) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const r = cursorSchema.safeParse(parsed);
  if (!r.success || r.data.s !== tag || r.data.k.length !== keys.length) throw bad();
  return { k: r.data.k, id: r.data.id };
}

const valueOf = (n: number, kind: KeyKind): Date | number => (kind === 'date' ? new Date(n) : n);

/**
 * The filter for "strictly after the cursor": for keys k1..kn and id, descending,
 * `k1 < v1 OR (k1 = v1 AND k2 < v2) OR … OR (k1..kn = v1..vn AND _id < id)`.
 */
export function keysetFilter(
  keys: SortKeys,
  direction: SortDirection,
  c: DecodedCursor,
): Record<string, unknown> {
  const op = direction === 'DESC' ? '$lt' : '$gt';
  const fields: [string, Date | number | string][] = [
    ...keys.map(([f, kind], i) => [f, valueOf(c.k[i] ?? 0, kind)] as [string, Date | number]),
    ['_id', c.id],
  ];
  const branches = fields.map((_, i) => {
    const branch: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) {
      const [f, v] = fields[j] as [string, Date | number | string];
      branch[f] = v;
    }
    const [f, v] = fields[i] as [string, Date | number | string];
    branch[f] = mongoose.trusted({ [op]: v });
    return branch;
  });
  return { $or: branches };
}

/** The Mongo sort of an ordering: its keys, then `_id`, all in one direction. */
export function sortSpec(keys: SortKeys, direction: SortDirection): Record<string, 1 | -1> {
  const d = direction === 'DESC' ? -1 : 1;
  return { ...Object.fromEntries(keys.map(([f]) => [f, d])), _id: d };
}
