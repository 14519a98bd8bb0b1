import type { Principal } from '../../platform/auth/principal.js';
import type { VerifiedCredential } from '../../platform/auth/authenticator.js';
import type { CustomerClaims, TokenService } from '../../platform/auth/tokens.js';
import { unauthenticated } from '../../platform/errors.js';

/**
 * End-customer sessions: minted by a brand's backend (an API key with CUSTOMER_SESSIONS_WRITE)
 * for a customer it has signed in. Stateless and short-lived; they stop working when the tenant is
 * suspended (the request path checks the tenant's status on every request).
 */
export class CustomerSessions {
  constructor(private readonly tokens: TokenService) {}

  async create(
    principal: Principal,
    customerRef: string,
    displayName: string | null,
  ): Promise<{ token: string; expiresAt: Date }> {
    if (principal.kind !== 'apiKey') throw unauthenticated();
    return this.tokens.signCustomer({ tid: principal.tenantId, sub: customerRef, name: displayName });
  }

  /** A verified customer token: everything it says is signed; only the tenant's status is checked. */
  credential(claims: CustomerClaims): VerifiedCredential {
    return {
      tenantId: claims.tid,
      proven: true,
      versionKeys: [],
      resolve: ({ tenant }) => {
        if (!tenant) return Promise.reject(unauthenticated('Session ended', 'TENANT_SUSPENDED'));
        return Promise.resolve({
          principal: {
            kind: 'customer',
            tenantId: tenant.summary.id,
            customerRef: claims.sub,
            displayName: claims.name,
            expiresAt: new Date(claims.exp * 1000),
          },
          tenant: { id: tenant.summary.id, tier: tenant.summary.tier },
        });
      },
    };
  }
}
