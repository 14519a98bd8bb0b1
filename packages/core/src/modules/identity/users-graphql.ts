import { z } from 'zod';
import { resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { userDto } from './dto.js';
import { searchPage, TENANT_ADMIN, tenantRole, USER_READERS, userId } from './graphql-inputs.js';
import type { IdentityServices } from './module-services.js';

/** People and their roles: the types every other identity part refers to, and the tenant's users. */
export const usersTypeDefs = /* GraphQL */ `
  enum TenantRole {
    TENANT_ADMIN
    SUPERVISOR
    AGENT
  }

  enum ProviderRole {
    PROVIDER_ADMIN
    PROVIDER_AGENT
  }

  enum UserStatus {
    INVITED
    ACTIVE
    DISABLED
  }

  type Membership {
    tenantId: ID!
    tenantName: String!
    tenantSlug: String!
    role: TenantRole!
    staffed: Boolean!
  }

  type User {
    id: ID!
    email: String!
    name: String!
    status: UserStatus!
    """
    Role in the tenant the caller acts for; null for provider users listed by a provider admin.
    """
    role: TenantRole
    providerRole: ProviderRole
    """
    Provider agents only: the tenants they are staffed on (visible to provider admins).
    """
    staffedOn: [Membership!]!
    lastLoginAt: DateTime
    createdAt: DateTime!
  }

  type UserPage {
    items: [User!]!
    total: Int!
    page: Int!
    pageSize: Int!
  }

  type Query {
    """
    Tenant admins and supervisors; API keys with USERS_READ.
    """
    users(search: String, page: Int = 1, pageSize: Int = 20): UserPage!
    """
    Tenant admins and supervisors; API keys with USERS_READ.
    """
    user(id: ID!): User!
  }

  type Mutation {
    """
    Tenant admins.
    """
    updateUserRole(userId: ID!, role: TenantRole!): User!
    """
    Tenant admins: removes the user from this tenant; their tokens for it stop working.
    """
    removeUser(userId: ID!): Boolean!
  }
`;

export const usersTypePolicies: Record<string, TypePolicy> = {
  Membership: 'inherit-from-parent',
  User: 'inherit-from-parent',
  UserPage: 'inherit-from-parent',
};

export const usersResolvers = ({ service: m }: ModuleRef<IdentityServices>): ResolverMap => ({
  Query: {
    users: resolver(USER_READERS, searchPage, async (a) => {
      const r = await m.users.listTenantUsers(a.search ?? undefined, a.page, a.pageSize);
      return {
        items: r.items.map((v) => userDto(v.user, v.role)),
        total: r.total,
        page: a.page,
        pageSize: a.pageSize,
      };
    }),
    user: resolver(USER_READERS, z.object({ id: userId }), async (a) => {
      const v = await m.users.getTenantUser(a.id);
      return userDto(v.user, v.role);
    }),
  },
  Mutation: {
    updateUserRole: resolver(TENANT_ADMIN, z.object({ userId, role: tenantRole }), async (a) => {
      const v = await m.users.updateUserRole(a.userId, a.role);
      return userDto(v.user, v.role);
    }),
    removeUser: resolver(TENANT_ADMIN, z.object({ userId }), async (a) => {
      await m.users.removeFromTenant(a.userId);
      return true;
    }),
  },
});
