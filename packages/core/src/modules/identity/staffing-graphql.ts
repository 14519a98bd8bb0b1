import { z } from 'zod';
import type { GraphQLContext } from '../../platform/graphql/context.js';
import { resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { membershipsView, userDto, type UserDto } from './dto.js';
import { PROVIDER_ADMIN, searchPage, tenantId, tenantRole, userId } from './graphql-inputs.js';
import type { IdentityServices } from './module-services.js';

/** Provider staff, and provider agents staffed onto tenants. */
export const staffingTypeDefs = /* GraphQL */ `
  type Query {
    """
    Provider admins: provider users (admins and agents) with their staffing.
    """
    providerUsers(search: String, page: Int = 1, pageSize: Int = 20): UserPage!
  }

  type Mutation {
    """
    Provider admins: staff a provider agent onto a tenant.
    """
    staffAgent(userId: ID!, tenantId: ID!, role: TenantRole! = AGENT): User!
    """
    Provider admins.
    """
    unstaffAgent(userId: ID!, tenantId: ID!): User!
  }
`;

export const staffingTypePolicies: Record<string, TypePolicy> = {};

export const staffingResolvers = ({ service: m }: ModuleRef<IdentityServices>): ResolverMap => ({
  User: {
    /** Staffing is the provider's business: shown to provider admins only, empty for anyone else. */
    staffedOn: async (parent: UserDto, _a: unknown, ctx: GraphQLContext) => {
      const p = ctx.principal;
      if (p.kind !== 'user' || p.tenantId !== null || p.providerRole !== 'PROVIDER_ADMIN') return [];
      if (parent.providerRole !== 'PROVIDER_AGENT') return [];
      return membershipsView(m, parent.id);
    },
  },
  Query: {
    providerUsers: resolver(PROVIDER_ADMIN, searchPage, async (a) => {
      const r = await m.staffing.listProviderUsers(a.search ?? undefined, a.page, a.pageSize);
      return { items: r.items.map((u) => userDto(u)), total: r.total, page: a.page, pageSize: a.pageSize };
    }),
  },
  Mutation: {
    staffAgent: resolver(
      PROVIDER_ADMIN,
      z.object({ userId, tenantId, role: tenantRole.default('AGENT') }),
      async (a) => userDto(await m.staffing.staffAgent(a.userId, a.tenantId, a.role)),
    ),
    unstaffAgent: resolver(PROVIDER_ADMIN, z.object({ userId, tenantId }), async (a) =>
      userDto(await m.staffing.unstaffAgent(a.userId, a.tenantId)),
    ),
  },
});
