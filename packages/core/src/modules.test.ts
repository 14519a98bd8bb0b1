// The module contract, checked for every module in src/modules.ts: a declaration that compiles
// but forgets something (an untranslated code, a tenant model offboarding would leave behind, an
// index that does not lead with tenantId, a colliding id prefix or scope) fails here.
import { describe, expect, it } from 'vitest';
import { registeredModels } from './platform/db/index.js';
import { isClientVisible, PLATFORM_ERRORS } from './platform/errors.js';
import { platformIds } from './platform/ids.js';
import { fieldPolicy, type Policy } from './platform/graphql/policy.js';
import type { AnyModule } from './platform/module.js';
import { MODULES } from './modules.js';
import { apiScopes, buildSchema } from './schema.js';

const modules: readonly AnyModule[] = MODULES;

/**
 * Provider-level models: no tenantId, visible to provider code only. A new one must be added
 * here on purpose, with the reason, or placed as a tenant model.
 */
const PLATFORM_MODELS: Record<string, string> = {
  Tenant: 'the tenants themselves',
  TenantExport: 'offboarding archives, kept after the tenant is gone',
  TenantExportChunk: 'offboarding archive bytes',
  User: 'a person may belong to several tenants (provider agents) with one sign-in',
  Session: 'found by id from the token before the tenant is known',
  Invitation: 'found by token before anyone is signed in',
  SigningKey: 'token signing keys of the deployment',
};

/** Indexes of tenant models that may not lead with tenantId, each with why. */
const CROSS_TENANT_INDEXES: Record<string, string> = {
  'Membership:userId': "sign-in lists a person's tenants before any tenant is known (system scope)",
};

describe('every module declaration is complete', () => {
  it('module names are unique and each module says what it is', () => {
    expect(new Set(modules.map((m) => m.name)).size).toBe(modules.length);
    for (const m of modules) expect(m.summary.length, m.name).toBeGreaterThan(10);
  });

  it('error codes are unique across modules and the platform, each with zh-CN and en texts', () => {
    const seen = new Map<string, string>(Object.keys(PLATFORM_ERRORS).map((c) => [c, 'platform']));
    for (const m of modules) {
      for (const [code, spec] of Object.entries(m.errors)) {
        expect(seen.get(code), `${m.name}.${code} collides`).toBeUndefined();
        seen.set(code, m.name);
        expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(spec.en.trim(), `${code} en`).not.toBe('');
        expect(spec['zh-CN'].trim(), `${code} zh-CN`).not.toBe('');
        expect(spec['zh-CN'], `${code} zh-CN is Chinese`).toMatch(/[\u4e00-\u9fff]/);
        expect(isClientVisible(code, spec.status) || spec.status >= 500).toBe(true);
      }
    }
  });

  it('id prefixes are unique across modules and the platform', () => {
    const all = [
      ...Object.keys(platformIds.labels),
      ...modules.flatMap((m) => Object.keys(m.ids?.labels ?? {})),
    ];
    expect(all.length - new Set(all).size).toBe(0);
  });

  it('API scopes are unique, and every policy names a declared scope', () => {
    const names = apiScopes().map((s) => s.name);
    expect(names.length - new Set(names).size).toBe(0);
    const schema = buildSchema();
    const policies: Policy[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const f of Object.values(root?.getFields() ?? {})) {
        const p = fieldPolicy(f);
        if (p) policies.push(p);
      }
    }
    const used = new Set(policies.flatMap((p) => p.apiKey ?? []));
    expect([...used].filter((s) => !names.includes(s))).toEqual([]);
  });

  it('every registered model belongs to exactly one module or is platform machinery', () => {
    const owners = new Map<string, string[]>();
    for (const m of modules)
      for (const d of m.models) owners.set(d.name, [...(owners.get(d.name) ?? []), m.name]);
    for (const def of registeredModels()) {
      const owner = owners.get(def.name) ?? [];
      if (def.name === 'SigningKey') continue;
      expect(owner, `${def.name} is declared by ${owner.length} modules`).toHaveLength(1);
    }
  });

  it('platform-placed models are exactly the allowlist', () => {
    const platform = registeredModels()
      .filter((d) => d.placement === 'platform')
      .map((d) => d.name)
      .sort();
    expect(platform).toEqual(Object.keys(PLATFORM_MODELS).sort());
  });

  it.each(modules.map((m) => [m.name, m] as const))(
    '%s: tenant models have an offboarding (export and erase, or a stated reason to keep)',
    (_n, m) => {
      const tenantModels = m.models.filter((d) => d.placement !== 'platform');
      if (tenantModels.length > 0) expect(m.tenantData.kind, m.name).not.toBe('none');
      if (m.tenantData.kind === 'none' || m.tenantData.kind === 'retained') {
        expect(m.tenantData.reason.length).toBeGreaterThan(20);
      }
    },
  );

  it.each(
    registeredModels()
      .filter((d) => d.placement !== 'platform')
      .map((d) => [d.name, d] as const),
  )('%s: every index, unique ones included, starts with tenantId', (name, def) => {
    for (const [fields] of def.schema.indexes()) {
      const keys = Object.keys(fields);
      if (CROSS_TENANT_INDEXES[`${name}:${keys.join(',')}`]) continue;
      expect(keys[0], `${name} index ${keys.join(',')}`).toBe('tenantId');
    }
  });

  it('REST routes declare a policy and schemas for params, query and body', () => {
    for (const m of modules) {
      const routes = m.routes?.({ service: {}, platform: {} as never }) ?? [];
      for (const r of routes) {
        expect(r.policy, `${m.name} ${r.path}`).toBeDefined();
        expect(r.params && r.query && r.body, `${m.name} ${r.path} schemas`).toBeTruthy();
        expect(r.summary.length).toBeGreaterThan(5);
      }
    }
  });
});
