import { z } from 'zod';
import { PlatformError } from '../../platform/errors.js';
import type { PagePosition } from './repository.js';

const positionSchema = z.union([
  z.object({ o: z.literal('R'), t: z.number().int(), id: z.string().max(40) }).strict(),
  z.object({ o: z.literal('N'), k: z.string().max(400), id: z.string().max(40) }).strict(),
]);

/** An opaque cursor: where the next page starts (after this sort value and id). */
export function encodePosition(p: PagePosition): string {
  const raw = p.order === 'RECENT' ? { o: 'R', t: p.at.getTime(), id: p.id } : { o: 'N', k: p.key, id: p.id };
  return Buffer.from(JSON.stringify(raw), 'utf8').toString('base64url');
}

export function decodePosition(cursor: string, order: PagePosition['order']): PagePosition {
  const bad = () =>
    new PlatformError('VALIDATION_FAILED', 'This cursor is not valid for this list', {
      issues: [{ path: 'after', message: 'Use the endCursor of a page of the same search' }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const r = positionSchema.safeParse(parsed);
  if (!r.success) throw bad();
  const d = r.data;
  if (d.o === 'R' && order === 'RECENT') return { order, at: new Date(d.t), id: d.id };
  if (d.o === 'N' && order === 'NAME') return { order, key: d.k, id: d.id };
  throw bad();
}
