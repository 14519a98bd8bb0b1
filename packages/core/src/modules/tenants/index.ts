import { CredentialVersions } from '../../platform/auth/versions.js';
import { defineModule } from '../../platform/module.js';
import { auditModule } from '../audit/index.js';
import { identityModule } from '../identity/index.js';
import { TENANTS_ERRORS } from './errors.js';
import { tenantsResolvers, tenantsTypeDefs, tenantsTypePolicies } from './graphql.js';
import { tenantsIds } from './ids.js';
import { TenantExportChunkModel, TenantExportModel, TenantModel } from './model.js';
import { TenantsRepository } from './repository.js';
import { tenantsRoutes } from './rest.js';
import { TenantsService } from './service.js';

export { TenantsService } from './service.js';
export type { OnboardInput, PlanInput } from './inputs.js';
export { TenantsError, type TenantsErrorCode } from './errors.js';
export type { TenantRecord, PlanLimits, TenantStatus } from './model.js';

/** The provider's tenants: onboarding, plan, suspension, offboarding with export. */
export const tenantsModule = defineModule({
  name: 'tenants',
  summary: 'Tenants: onboarding, plan, suspension, offboarding with export',
  ids: tenantsIds,
  models: [TenantModel, TenantExportModel, TenantExportChunkModel],
  errors: TENANTS_ERRORS,
  scopes: { TENANT_READ: "Read the tenant's profile and plan" },
  graphql: { typeDefs: tenantsTypeDefs, typePolicies: tenantsTypePolicies, resolvers: tenantsResolvers },
  routes: tenantsRoutes,
  tenantData: {
    kind: 'none',
    reason:
      'Tenant records are provider data: the record stays, marked OFFBOARDED, with its slug and export.',
  },
  provides: (tenants) => ({ tenantDirectory: tenants }),
  create: ({ platform, use, port }) =>
    new TenantsService(
      new TenantsRepository(platform.db, new CredentialVersions(platform.redis, platform.keys)),
      platform.db,
      use(identityModule),
      use(auditModule),
      platform.usage,
      port('tenantLifecycle'),
    ),
});
