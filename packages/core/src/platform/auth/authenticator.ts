import type { TenantRef } from '../tenancy/context.js';
import type { TenantSummary } from '../tenancy/directory.js';
import type { Principal } from './principal.js';
import type { Versions } from './versions.js';

/** The result of checking a bearer credential on a request. */
export interface Authenticated {
  principal: Principal;
  tenant: TenantRef | undefined;
}

/** The tenant a request acts for, as the request path checked it (active, current version). */
export interface CheckedTenant {
  summary: TenantSummary;
  /** The tenant's revocation version the summary was loaded under. */
  version: string | null;
}

/**
 * A bearer credential checked without touching the database — signature, algorithm, claims, an
 * API key's shape — so the request path can refuse it, or count it against its tenant's budget,
 * before any expensive work.
 */
export interface VerifiedCredential {
  /** The tenant it acts for: a signed claim, or the tenant id inside an API key. Null: provider level. */
  tenantId: string | null;
  /**
   * Its secret is proven (a signed token, or an API key this process has accepted before): it may
   * spend its tenant's budget before `resolve`. An unproven one only checks there is budget left.
   */
  proven: boolean;
  /** Revocation versions `resolve` needs; the caller reads them with the rate-limit call. */
  versionKeys: readonly string[];
  /**
   * Who it is now: served from a cache while `versions` (and the tenant's version) are the ones
   * it was checked under, reloaded from the database otherwise. UNAUTHENTICATED when it no longer
   * holds (logout, password change, removal, key revocation, …).
   */
  resolve(input: { versions: Versions; tenant: CheckedTenant | null }): Promise<Authenticated>;
}

/** Implemented by the identity module (a port): the two halves of checking a credential. */
export interface Authenticator {
  /** CPU only (and a signing-key reload for an unknown key id); UNAUTHENTICATED when invalid. */
  verify(bearer: string): Promise<VerifiedCredential>;
}
