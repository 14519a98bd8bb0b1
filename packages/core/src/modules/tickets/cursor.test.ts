import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keysetFilter, sortKeys, sortSpec } from './cursor.js';

const doc = {
  _id: 'tkt_AAAAAAAAAAAAAAAAAAAB',
  priorityRank: 3,
  updatedAt: new Date('2026-01-02T03:04:05.678Z'),
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
};

describe('ticket list cursors', () => {
  it('round-trip the last item’s keys, opaquely', () => {
    const keys = sortKeys('PRIORITY');
    const c = encodeCursor('PRIORITY:DESC', keys, doc);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain('tkt_');
    expect(decodeCursor('PRIORITY:DESC', keys, c)).toEqual({ k: [3, doc.updatedAt.getTime()], id: doc._id });
  });

  it('refuse a cursor of another sort, a damaged one and garbage', () => {
    const c = encodeCursor('UPDATED_AT:DESC', sortKeys('UPDATED_AT'), doc);
    const code = (f: () => unknown) => {
      try {
        f();
        return 'none';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(() => decodeCursor('CREATED_AT:DESC', sortKeys('CREATED_AT'), c))).toBe('VALIDATION_FAILED');
    expect(code(() => decodeCursor('UPDATED_AT:DESC', sortKeys('UPDATED_AT'), c.slice(0, -3)))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(() => decodeCursor('UPDATED_AT:DESC', sortKeys('UPDATED_AT'), '{"$gt":""}'))).toBe(
      'VALIDATION_FAILED',
    );
    const forged = Buffer.from(
      JSON.stringify({ v: 1, s: 'UPDATED_AT:DESC', k: [1], id: { $ne: null } }),
    ).toString('base64url');
    expect(code(() => decodeCursor('UPDATED_AT:DESC', sortKeys('UPDATED_AT'), forged))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('build "strictly after" filters and the matching sort', () => {
    const keys = sortKeys('PRIORITY');
    const f = keysetFilter(keys, 'DESC', { k: [3, 1000], id: 'tkt_AAAAAAAAAAAAAAAAAAAB' }) as {
      $or: Record<string, unknown>[];
    };
    expect(f.$or).toHaveLength(3);
    // The operators are marked trusted for sanitizeFilter (a symbol key), hence toMatchObject.
    expect(f.$or.map((b) => Object.keys(b))).toEqual([
      ['priorityRank'],
      ['priorityRank', 'updatedAt'],
      ['priorityRank', 'updatedAt', '_id'],
    ]);
    expect(f.$or[0]).toMatchObject({ priorityRank: { $lt: 3 } });
    expect(f.$or[1]).toMatchObject({ priorityRank: 3, updatedAt: { $lt: new Date(1000) } });
    expect(f.$or[2]).toMatchObject({
      priorityRank: 3,
      updatedAt: new Date(1000),
      _id: { $lt: 'tkt_AAAAAAAAAAAAAAAAAAAB' },
    });
    expect(sortSpec(keys, 'ASC')).toEqual({ priorityRank: 1, updatedAt: 1, _id: 1 });
  });
});
