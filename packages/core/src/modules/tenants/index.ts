export { TenantsService, type OnboardInput } from './service.js';
export { TenantsRepository } from './repository.js';
export { TenantsError, type TenantsErrorCode } from './errors.js';
export type { TenantRecord, PlanLimits, TenantStatus } from './model.js';
export { tenantsTypeDefs, tenantsResolvers, tenantsTypePolicies, tenantDto } from './graphql.js';
