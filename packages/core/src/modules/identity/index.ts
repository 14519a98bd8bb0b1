import { CredentialVersions } from '../../platform/auth/versions.js';
import { defineModule } from '../../platform/module.js';
import { auditModule } from '../audit/index.js';
import { AuthService } from './auth-service.js';
import { IDENTITY_ERRORS } from './errors.js';
import { identityResolvers, identityTypeDefs, identityTypePolicies } from './graphql.js';
import { identityIds } from './ids.js';
import {
  ApiKeyModel,
  InvitationModel,
  MembershipModel,
  SeatCounterModel,
  SessionModel,
  UserModel,
} from './model.js';
import { createPeopleServices, type IdentityServices } from './module-services.js';
import { IdentityRepository } from './repository.js';

export type { InvitationLink, InvitationsService } from './invitations-service.js';
export type { ApiKeyWithSecret, ApiKeysService } from './api-keys-service.js';
export type { UserView, UsersService } from './users-service.js';
export type { StaffingService } from './staffing-service.js';
export { AuthService, type AuthResult, type ClientMeta } from './auth-service.js';
export { IdentityError, type IdentityErrorCode } from './errors.js';
export type { IdentityServices, PeopleServices } from './module-services.js';
export type { UserRecord, MembershipRecord, ApiKeyRecord } from './model.js';
export { apiKeyDto, userDto } from './dto.js';

/** People and credentials: users, memberships, invitations, staffing, API keys, sign-in, sessions. */
export const identityModule = defineModule({
  name: 'identity',
  summary: 'Users, memberships, invitations, staffing, API keys, sign-in and sessions',
  ids: identityIds,
  models: [UserModel, MembershipModel, SessionModel, InvitationModel, ApiKeyModel, SeatCounterModel],
  errors: IDENTITY_ERRORS,
  scopes: {
    USERS_READ: "List the tenant's users",
    USERS_WRITE: "Change the tenant's users",
    CUSTOMER_SESSIONS_WRITE: "Start end-customer sessions for the brand's widget or app",
  },
  graphql: { typeDefs: identityTypeDefs, typePolicies: identityTypePolicies, resolvers: identityResolvers },
  tenantData: {
    kind: 'custom',
    export: ({ service }) => service.offboarding.exportTenant(),
    erase: ({ service }, tenant) => service.offboarding.eraseTenant(tenant),
  },
  onTenantSuspended: ({ service }, tenant, reason) =>
    service.offboarding.revokeTenantSessions(tenant.id, reason),
  provides: (m) => ({ authenticator: m.auth }),
  create: ({ platform, use, port }): IdentityServices => {
    const versions = new CredentialVersions(platform.redis, platform.keys);
    const repo = new IdentityRepository(platform.db, versions);
    const tenants = port('tenantDirectory');
    const audit = use(auditModule);
    return {
      ...createPeopleServices(platform, repo, tenants, audit),
      auth: new AuthService({ ...platform, repo, tenants, audit, versions }),
      tenants,
    };
  },
});
