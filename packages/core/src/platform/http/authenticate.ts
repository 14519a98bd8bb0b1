import type { NextFunction, Request, Response } from 'express';
import type { Authenticated, Authenticator, CheckedTenant } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import type { CredentialVersions } from '../auth/versions.js';
import { PlatformError, unauthenticated } from '../errors.js';
import type { Logger } from '../logger.js';
import { runWithContext, type TenantRef } from '../tenancy/context.js';
import type { TenantSummaryCache } from '../tenancy/tenant-cache.js';
import type { UsageMeter } from '../usage.js';
import { sendError, toAppError } from './errors.js';
import type { Metrics } from './metrics.js';
import type { TenantConcurrency, TenantRateLimiter } from './rate-limit.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/;

/**
 * Credentials not proven yet (an API key this process has not accepted before) count in a bucket
 * of their own per tenant: made-up keys naming a tenant cannot take its established traffic's share.
 */
const bucketOf = (tenantId: string, proven: boolean): string => (proven ? tenantId : `${tenantId}?`);

export interface AuthenticationDeps {
  authenticator: Authenticator;
  tenants: TenantSummaryCache;
  limiter: TenantRateLimiter;
  concurrency: TenantConcurrency;
  versions: CredentialVersions;
  usage: UsageMeter;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The request path, cheapest refusal first:
 *   1. the credential's signature and claims (CPU only; an API key names its tenant);
 *   2. the tenant's share of this process (in-flight cap) — no I/O;
 *   3. the tenant's summary (status, plan rate) from a short-lived cache;
 *   4. one Redis round trip: the tenant's rate limit, its usage counter, and the revocation
 *      versions of the tenant and the credential;
 *   5. only then the credential's current state — from a cache while those versions are unchanged,
 *      from the database otherwise.
 * The tenant of the request comes only from the verified credential; the context is set for the
 * rest of the request.
 */
/** The tenant of a credential, active, under the revocation version just read. */
async function checkedTenant(
  tenants: TenantSummaryCache,
  tenantId: string,
  version: string | null,
  cached: CheckedTenant | null,
): Promise<CheckedTenant & { summary: NonNullable<CheckedTenant['summary']> }> {
  const entry = cached && cached.version === version ? cached : await tenants.refresh(tenantId, version);
  const summary = entry.summary;
  if (!summary || summary.status !== 'ACTIVE') {
    throw unauthenticated(
      'Your organisation is not active',
      summary?.status === 'SUSPENDED' ? 'TENANT_SUSPENDED' : 'TENANT_GONE',
    );
  }
  return { summary, version: entry.version };
}

/**
 * The full check of a credential outside a request (a subscription's connection_init and its
 * periodic re-checks): the same verification, tenant status and exact revocation as the request
 * path, without spending the tenant's request budget.
 */
export function credentialChecker(deps: Pick<AuthenticationDeps, 'authenticator' | 'tenants' | 'versions'>) {
  return async (token: string): Promise<Authenticated> => {
    const credential = await deps.authenticator.verify(token);
    const tenantId = credential.tenantId;
    if (!tenantId) {
      return credential.resolve({ versions: await deps.versions.read(credential.versionKeys), tenant: null });
    }
    const [tenantVersion = null, ...own] = await deps.versions.read([
      deps.tenants.versionKey(tenantId),
      ...credential.versionKeys,
    ]);
    const tenant = await checkedTenant(deps.tenants, tenantId, tenantVersion, null);
    return credential.resolve({ versions: own, tenant });
  };
}

export function authentication(deps: AuthenticationDeps) {
  const { authenticator, tenants, limiter, concurrency, versions } = deps;

  async function authenticate(token: string, res: Response): Promise<Authenticated> {
    const credential = await authenticator.verify(token);
    const tenantId = credential.tenantId;
    if (!tenantId) {
      return credential.resolve({ versions: await versions.read(credential.versionKeys), tenant: null });
    }
    const cached = await tenants.get(tenantId);
    if (!cached.summary) throw unauthenticated(credential.proven ? 'Session ended' : 'API key not accepted');
    const { tier, apiRatePerMinute } = cached.summary;
    let leave: () => void;
    try {
      leave = await concurrency.enter(bucketOf(tenantId, credential.proven));
    } catch (e) {
      deps.metrics.rateLimited.inc({ tier });
      if (credential.proven) await deps.usage.record(tenantId, true);
      throw e;
    }
    res.once('close', leave);
    let read: (string | null)[];
    try {
      read = await limiter.admit(tenantId, apiRatePerMinute, credential.proven ? 'take' : 'peek', [
        tenants.versionKey(tenantId),
        ...credential.versionKeys,
      ]);
    } catch (e) {
      if (toAppError(e).code === 'RATE_LIMITED') deps.metrics.rateLimited.inc({ tier });
      throw e;
    }
    const [tenantVersion = null, ...own] = read;
    const tenant = await checkedTenant(tenants, tenantId, tenantVersion, {
      summary: cached.summary,
      version: cached.version,
    });
    const auth = await credential.resolve({ versions: own, tenant });
    // A credential proven only now spends its budget now (a forged one spent nothing).
    if (!credential.proven) await limiter.admit(tenantId, tenant.summary.apiRatePerMinute, 'take', []);
    return auth;
  }

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      let principal: Principal = { kind: 'anonymous' };
      let tenant: TenantRef | undefined;
      const header = req.get('authorization');
      if (header) {
        const m = BEARER.exec(header);
        if (!m?.[1]) throw new PlatformError('UNAUTHENTICATED', 'Malformed Authorization header');
        const auth = await authenticate(m[1], res);
        principal = auth.principal;
        tenant = auth.tenant;
      }
      runWithContext(
        { requestId: String(res.locals.requestId), principal, tenant, system: undefined, clientIp: req.ip },
        next,
      );
    } catch (err) {
      sendError(req, res, err, deps.logger);
    }
  };
}
