import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/principal.js';
import { PlatformError } from '../errors.js';

export type IsolationTier = 'POOLED' | 'SILOED';

/** What the data layer needs to know about the tenant a piece of work acts for. */
export interface TenantRef {
  id: string;
  tier: IsolationTier;
}

export interface RequestContext {
  requestId: string;
  principal: Principal;
  tenant: TenantRef | undefined;
  /** Provider-level code runs in an explicit system scope with a reason that is logged. */
  system: { reason: string; allTenants: boolean } | undefined;
  clientIp: string | undefined;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function requireContext(): RequestContext {
  const ctx = storage.getStore();
  if (!ctx)
    throw new PlatformError('TENANT_CONTEXT_MISSING', 'No request context: refusing to touch tenant data');
  return ctx;
}

/** The tenant the current work acts for; throws when there is none. */
export function requireTenant(): TenantRef {
  const t = storage.getStore()?.tenant;
  if (!t)
    throw new PlatformError('TENANT_CONTEXT_MISSING', 'No tenant in context: refusing to touch tenant data');
  return t;
}

export interface SystemScopeEntry {
  reason: string;
  allTenants: boolean;
  requestId: string;
  principal: Principal;
}

let systemScopeObserver: ((entry: SystemScopeEntry) => void) | undefined;

/** The composition root wires this to the logger: every system scope leaves a record. */
export function observeSystemScopes(observer: (entry: SystemScopeEntry) => void): void {
  systemScopeObserver = observer;
}

const SYSTEM_REASON = /^[a-z][a-z0-9:._-]{2,80}$/;

/**
 * Provider-level work (onboarding, login, offboarding, workers): an explicit scope with a reason
 * (`module.action`), recorded through the observer. Tenant-owned models still refuse to run
 * without a tenant unless `allTenants` is asked for — which is read-only and always logged.
 */
export function runAsSystem<T>(
  reason: string,
  fn: () => T | PromiseLike<T>,
  opts: { allTenants?: boolean } = {},
): Promise<T> {
  if (!SYSTEM_REASON.test(reason)) {
    return Promise.reject(
      new PlatformError(
        'TENANCY_VIOLATION',
        `A system scope needs a reason like "module.action", got "${reason}"`,
      ),
    );
  }
  const parent = storage.getStore();
  systemScopeObserver?.({
    reason,
    allTenants: opts.allTenants ?? false,
    requestId: parent?.requestId ?? '-',
    principal: parent?.principal ?? { kind: 'system', reason },
  });
  return runInside(
    {
      requestId: parent?.requestId ?? `sys_${Date.now().toString(36)}`,
      principal: parent?.principal ?? { kind: 'system', reason },
      tenant: undefined,
      system: { reason, allTenants: opts.allTenants ?? false },
      clientIp: parent?.clientIp,
    },
    fn,
  );
}

/**
 * Act for one tenant. From a system scope any tenant may be entered (onboarding, jobs); from a
 * tenant scope only the same tenant — code acting for tenant A can never enter tenant B.
 */
export async function withTenant<T>(tenant: TenantRef, fn: () => T | PromiseLike<T>): Promise<T> {
  const parent = storage.getStore();
  if (!parent) throw new PlatformError('TENANT_CONTEXT_MISSING', 'withTenant needs an enclosing scope');
  if (!parent.system && parent.tenant && parent.tenant.id !== tenant.id) {
    throw new PlatformError('TENANCY_VIOLATION', 'Cannot switch tenant inside a tenant scope');
  }
  if (!parent.system && !parent.tenant) {
    throw new PlatformError('TENANCY_VIOLATION', 'Entering a tenant requires a system scope');
  }
  return runInside(
    {
      requestId: parent.requestId,
      principal: parent.principal,
      tenant,
      system: parent.system ? { ...parent.system, allTenants: false } : undefined,
      clientIp: parent.clientIp,
    },
    fn,
  );
}

/**
 * Runs fn in ctx and awaits its result inside it. Mongoose queries are lazy thenables: a query
 * returned from the scope and awaited outside would execute without the scope's tenant.
 */
function runInside<T>(ctx: RequestContext, fn: () => T | PromiseLike<T>): Promise<T> {
  return storage.run(ctx, async () => await fn());
}
