// The tenancy plugin against the run's real MongoDB wire-protocol server (FerretDB in CI).
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, inject } from 'vitest';
import { freshDatabaseName } from '@tandem/services';
import { Database, defineModel } from '../db/index.js';
import { runAsSystem, runWithContext, withTenant, type TenantRef } from './context.js';

interface Note {
  _id: string;
  tenantId: string;
  title: string;
  n: number;
}

const NoteModel = defineModel(
  'TestNote',
  (() => {
    const s = new Schema<Note>(
      { _id: String, title: { type: String, required: true }, n: { type: Number, default: 0 } },
      { versionKey: false },
    );
    s.index({ tenantId: 1, title: 1 });
    return s;
  })(),
  'tenant',
);

const A: TenantRef = { id: 'tn_AAAAAAAAAAAAAAAAAAAA', tier: 'POOLED' };
const B: TenantRef = { id: 'tn_BBBBBBBBBBBBBBBBBBBB', tier: 'POOLED' };
const S: TenantRef = { id: 'tn_SSSSSSSSSSSSSSSSSSSS', tier: 'SILOED' };

let db: Database;
const as = <T>(t: TenantRef, fn: () => Promise<T>) => runAsSystem('test', () => withTenant(t, fn));
const notes = () => db.model(NoteModel);

beforeAll(async () => {
  db = await Database.connect(inject('mongoUri'), freshDatabaseName('tenancy'));
  await db.syncIndexes();
});
afterAll(async () => {
  await db.dropSilo(S.id);
  await db.connection.dropDatabase();
  await db.close();
});
beforeEach(async () => {
  for (const t of [A, B, S]) await as(t, () => notes().deleteMany({}));
  let i = 0;
  for (const t of [A, B, S]) {
    await as(t, () =>
      notes().insertMany([
        { _id: `n${i++}`, title: 'one' },
        { _id: `n${i++}`, title: 'two' },
      ]),
    );
  }
});

describe('every operation is scoped to the context tenant', () => {
  it('find, findOne, countDocuments, distinct see only the tenant', async () => {
    expect(await as(A, () => notes().countDocuments({}))).toBe(2);
    const found = await as(A, () => notes().find({}).lean<Note[]>());
    expect(found.every((n) => n.tenantId === A.id)).toBe(true);
    expect(await as(A, () => notes().distinct('tenantId'))).toEqual([A.id]);
    const bNote = await as(B, () => notes().findOne({ title: 'one' }).lean<Note>());
    expect(await as(A, () => notes().findById(bNote?._id).lean())).toBeNull();
  });

  it('updates and deletes cannot reach another tenant', async () => {
    const bNote = await as(B, () => notes().findOne({ title: 'one' }).lean<Note>());
    const id = bNote?._id ?? '';
    expect(
      (await as(A, () => notes().updateOne({ _id: id }, { $set: { title: 'hacked' } }))).matchedCount,
    ).toBe(0);
    expect((await as(A, () => notes().updateMany({}, { $inc: { n: 1 } }))).modifiedCount).toBe(2);
    expect(await as(A, () => notes().findOneAndUpdate({ _id: id }, { $set: { title: 'x' } }))).toBeNull();
    expect(await as(A, () => notes().findOneAndDelete({ _id: id }))).toBeNull();
    expect((await as(A, () => notes().deleteOne({ _id: id }))).deletedCount).toBe(0);
    expect((await as(A, () => notes().replaceOne({ _id: id }, { title: 'r' }))).matchedCount).toBe(0);
    expect(await as(B, () => notes().findById(id).lean<Note>())).toMatchObject({ title: 'one', n: 0 });
  });

  it('aggregate gets a leading $match on the tenant', async () => {
    const rows = await as(A, () =>
      notes().aggregate<{ _id: string; c: number }>([{ $group: { _id: '$tenantId', c: { $sum: 1 } } }]),
    );
    expect(rows).toEqual([{ _id: A.id, c: 2 }]);
  });

  it('inserts, saves and bulkWrite are stamped with the tenant', async () => {
    const doc = await as(A, () => notes().create({ _id: 'new1', title: 'created' }));
    expect(doc.tenantId).toBe(A.id);
    await as(A, () =>
      notes().bulkWrite([
        { insertOne: { document: { _id: 'bw1', title: 'bulk' } as Note } },
        { updateMany: { filter: {}, update: { $set: { n: 7 } } } },
      ]),
    );
    expect(await as(B, () => notes().countDocuments({ n: 7 }))).toBe(0);
    expect(await as(A, () => notes().countDocuments({ n: 7 }))).toBe(4);
  });

  it('a write naming another tenant, or changing tenantId, throws', async () => {
    await expect(
      as(A, () => notes().create({ _id: 'x1', title: 't', tenantId: B.id })),
    ).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
    await expect(as(A, () => notes().find({ tenantId: B.id }).lean())).rejects.toMatchObject({
      code: 'TENANCY_VIOLATION',
    });
    await expect(as(A, () => notes().updateMany({}, { $set: { tenantId: B.id } }))).rejects.toMatchObject({
      code: 'TENANCY_VIOLATION',
    });
    await expect(
      as(A, () => notes().updateMany({}, { $rename: { title: 'tenantId' } })),
    ).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
    await expect(
      as(A, () =>
        notes().bulkWrite([{ updateOne: { filter: { tenantId: B.id }, update: { $set: { n: 1 } } } }]),
      ),
    ).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
    await expect(
      as(A, () => notes().insertMany([{ _id: 'x2', title: 't', tenantId: B.id }])),
    ).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
    expect(await as(B, () => notes().countDocuments({}))).toBe(2);
  });

  it('without a tenant context every operation throws instead of seeing all tenants', async () => {
    await expect(notes().find({}).lean()).rejects.toMatchObject({ code: 'TENANT_CONTEXT_MISSING' });
    // A system scope without a stated reason is refused before anything runs.
    await expect(runAsSystem('', () => notes().countDocuments({}))).rejects.toMatchObject({
      code: 'TENANCY_VIOLATION',
    });
    await expect(runAsSystem('test.no-tenant', () => notes().countDocuments({}))).rejects.toMatchObject({
      code: 'TENANT_CONTEXT_MISSING',
    });
    await expect(
      runAsSystem('test.no-tenant', () => notes().aggregate([{ $match: {} }])),
    ).rejects.toMatchObject({
      code: 'TENANT_CONTEXT_MISSING',
    });
    await expect(
      runAsSystem('test.no-tenant', () => notes().create({ _id: 'z', title: 'z' })),
    ).rejects.toMatchObject({
      code: 'TENANT_CONTEXT_MISSING',
    });
    await expect(runAsSystem('test.no-tenant', () => notes().estimatedDocumentCount())).rejects.toBeTruthy();
  });

  it('an explicit all-tenants system scope may read across pooled tenants, never write', async () => {
    expect(await runAsSystem('report', () => notes().countDocuments({}), { allTenants: true })).toBe(4);
    await expect(
      runAsSystem('report', () => notes().updateMany({}, { $set: { n: 1 } }), { allTenants: true }),
    ).rejects.toMatchObject({
      code: 'TENANT_CONTEXT_MISSING',
    });
  });

  it('a tenant scope cannot enter another tenant', async () => {
    const ctx = {
      requestId: 'r',
      principal: { kind: 'anonymous' as const },
      tenant: A,
      system: undefined,
      clientIp: undefined,
    };
    await expect(
      runWithContext(ctx, () => withTenant(B, () => notes().find({}).lean())),
    ).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
  });

  it('mistyped filter keys throw; operator objects in values are neutralised', async () => {
    await expect(as(A, () => notes().find({ titel: 'one' }).lean())).rejects.toThrow(/titel/);
    // sanitizeFilter wraps the object in $eq: it can only match literally, here it fails to cast.
    await expect(
      as(A, () =>
        notes()
          .find({ title: { $ne: null } as unknown as string })
          .lean(),
      ),
    ).rejects.toMatchObject({
      name: 'CastError',
    });
  });

  it('a siloed tenant lives in its own database with the same code path', async () => {
    expect(await as(S, () => notes().countDocuments({}))).toBe(2);
    const siloNames = await db.listDatabaseNames();
    expect(siloNames).toContain(db.siloDbName(S.id));
    const pooledRaw = await db.connection.db?.collection('testnotes').countDocuments({ tenantId: S.id });
    expect(pooledRaw).toBe(0);
    const siloRaw = await db.connection
      .useDb(db.siloDbName(S.id))
      .db?.collection('testnotes')
      .countDocuments({ tenantId: S.id });
    expect(siloRaw).toBe(2);
  });
});

void mongoose;
