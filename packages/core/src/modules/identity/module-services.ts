import type { Platform } from '../../platform/module.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { AuditService } from '../audit/index.js';
import { ApiKeysService } from './api-keys-service.js';
import type { AuthService } from './auth-service.js';
import { InvitationsService } from './invitations-service.js';
import { OffboardingService } from './offboarding-service.js';
import type { IdentityRepository } from './repository.js';
import { Seats } from './seats.js';
import { SeatsRepository } from './seats-repository.js';
import { StaffingService } from './staffing-service.js';
import { UsersService } from './users-service.js';

/** The people side of identity: one service per concept. */
export interface PeopleServices {
  users: UsersService;
  invitations: InvitationsService;
  staffing: StaffingService;
  apiKeys: ApiKeysService;
  offboarding: OffboardingService;
}

/** The identity module's service: what its resolvers and peers get. */
export interface IdentityServices extends PeopleServices {
  auth: AuthService;
  tenants: TenantDirectory;
}

export function createPeopleServices(
  platform: Platform,
  repo: IdentityRepository,
  tenants: TenantDirectory,
  audit: AuditService,
): PeopleServices {
  const seats = new Seats(new SeatsRepository(platform.db), repo);
  return {
    users: new UsersService(repo, seats, audit),
    invitations: new InvitationsService(repo, seats, tenants, audit, platform.config),
    staffing: new StaffingService(repo, seats, tenants, audit),
    apiKeys: new ApiKeysService(repo, audit),
    offboarding: new OffboardingService(repo, seats),
  };
}
