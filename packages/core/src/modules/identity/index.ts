export { IdentityService, type InvitationLink, type ApiKeyWithSecret, type UserView } from './service.js';
export { AuthService, type AuthResult, type ClientMeta } from './auth-service.js';
export { IdentityRepository } from './repository.js';
export { IdentityError, type IdentityErrorCode } from './errors.js';
export type { TenantDirectory, TenantSummary } from './ports.js';
export type { UserRecord, MembershipRecord, ApiKeyRecord } from './model.js';
export { identityTypeDefs, identityResolvers, identityTypePolicies, apiKeyDto, userDto } from './graphql.js';
