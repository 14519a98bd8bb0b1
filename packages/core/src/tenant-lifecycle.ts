import type { Database } from './platform/db/index.js';
import type { AnyModule, ModuleRef, TenantLifecycle } from './platform/module.js';
import { runAsSystem, withTenant, type TenantRef } from './platform/tenancy/context.js';

/**
 * Offboarding and suspension as a workflow over every module: each module's declared
 * `tenantData` says how its data is exported and erased, `onTenantSuspended` what must stop now.
 */
export function createTenantLifecycle(
  modules: readonly AnyModule[],
  refOf: (m: AnyModule) => ModuleRef<unknown>,
  db: Database,
): TenantLifecycle {
  const tenantModels = (m: AnyModule) => m.models.filter((d) => d.placement !== 'platform');
  const inTenant = <T>(reason: string, tenant: TenantRef, fn: () => Promise<T>) =>
    runAsSystem(reason, () => withTenant(tenant, fn));

  return {
    async exportTenant(tenant) {
      const out: Record<string, Record<string, unknown[]>> = {};
      for (const m of modules) {
        const data = m.tenantData;
        if (data.kind === 'none') continue;
        if (data.kind === 'custom') {
          out[m.name] = await inTenant(`offboard.export.${m.name}`, tenant, () =>
            data.export(refOf(m), tenant),
          );
          continue;
        }
        const parts: Record<string, unknown[]> = {};
        for (const model of tenantModels(m)) {
          parts[model.name] = await inTenant(`offboard.export.${m.name}`, tenant, () =>
            db.tenantDocuments(model.name),
          );
        }
        out[m.name] = parts;
      }
      return out;
    },

    async eraseTenant(tenant) {
      let removed = 0;
      for (const m of modules) {
        const data = m.tenantData;
        if (data.kind === 'custom') {
          removed += await inTenant(`offboard.erase.${m.name}`, tenant, () => data.erase(refOf(m), tenant));
        } else if (data.kind === 'models') {
          for (const model of tenantModels(m)) {
            removed += await inTenant(`offboard.erase.${m.name}`, tenant, () =>
              db.eraseTenantDocuments(model.name),
            );
          }
        }
      }
      return removed;
    },

    async tenantSuspended(tenant, reason) {
      for (const m of modules) {
        const hook = m.onTenantSuspended;
        if (hook) await inTenant(`suspend.${m.name}`, tenant, () => hook(refOf(m), tenant, reason));
      }
    },

    async tenantResumed(tenant) {
      for (const m of modules) {
        const hook = m.onTenantResumed;
        if (hook) await inTenant(`resume.${m.name}`, tenant, () => hook(refOf(m), tenant));
      }
    },
  };
}
