// What Tandem's code relies on from the document store, checked against the server this run uses
// (FerretDB 1.24 by default, MongoDB when MONGODB_URI points at one). docs/mongodb-compatibility.md
// explains each block. The last block pins FerretDB 1.24's known gaps: on FerretDB it expects
// the gap (so an upgrade that closes one shows up here), on MongoDB the correct behaviour.
import { MongoServerError, type Collection, type Db } from 'mongodb';
import { Schema, type Connection, type Model } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseName } from '@tandem/services';
import { tandemMongoose, useFreshDatabase } from '../support/database.js';

interface Ticket {
  tenantId: string;
  number: number;
  subject: string;
  status: 'open' | 'pending' | 'closed';
  priority: number;
  tags: string[];
  watchers: { userId: string; role: string }[];
  createdAt: Date;
  version: number;
}

const ticketSchema = new Schema<Ticket>(
  {
    tenantId: { type: String, required: true, immutable: true },
    number: { type: Number, required: true },
    subject: { type: String, required: true },
    status: { type: String, enum: ['open', 'pending', 'closed'], default: 'open' },
    priority: { type: Number, default: 3 },
    tags: { type: [String], default: [] },
    watchers: { type: [{ _id: false, userId: String, role: String }], default: [] },
    createdAt: { type: Date, default: () => new Date() },
    version: { type: Number, default: 0 },
  },
  { versionKey: false },
);
ticketSchema.index({ tenantId: 1, number: 1 }, { unique: true });
ticketSchema.index({ tenantId: 1, status: 1, createdAt: -1 });

interface Counter {
  tenantId: string;
  key: string;
  value: number;
}
const counterSchema = new Schema<Counter>(
  {
    tenantId: { type: String, required: true },
    key: { type: String, required: true },
    value: { type: Number, default: 0 },
  },
  { versionKey: false },
);
counterSchema.index({ tenantId: 1, key: 1 }, { unique: true });

function ticketModel(conn: Connection): Model<Ticket> {
  return conn.models.Ticket
    ? (conn.models.Ticket as Model<Ticket>)
    : conn.model<Ticket>('Ticket', ticketSchema);
}

function counterModel(conn: Connection): Model<Counter> {
  return conn.models.Counter
    ? (conn.models.Counter as Model<Counter>)
    : conn.model<Counter>('Counter', counterSchema);
}

async function seedTickets(Tickets: Model<Ticket>, tenantId: string, count: number): Promise<void> {
  await Tickets.insertMany(
    Array.from({ length: count }, (_, i) => ({
      tenantId,
      number: i + 1,
      subject: `Ticket ${i + 1}`,
      status: (['open', 'pending', 'closed'] as const)[i % 3],
      priority: (i % 5) + 1,
      tags: i % 2 === 0 ? ['billing', 'vip'] : ['shipping'],
      createdAt: new Date(Date.UTC(2025, 0, 1 + i)),
    })),
  );
}

function database(conn: Connection): Db {
  if (!conn.db) throw new Error('not connected');
  return conn.db;
}

async function isFerretDB(db: Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

/** Transactions and change streams need a replica set on MongoDB too (production runs one). */
async function isReplicaSet(db: Db): Promise<boolean> {
  const hello = await db.admin().command({ hello: 1 });
  return typeof hello.setName === 'string';
}

/** Runs `op` and reports its error code instead of throwing. */
async function outcome<T>(
  op: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; code: number | string | undefined; message: string }> {
  try {
    return { ok: true, value: await op() };
  } catch (error) {
    if (error instanceof MongoServerError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: undefined, message: error instanceof Error ? error.message : String(error) };
  }
}

const NOT_IMPLEMENTED = 238;

/** Documents of the raw collection the gap checks use. */
interface Item {
  k: number;
  st: string;
  n: number;
  m: number;
  list: { x: number; y: string }[];
  nums: number[];
  capped?: number[];
  piped?: boolean;
  seen?: boolean;
}

/**
 * With sanitizeFilter (Tandem's setting) every operator object in a filter is wrapped in $eq unless
 * marked trusted: code states its operators explicitly, user input never becomes one.
 */
const op = <T>(operators: T): T => tandemMongoose().trusted(operators);

describe('indexes and duplicate keys', () => {
  const db = useFreshDatabase('compat_indexes');

  it('enforces a unique compound index with E11000 (code 11000), per tenant', async () => {
    const Tickets = ticketModel(db.connection());
    await Tickets.createIndexes();
    await Tickets.create({ tenantId: 't1', number: 1, subject: 'first' });
    await Tickets.create({ tenantId: 't2', number: 1, subject: 'same number, other tenant' });

    const duplicate = await outcome(() =>
      Tickets.create({ tenantId: 't1', number: 1, subject: 'duplicate' }),
    );
    expect(duplicate.ok).toBe(false);
    if (duplicate.ok) return;
    expect(duplicate.code).toBe(11000);
    expect(duplicate.message).toContain('E11000');
    expect(await Tickets.countDocuments({ tenantId: 't1' })).toBe(1);

    const indexes = await Tickets.collection.listIndexes().toArray();
    const compound = indexes.find((index) => index.key.tenantId === 1 && index.key.number === 1);
    expect(compound?.unique).toBe(true);
  });
});

describe('queries', () => {
  const db = useFreshDatabase('compat_queries');
  let Tickets: Model<Ticket>;

  beforeAll(async () => {
    Tickets = ticketModel(db.connection());
    await Tickets.createIndexes();
    await seedTickets(Tickets, 't1', 30);
    await seedTickets(Tickets, 't2', 5);
  });

  it('finds with sort, skip, limit and projection', async () => {
    const page = await Tickets.find({ tenantId: 't1', status: 'open' }, { number: 1, subject: 1, _id: 0 })
      .sort({ createdAt: -1 })
      .skip(2)
      .limit(3)
      .lean();
    // open tickets are numbers 1, 4, 7, …, 28; newest first: 28, 25, 22, 19, …
    expect(page).toEqual([
      { number: 22, subject: 'Ticket 22' },
      { number: 19, subject: 'Ticket 19' },
      { number: 16, subject: 'Ticket 16' },
    ]);
  });

  it('sorts on two keys', async () => {
    const rows = await Tickets.find(
      { tenantId: 't1', number: op({ $lte: 6 }) },
      { number: 1, priority: 1, _id: 0 },
    )
      .sort({ priority: -1, number: 1 })
      .lean();
    expect(rows.map((r) => r.number)).toEqual([5, 4, 3, 2, 1, 6]);
  });

  it('counts and finds distinct values within a tenant', async () => {
    expect(await Tickets.countDocuments({ tenantId: 't1', status: op({ $in: ['open', 'pending'] }) })).toBe(
      20,
    );
    expect((await Tickets.distinct('status', { tenantId: 't2' })).sort()).toEqual([
      'closed',
      'open',
      'pending',
    ]);
    expect((await Tickets.distinct('tags', { tenantId: 't1' })).sort()).toEqual([
      'billing',
      'shipping',
      'vip',
    ]);
  });

  it('queries dates by range and returns them as the same instants', async () => {
    const from = new Date(Date.UTC(2025, 0, 10));
    const to = new Date(Date.UTC(2025, 0, 13));
    const rows = await Tickets.find(
      { tenantId: 't1', createdAt: op({ $gte: from, $lt: to }) },
      { number: 1, createdAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean();
    expect(rows.map((r) => r.number)).toEqual([10, 11, 12]);
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
    expect(rows[0]?.createdAt.getTime()).toBe(from.getTime());
  });

  it('matches anchored, escaped regex prefixes', async () => {
    await Tickets.create({ tenantId: 't1', number: 100, subject: 'Re: [urgent] refund (order 7)' });
    await Tickets.create({ tenantId: 't1', number: 101, subject: 'Re: [urgent]x' });
    const userPrefix = 'Re: [urgent] refund (';
    const escaped = userPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const rows = await Tickets.find(
      { tenantId: 't1', subject: op({ $regex: `^${escaped}` }) },
      { number: 1 },
    ).lean();
    expect(rows.map((r) => r.number)).toEqual([100]);
    const insensitive = await Tickets.countDocuments({
      tenantId: 't1',
      subject: op({ $regex: '^re: \\[URGENT\\]', $options: 'i' }),
    });
    expect(insensitive).toBe(2);
  });

  it('queries arrays: membership, $all, $size, and $elemMatch over scalars', async () => {
    expect(await Tickets.countDocuments({ tenantId: 't1', tags: 'vip' })).toBe(15);
    expect(await Tickets.countDocuments({ tenantId: 't1', tags: op({ $all: ['billing', 'vip'] }) })).toBe(15);
    expect(await Tickets.countDocuments({ tenantId: 't2', tags: op({ $size: 1 }) })).toBe(2);
    await Tickets.create({ tenantId: 't3', number: 1, subject: 'scores', tags: ['a1', 'b2', 'c3'] });
    expect(
      await Tickets.countDocuments({ tenantId: 't3', tags: op({ $elemMatch: { $gte: 'b', $lt: 'c' } }) }),
    ).toBe(1);
    expect(await Tickets.countDocuments({ tenantId: 't3', tags: op({ $elemMatch: { $gte: 'x' } }) })).toBe(0);
  });

  it('queries fields of array elements with dot notation (not $elemMatch on sub-documents)', async () => {
    await Tickets.create({
      tenantId: 't4',
      number: 1,
      subject: 'watched',
      watchers: [
        { userId: 'u1', role: 'agent' },
        { userId: 'u2', role: 'supervisor' },
      ],
    });
    expect(await Tickets.countDocuments({ tenantId: 't4', 'watchers.userId': 'u2' })).toBe(1);
    expect(await Tickets.countDocuments({ tenantId: 't4', 'watchers.userId': 'u3' })).toBe(0);
  });
});

describe('updates', () => {
  const db = useFreshDatabase('compat_updates');
  let Tickets: Model<Ticket>;
  let Counters: Model<Counter>;

  beforeAll(async () => {
    Tickets = ticketModel(db.connection());
    Counters = counterModel(db.connection());
    await Promise.all([Tickets.createIndexes(), Counters.createIndexes()]);
    await seedTickets(Tickets, 't1', 9);
  });

  it('findOneAndUpdate with upsert and returnDocument "after"', async () => {
    const created = await Counters.findOneAndUpdate(
      { tenantId: 't1', key: 'ticket-number' },
      { $inc: { value: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(created).toMatchObject({ tenantId: 't1', key: 'ticket-number', value: 1 });
    const next = await Counters.findOneAndUpdate(
      { tenantId: 't1', key: 'ticket-number' },
      { $inc: { value: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(next?.value).toBe(2);
    expect(next?._id.equals(created?._id)).toBe(true);
    const before = await Counters.findOneAndUpdate(
      { tenantId: 't1', key: 'ticket-number' },
      { $inc: { value: 1 } },
      { returnDocument: 'before' },
    ).lean();
    expect(before?.value).toBe(2);
  });

  it('updateMany and the counts it reports', async () => {
    const result = await Tickets.updateMany(
      { tenantId: 't1', status: 'open' },
      { $set: { status: 'pending' } },
    );
    expect(result.matchedCount).toBe(3);
    expect(result.modifiedCount).toBe(3);
    expect(await Tickets.countDocuments({ tenantId: 't1', status: 'pending' })).toBe(6);
    const none = await Tickets.updateMany({ tenantId: 'nobody' }, { $set: { status: 'closed' } });
    expect(none.matchedCount).toBe(0);
  });

  it('conditional update: a stale version matches nothing', async () => {
    const ticket = await Tickets.findOne({ tenantId: 't1', number: 1 }).lean();
    if (!ticket) throw new Error('seed missing');
    const first = await Tickets.updateOne(
      { _id: ticket._id, version: ticket.version },
      { $set: { subject: 'edited once' }, $inc: { version: 1 } },
    );
    expect(first.modifiedCount).toBe(1);
    const stale = await Tickets.updateOne(
      { _id: ticket._id, version: ticket.version },
      { $set: { subject: 'lost edit' }, $inc: { version: 1 } },
    );
    expect(stale.matchedCount).toBe(0);
    const after = await Tickets.findById(ticket._id).lean();
    expect(after).toMatchObject({ subject: 'edited once', version: ticket.version + 1 });
  });

  it('arrays: $push, $addToSet (with $each), $pull of a value, $pullAll', async () => {
    const filter = { tenantId: 't1', number: 2 };
    await Tickets.updateOne(filter, { $set: { tags: [] } });
    await Tickets.updateOne(filter, { $push: { tags: 'a' } });
    await Tickets.updateOne(filter, { $push: { tags: { $each: ['b', 'c'] } } });
    await Tickets.updateOne(filter, { $addToSet: { tags: 'a' } });
    await Tickets.updateOne(filter, { $addToSet: { tags: { $each: ['c', 'd'] } } });
    expect((await Tickets.findOne(filter).lean())?.tags).toEqual(['a', 'b', 'c', 'd']);
    await Tickets.updateOne(filter, { $pull: { tags: 'b' } });
    await Tickets.updateOne(filter, { $pullAll: { tags: ['a', 'd'] } });
    expect((await Tickets.findOne(filter).lean())?.tags).toEqual(['c']);
    await Tickets.updateOne(filter, { $push: { watchers: { userId: 'u1', role: 'agent' } } });
    await Tickets.updateOne(filter, { $pull: { watchers: { userId: 'u1', role: 'agent' } } }); // whole element
    expect((await Tickets.findOne(filter).lean())?.watchers).toEqual([]);
  });

  it('bulkWrite with mixed operations, ordered: false', async () => {
    const result = await Tickets.bulkWrite(
      [
        { insertOne: { document: { tenantId: 'b1', number: 1, subject: 'bulk 1' } } },
        { insertOne: { document: { tenantId: 'b1', number: 2, subject: 'bulk 2' } } },
        { updateOne: { filter: { tenantId: 't1', number: 3 }, update: { $set: { priority: 9 } } } },
        {
          updateOne: {
            filter: { tenantId: 'b1', number: 3 },
            update: { $set: { subject: 'bulk 3' } },
            upsert: true,
          },
        },
        { deleteOne: { filter: { tenantId: 't1', number: 4 } } },
      ],
      { ordered: false },
    );
    expect(result.insertedCount).toBe(2);
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.deletedCount).toBe(1);
    expect(await Tickets.countDocuments({ tenantId: 'b1' })).toBe(3);

    // a duplicate in an unordered batch fails alone; the other operations are applied
    const failed = await outcome(() =>
      Tickets.bulkWrite(
        [
          { insertOne: { document: { tenantId: 'b1', number: 1, subject: 'duplicate' } } },
          { insertOne: { document: { tenantId: 'b1', number: 4, subject: 'bulk 4' } } },
          { deleteOne: { filter: { tenantId: 'b1', number: 2 } } },
        ],
        { ordered: false },
      ),
    );
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.code).toBe(11000);
    expect(
      (await Tickets.find({ tenantId: 'b1' }, { number: 1 }).sort({ number: 1 }).lean()).map((t) => t.number),
    ).toEqual([1, 3, 4]);
  });
});

describe('single-document atomicity under concurrency', () => {
  const db = useFreshDatabase('compat_atomic', { maxPoolSize: 64 });
  let Counters: Model<Counter>;
  let Tickets: Model<Ticket>;

  beforeAll(async () => {
    Counters = counterModel(db.connection());
    Tickets = ticketModel(db.connection());
    await Promise.all([Counters.createIndexes(), Tickets.createIndexes()]);
  });

  it('50 concurrent $inc on one document end at exactly 50', async () => {
    const counter = await Counters.create({ tenantId: 't1', key: 'inc', value: 0 });
    await Promise.all(
      Array.from({ length: 50 }, () => Counters.updateOne({ _id: counter._id }, { $inc: { value: 1 } })),
    );
    expect((await Counters.findById(counter._id).lean())?.value).toBe(50);
  });

  it('50 concurrent findOneAndUpdate $inc each see a different value', async () => {
    await Counters.create({ tenantId: 't1', key: 'seq', value: 0 });
    const seen = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const doc = await Counters.findOneAndUpdate(
          { tenantId: 't1', key: 'seq' },
          { $inc: { value: 1 } },
          { returnDocument: 'after' },
        ).lean();
        return doc?.value ?? -1;
      }),
    );
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('10 concurrent conditional updates on the same version: exactly one wins', async () => {
    const ticket = await Tickets.create({ tenantId: 't1', number: 1, subject: 'contended' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        Tickets.updateOne(
          { _id: ticket._id, version: 0 },
          { $set: { subject: `writer ${i}` }, $inc: { version: 1 } },
        ),
      ),
    );
    expect(results.reduce((sum, r) => sum + r.modifiedCount, 0)).toBe(1);
    expect((await Tickets.findById(ticket._id).lean())?.version).toBe(1);
  });

  it('20 concurrent upserts of one key create one document', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        Counters.findOneAndUpdate(
          { tenantId: 't1', key: 'upsert' },
          { $inc: { value: 1 } },
          { upsert: true, returnDocument: 'after' },
        ),
      ),
    );
    const docs = await Counters.find({ tenantId: 't1', key: 'upsert' }).lean();
    expect(docs).toHaveLength(1);
    expect(docs[0]?.value).toBe(20);
  });
});

describe('aggregation (the supported subset)', () => {
  const db = useFreshDatabase('compat_aggregate');
  let Tickets: Model<Ticket>;

  beforeAll(async () => {
    Tickets = ticketModel(db.connection());
    await seedTickets(Tickets, 't1', 12);
    await seedTickets(Tickets, 't2', 4);
  });

  it('$match (leading, by tenant) → $group with one $sum → $sort → $limit', async () => {
    const rows = await Tickets.aggregate<{ _id: string; count: number }>([
      { $match: { tenantId: 't1' } },
      { $group: { _id: '$status', count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
      { $limit: 2 },
    ]);
    expect(rows).toEqual([
      { _id: 'closed', count: 4 },
      { _id: 'open', count: 4 },
    ]);
    const sums = await Tickets.aggregate<{ _id: string; total: number }>([
      { $match: { tenantId: 't1' } },
      { $group: { _id: '$status', total: { $sum: '$priority' } } },
      { $sort: { _id: 1 } },
    ]);
    // priorities cycle 1..5 over numbers 1..12; open = 1,4,7,10 → 1+4+2+5
    expect(sums.find((r) => r._id === 'open')?.total).toBe(12);
  });

  it('$unwind (path form) then $group counts per array element', async () => {
    const rows = await Tickets.aggregate<{ _id: string; n: number }>([
      { $match: { tenantId: 't1' } },
      { $unwind: '$tags' },
      { $group: { _id: '$tags', n: { $sum: 1 } } },
      { $sort: { n: -1, _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'billing', n: 6 },
      { _id: 'shipping', n: 6 },
      { _id: 'vip', n: 6 },
    ]);
  });

  it('$count, $skip and inclusion/exclusion $project', async () => {
    expect(await Tickets.aggregate([{ $match: { tenantId: 't2' } }, { $count: 'total' }])).toEqual([
      { total: 4 },
    ]);
    const page = await Tickets.aggregate<{ number: number }>([
      { $match: { tenantId: 't1' } },
      { $sort: { number: 1 } },
      { $skip: 10 },
      { $project: { _id: 0, number: 1 } },
    ]);
    expect(page).toEqual([{ number: 11 }, { number: 12 }]);
    const [slim] = await Tickets.aggregate<Record<string, unknown>>([
      { $match: { tenantId: 't2', number: 1 } },
      { $project: { watchers: 0, tags: 0, _id: 0, createdAt: 0 } },
    ]);
    expect(slim && Object.keys(slim).sort()).toEqual([
      'number',
      'priority',
      'status',
      'subject',
      'tenantId',
      'version',
    ]);
  });
});

describe('databases: useDb and dropDatabase', () => {
  const db = useFreshDatabase('compat_dbs');

  it('reaches a second database through useDb, isolated from the first, and drops it', async () => {
    const conn = db.connection();
    const siloName = freshDatabaseName('compat_silo');
    const silo = conn.useDb(siloName, { useCache: false });
    const SiloTickets = ticketModel(silo);
    const MainTickets = ticketModel(conn);
    await SiloTickets.create({ tenantId: 'siloed', number: 1, subject: 'in the silo' });
    await MainTickets.create({ tenantId: 'pooled', number: 1, subject: 'in the pool' });

    expect(await SiloTickets.countDocuments({ tenantId: 'siloed' })).toBe(1);
    expect(await MainTickets.countDocuments({ tenantId: 'siloed' })).toBe(0);
    expect(silo.name).toBe(siloName);

    const listed = async (): Promise<string[]> =>
      (await database(conn).admin().listDatabases()).databases.map((d) => d.name);
    expect(await listed()).toContain(siloName);
    await silo.dropDatabase();
    expect(await listed()).not.toContain(siloName);
    expect(await MainTickets.countDocuments({ tenantId: 'pooled' })).toBe(1);
  });
});

describe('Mongoose safety settings (strictQuery: throw, sanitizeFilter)', () => {
  const db = useFreshDatabase('compat_mongoose');
  let Tickets: Model<Ticket>;

  beforeAll(async () => {
    Tickets = ticketModel(db.connection());
    await seedTickets(Tickets, 't1', 3);
  });

  it('strictQuery "throw" rejects a filter on a path the schema does not have', async () => {
    await expect(Tickets.find({ tenantId: 't1', stauts: 'open' })).rejects.toThrow(/stauts/);
    await expect(Tickets.countDocuments({ tenant: 't1' })).rejects.toThrow(/tenant/);
  });

  it('sanitizeFilter turns injected operators into literals: a cast error, never a widened match', async () => {
    const injected: unknown = JSON.parse('{"$ne": null}');
    await expect(Tickets.find({ tenantId: 't1', subject: injected as string })).rejects.toThrow(
      /Cast to string failed/,
    );
    const regex: unknown = JSON.parse('{"$regex": ".*"}');
    await expect(Tickets.countDocuments({ tenantId: 't1', subject: regex as string })).rejects.toThrow(
      /Cast to string/,
    );
    // a literal {$eq: …} value reaches the server and matches nothing
    const eqObject: unknown = JSON.parse('{"$eq": {"$gt": ""}}');
    await expect(Tickets.countDocuments({ tenantId: 't1', subject: eqObject as string })).rejects.toThrow(
      /Cast to string/,
    );
    // operators the code marks as trusted still work
    expect(await Tickets.countDocuments({ tenantId: 't1', subject: op({ $ne: null }) })).toBe(3);
  });

  it('sanitizeFilter refuses $where and $expr outright', async () => {
    const where: unknown = JSON.parse('{"$where": "true"}');
    await expect(Tickets.find(where as Record<string, never>)).rejects.toThrow(/\$where is not allowed/);
    const expr: unknown = JSON.parse('{"$expr": {"$gt": ["$priority", 0]}}');
    await expect(Tickets.find(expr as Record<string, never>)).rejects.toThrow(/\$expr is not allowed/);
  });

  it('immutable tenantId is not changed by an update', async () => {
    await Tickets.updateOne(
      { tenantId: 't1', number: 1 },
      { $set: { tenantId: 'other', subject: 'moved?' } },
    );
    const ticket = await Tickets.findOne({ number: 1, subject: 'moved?' }).lean();
    expect(ticket?.tenantId).toBe('t1');
  });
});

describe('FerretDB 1.24 gaps (must not be used; see docs/mongodb-compatibility.md)', () => {
  const db = useFreshDatabase('compat_gaps');
  let raw: Db;
  let ferret = false;
  let replicaSet = false;

  beforeAll(async () => {
    raw = database(db.connection());
    ferret = await isFerretDB(raw);
    replicaSet = await isReplicaSet(raw);
    await raw.collection<Item>('items').insertMany([
      {
        k: 1,
        st: 'a',
        n: 1,
        m: 10,
        list: [
          { x: 1, y: 'p' },
          { x: 2, y: 'q' },
        ],
        nums: [5, 50],
      },
      { k: 2, st: 'a', n: 2, m: 20, list: [{ x: 3, y: 'r' }], nums: [1] },
      { k: 3, st: 'b', n: 3, m: 30, list: [], nums: [] },
    ]);
  });

  const items = (): Collection<Item> => raw.collection<Item>('items');

  it.each([
    ['$lookup', [{ $lookup: { from: 'items', localField: 'k', foreignField: 'k', as: 'j' } }]],
    ['$facet', [{ $facet: { all: [{ $count: 'n' }] } }]],
    ['$group $avg', [{ $group: { _id: null, avg: { $avg: '$n' } } }]],
    ['$group $push', [{ $group: { _id: null, all: { $push: '$n' } } }]],
    ['expression operators ($multiply)', [{ $project: { twice: { $multiply: ['$n', 2] } } }]],
    ['$unwind with options', [{ $unwind: { path: '$nums', preserveNullAndEmptyArrays: true } }]],
    ['$sortByCount', [{ $sortByCount: '$st' }]],
  ])('aggregation %s: NotImplemented on FerretDB', async (_name, pipeline) => {
    const result = await outcome(() => items().aggregate(pipeline).toArray());
    if (ferret) expect(result).toMatchObject({ ok: false, code: NOT_IMPLEMENTED });
    else expect(result.ok).toBe(true);
  });

  it('$group computes only its first accumulator on FerretDB (the others come back 0)', async () => {
    const rows = await items()
      .aggregate<{ _id: string; n: number; m: number }>([
        { $group: { _id: '$st', n: { $sum: '$n' }, m: { $sum: '$m' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows[0]).toMatchObject({ _id: 'a', n: 3 });
    expect(rows[0]?.m).toBe(ferret ? 0 : 30);
  });

  it('$project / $addFields with a field path returns the literal string on FerretDB', async () => {
    const [row] = await items()
      .aggregate<{ copy: unknown }>([{ $match: { k: 1 } }, { $project: { _id: 0, copy: '$n' } }])
      .toArray();
    expect(row?.copy).toBe(ferret ? '$n' : 1);
  });

  it('$expr in a query: NotImplemented on FerretDB', async () => {
    const result = await outcome(() =>
      items()
        .find({ $expr: { $gt: ['$m', '$n'] } })
        .toArray(),
    );
    if (ferret) expect(result).toMatchObject({ ok: false, code: NOT_IMPLEMENTED });
    else expect(result).toMatchObject({ ok: true, value: { length: 3 } });
  });

  it('$elemMatch on sub-document fields does not match on FerretDB', async () => {
    const result = await outcome(() => items().countDocuments({ list: { $elemMatch: { x: 3 } } }));
    expect(result).toEqual({ ok: true, value: ferret ? 0 : 1 });
  });

  it('equality with a whole sub-document does not match array elements on FerretDB', async () => {
    expect(await items().countDocuments({ list: { x: 3, y: 'r' } })).toBe(ferret ? 0 : 1);
  });

  it('positional $ update never applies on FerretDB (PostgreSQL: matches nothing; SQLite: an error)', async () => {
    const result = await outcome(() =>
      items().updateOne({ k: 1, 'list.x': 2 }, { $set: { 'list.$.y': 'Q' } }),
    );
    const doc = await items().findOne({ k: 1 });
    if (ferret) {
      expect(result.ok ? result.value.modifiedCount : 0).toBe(0);
      expect(doc?.list).toEqual([
        { x: 1, y: 'p' },
        { x: 2, y: 'q' },
      ]);
    } else {
      expect(result).toMatchObject({ ok: true, value: { modifiedCount: 1 } });
    }
  });

  it('arrayFilters and pipeline updates are rejected on FerretDB', async () => {
    const filtered = await outcome(() =>
      items().updateOne({ k: 1 }, { $set: { 'list.$[e].y': 'Z' } }, { arrayFilters: [{ 'e.x': 1 }] }),
    );
    const pipeline = await outcome(() => items().updateOne({ k: 1 }, [{ $set: { piped: true } }]));
    expect(filtered.ok).toBe(!ferret);
    expect(pipeline.ok).toBe(!ferret);
  });

  it('$push modifiers $slice / $position / $sort are ignored on FerretDB', async () => {
    await items().updateOne({ k: 2 }, { $set: { capped: [1, 2, 3] } });
    await items().updateOne({ k: 2 }, { $push: { capped: { $each: [4, 5], $slice: -3 } } });
    const doc = await items().findOne({ k: 2 });
    expect(doc?.capped).toEqual(ferret ? [1, 2, 3, 4, 5] : [3, 4, 5]);
  });

  it('$pull with a condition removes nothing on FerretDB', async () => {
    await items().updateOne({ k: 1 }, { $pull: { nums: { $gte: 10 } } });
    await items().updateOne({ k: 1 }, { $pull: { list: { x: 1 } } });
    const doc = await items().findOne({ k: 1 });
    expect(doc?.nums).toEqual(ferret ? [5, 50] : [5]);
    expect(doc?.list).toHaveLength(ferret ? 2 : 1);
  });

  it('findOneAndUpdate with a projection is rejected on FerretDB', async () => {
    const result = await outcome(() =>
      items().findOneAndUpdate(
        { k: 3 },
        { $set: { seen: true } },
        { projection: { k: 1 }, returnDocument: 'after' },
      ),
    );
    if (ferret) expect(result).toMatchObject({ ok: false, code: NOT_IMPLEMENTED });
    else expect(result.ok).toBe(true);
  });

  it.each([
    ['TTL (expireAfterSeconds)', { expireAfterSeconds: 3600 }],
    ['partialFilterExpression', { partialFilterExpression: { st: { $exists: true } } }],
    ['collation', { collation: { locale: 'en', strength: 2 } }],
  ])('index option %s: NotImplemented on FerretDB', async (name, options) => {
    const result = await outcome(() =>
      items().createIndex({ st: 1, n: 1 }, { name: `gap_${name.length}`, ...options }),
    );
    if (ferret) expect(result).toMatchObject({ ok: false, code: NOT_IMPLEMENTED });
    else expect(result.ok).toBe(true);
  });

  it('text indexes are rejected on FerretDB', async () => {
    const result = await outcome(() => items().createIndex({ st: 'text' }));
    expect(result.ok).toBe(!ferret);
  });

  it('a unique index lets documents that lack the field repeat on FerretDB (MongoDB indexes them as null)', async () => {
    const coll = raw.collection('uniq');
    await coll.createIndex({ tenantId: 1, externalId: 1 }, { unique: true });
    await coll.insertOne({ tenantId: 't1' });
    const second = await outcome(() => coll.insertOne({ tenantId: 't1' }));
    expect(second.ok).toBe(ferret);
    const explicitNull = await outcome(() =>
      coll.insertMany([
        { tenantId: 't2', externalId: null },
        { tenantId: 't2', externalId: null },
      ]),
    );
    expect(explicitNull).toMatchObject({ ok: false, code: 11000 });
  });

  it('multi-document transactions fail on FerretDB', async () => {
    const session = db.connection().getClient().startSession();
    try {
      const result = await outcome(() =>
        session.withTransaction(async () => {
          await items().insertOne({ k: 99, st: 'tx', n: 0, m: 0, list: [], nums: [] }, { session });
        }),
      );
      expect(result.ok).toBe(!ferret && replicaSet);
    } finally {
      await session.endSession();
    }
    if (ferret) expect(await items().countDocuments({ k: 99 })).toBe(0);
  });

  it('change streams are NotImplemented on FerretDB', async () => {
    const result = await outcome(async () => {
      const stream = items().watch();
      try {
        await stream.tryNext();
      } finally {
        await stream.close();
      }
    });
    if (ferret) expect(result).toMatchObject({ ok: false, code: NOT_IMPLEMENTED });
    else expect(result.ok).toBe(replicaSet);
  });
});
