// Offboarding walks every module: a tenant with data in every module (the cross-tenant fixture)
// is offboarded, pooled and siloed; its export holds each module's data and afterwards nothing
// of it is left in any collection — except what a module declares `retained`, with its reason.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MODULES, registeredModels } from '@tandem/core';
import { gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';
import { TENANT_FIXTURES, type FixtureSide } from '../support/tenant-fixture.js';

const ctx = useModuleTest('offboard');

/** Documents anywhere (platform database and the silo) that still name the tenant. */
async function leftovers(tenantId: string, emails: string[]): Promise<string[]> {
  const { services } = ctx().server;
  const retained = new Set(
    MODULES.filter((m) => m.tenantData.kind === 'retained').flatMap((m) => m.models.map((d) => d.name)),
  );
  const dbs = [services.db.connection.db, services.db.connection.useDb(services.db.siloDbName(tenantId)).db];
  const found: string[] = [];
  for (const def of registeredModels()) {
    if (retained.has(def.name) || def.name === 'Tenant' || def.name === 'TenantExport') continue;
    const collection = String(def.schema.get('collection'));
    for (const db of dbs) {
      if (!db) continue;
      const n = await db.collection(collection).countDocuments({ tenantId });
      if (n > 0) found.push(`${def.name}: ${n} with tenantId`);
    }
  }
  const users = await services.db.connection.db
    ?.collection('users')
    .countDocuments({ email: { $in: emails } });
  if (users) found.push(`User: ${users} of the tenant's people`);
  return found;
}

describe.each(['pooled', 'siloed'] as const)('offboarding a %s tenant', (which) => {
  it('exports every module, then leaves nothing of the tenant behind', async () => {
    const { baseUrl, provider, server } = ctx();
    const side: FixtureSide = ctx()[which];
    const emails = [side.adminEmail];
    for (const m of MODULES) {
      const fixture = TENANT_FIXTURES[m.name];
      expect(fixture, `fixture for ${m.name}`).toBeDefined();
      if (fixture) emails.push(...(await fixture(side)).markers.filter((x) => x.includes('@')));
    }
    const before = await leftovers(side.tenantId, emails);
    expect(before.length, 'the fixture wrote data to find').toBeGreaterThan(0);

    const r = await gql<{ offboardTenant: { exportId: string; exportedDocuments: number } }>(
      baseUrl,
      'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId exportedDocuments } }',
      { id: side.tenantId, slug: side.slug },
      provider,
    );
    expect(r.errors).toBeUndefined();
    const dl = await fetch(`${baseUrl}/v1/exports/${r.data?.offboardTenant.exportId ?? ''}`, {
      headers: { authorization: `Bearer ${provider}` },
    });
    expect(dl.status).toBe(200);
    const archive = JSON.parse(gunzipSync(Buffer.from(await dl.arrayBuffer())).toString('utf8')) as {
      modules: Record<string, Record<string, unknown[]>>;
    };
    const exported = MODULES.filter((m) => m.tenantData.kind !== 'none').map((m) => m.name);
    expect(Object.keys(archive.modules).sort()).toEqual(exported.sort());
    expect(JSON.stringify(archive)).toContain(side.adminEmail);

    expect(await leftovers(side.tenantId, emails)).toEqual([]);
    if (which === 'siloed') {
      expect(await server.services.db.listDatabaseNames()).not.toContain(
        server.services.db.siloDbName(side.tenantId),
      );
    }
  });
});
