// A module plugs in from its declaration alone: the notes module (tests/support/notes-module/,
// a worked example of the contract) is composed next to the real modules, and its GraphQL,
// error codes, REST route, queue, offboarding and the cross-tenant probe all pick it up —
// nothing else in the server names it.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { apiScopes, buildSchema, errorTablesOf, MODULES, queueSpecs, startWorkers } from '@tandem/core';
import { enqueue } from '../../packages/core/src/platform/queues.js';
import { gql } from '../support/api.js';
import { probeGraphQL, probeRest } from '../support/cross-tenant-probe.js';
import { useModuleTest } from '../support/module.js';
import { TENANT_FIXTURES } from '../support/tenant-fixture.js';
import { notesModule } from '../support/notes-module/index.js';

const modules = [...MODULES, notesModule];
const ctx = useModuleTest('contract', { modules });

const ADD = 'mutation($t: String!) { addNote(text: $t) { id text processed } }';

async function addNote(token: string, text: string): Promise<string> {
  const r = await gql<{ addNote: { id: string } }>(ctx().baseUrl, ADD, { t: text }, token);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.addNote.id;
}

describe('a module added to the list', () => {
  it('serves its GraphQL, with its scope in the ApiScope enum', async () => {
    const { pooled, as } = ctx();
    const id = await addNote(pooled.adminToken, 'first note');
    expect(id).toMatch(/^note_/);
    const r = await as(pooled, 'apiKey')<{ note: { text: string } }>(
      'query($id: ID!) { note(id: $id) { text } }',
      { id },
    );
    expect(r.data?.note.text).toBe('first note');
    expect(apiScopes(modules).map((s) => s.name)).toContain('NOTES_READ');
    expect(apiScopes().map((s) => s.name)).not.toContain('NOTES_READ');
  });

  it('answers with its own error codes, catalogued with both texts', async () => {
    const r = await gql(ctx().baseUrl, ADD, { t: 'x'.repeat(501) }, ctx().pooled.adminToken);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOTE_TOO_LONG');
    expect(errorTablesOf(modules).notes?.NOTE_TOO_LONG?.['zh-CN']).toBeTruthy();
  });

  it('mounts its REST route with its policy and schemas', async () => {
    const { baseUrl, pooled, siloed } = ctx();
    const id = await addNote(pooled.adminToken, 'rest note');
    const ok = await fetch(`${baseUrl}/v1/test-notes/${id}`, {
      headers: { authorization: `Bearer ${pooled.apiKey}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, text: 'rest note' });
    const other = await fetch(`${baseUrl}/v1/test-notes/${id}`, {
      headers: { authorization: `Bearer ${siloed.apiKey}` },
    });
    expect(other.status).toBe(404);
    const malformed = await fetch(`${baseUrl}/v1/test-notes/not-an-id`, {
      headers: { authorization: `Bearer ${pooled.apiKey}` },
    });
    expect(malformed.status).toBe(404);
    const anonymous = await fetch(`${baseUrl}/v1/test-notes/${id}`);
    expect(anonymous.status).toBe(401);
  });

  it('runs its queue in the worker, in the job’s tenant', async () => {
    const { server, siloed } = ctx();
    expect(queueSpecs(server.services).map((q) => q.name)).toContain('test-notes');
    const id = await addNote(siloed.adminToken, 'queued note');
    const workers = await startWorkers(server.services);
    try {
      const queue = workers.queues.find((q) => q.name === 'test-notes');
      if (!queue) throw new Error('queue not started');
      await enqueue(
        queue,
        { id: siloed.tenantId, tier: 'SILOED' },
        { noteId: id },
        { idempotencyKey: `process-${id}` },
      );
      let processed = false;
      for (let i = 0; i < 100 && !processed; i++) {
        const r = await ctx().as(siloed)<{ note: { processed: boolean } }>(
          'query($id: ID!) { note(id: $id) { processed } }',
          {
            id,
          },
        );
        processed = r.data?.note.processed ?? false;
        if (!processed) await new Promise((res) => setTimeout(res, 100));
      }
      expect(processed).toBe(true);
    } finally {
      await workers.close();
    }
  });

  it('is covered by the cross-tenant probe', async () => {
    const { server, pooled, siloed, provider, baseUrl } = ctx();
    // The probe calls every root field with every id of B: more than a plan's minute budget (rate
    // limits are what resources.security checks, not this test).
    const plan = await gql(
      baseUrl,
      'mutation($id: ID!) { updateTenantPlan(id: $id, plan: { seats: 20, apiRatePerMinute: 100000, storageMb: 1024 }) { id } }',
      { id: pooled.tenantId },
      provider,
    );
    expect(plan.errors).toBeUndefined();
    const bNote = await addNote(siloed.adminToken, 'siloed-secret-note-text');
    const bIds = [bNote];
    for (const m of MODULES) bIds.push(...((await TENANT_FIXTURES[m.name]?.(siloed))?.ids ?? []));
    const schema = buildSchema(server.services);
    expect(schema.getQueryType()?.getFields().note).toBeDefined();
    const calls = await probeGraphQL({
      schema,
      a: pooled,
      scopes: apiScopes(modules).map((s) => s.name),
      bIds,
      bMarkers: [bNote, 'siloed-secret-note-text'],
      as: 'api key',
    });
    expect(calls).toBeGreaterThan(20);
    expect(
      await probeRest({ app: server.api.app, a: pooled, bIds: [bNote], bMarkers: [bNote] }),
    ).toBeGreaterThan(0);
  }, 240_000);

  it('has its data exported and erased at offboarding', async () => {
    const { baseUrl, provider, pooled, server } = ctx();
    const id = await addNote(pooled.adminToken, 'to be exported');
    const r = await gql<{ offboardTenant: { exportId: string } }>(
      baseUrl,
      'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId } }',
      { id: pooled.tenantId, slug: pooled.slug },
      provider,
    );
    expect(r.errors).toBeUndefined();
    const dl = await fetch(`${baseUrl}/v1/exports/${r.data?.offboardTenant.exportId ?? ''}`, {
      headers: { authorization: `Bearer ${provider}` },
    });
    const archive = JSON.parse(gunzipSync(Buffer.from(await dl.arrayBuffer())).toString('utf8')) as {
      modules: { notes?: { TestNote?: { _id: string }[] } };
    };
    expect(archive.modules.notes?.TestNote?.map((n) => n._id)).toContain(id);
    const left = await server.services.db.connection.db
      ?.collection('test_notes')
      .countDocuments({ tenantId: pooled.tenantId });
    expect(left).toBe(0);
  });
});
