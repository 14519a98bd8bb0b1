import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { AuthService } from './auth-service.js';
import type { IdentityService } from './service.js';

/** The identity module's service: what its resolvers and peers get. */
export interface IdentityServices {
  identity: IdentityService;
  auth: AuthService;
  tenants: TenantDirectory;
}
