import { z } from 'zod';
import { multiline } from '../../platform/control-chars.js';
import { pageArgs, resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import { platformIds } from '../../platform/ids.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import { apiKeyDto } from '../identity/index.js';
import { onboardInput, planInput } from './inputs.js';
import type { TenantRecord } from './model.js';
import type { TenantsService } from './service.js';

export const tenantsTypeDefs = /* GraphQL */ `
  enum IsolationTier {
    POOLED
    SILOED
  }

  enum TenantStatus {
    ACTIVE
    SUSPENDED
    OFFBOARDED
  }

  type PlanLimits {
    seats: Int!
    apiRatePerMinute: Int!
    storageMb: Int!
  }

  input PlanLimitsInput {
    seats: Int!
    apiRatePerMinute: Int!
    storageMb: Int!
  }

  type TenantUsage {
    users: Int!
    apiKeys: Int!
    requestsToday: Int!
    rateLimitedToday: Int!
  }

  type Tenant {
    id: ID!
    name: String!
    slug: String!
    tier: IsolationTier!
    status: TenantStatus!
    plan: PlanLimits!
    locale: String!
    timeZone: String!
    createdAt: DateTime!
    suspendedAt: DateTime
    suspendedReason: String
    usage: TenantUsage!
  }

  type TenantPage {
    items: [Tenant!]!
    total: Int!
    page: Int!
    pageSize: Int!
  }

  type OnboardTenantPayload {
    tenant: Tenant!
    invitation: InvitationLink!
    apiKey: ApiKeyWithSecret!
  }

  type OffboardTenantPayload {
    tenant: Tenant!
    """
    Id of the export archive, downloadable by provider admins at GET /v1/exports/:id.
    """
    exportId: ID!
    exportedDocuments: Int!
  }

  input OnboardTenantInput {
    name: String!
    slug: String!
    tier: IsolationTier!
    plan: PlanLimitsInput!
    locale: String!
    timeZone: String!
    adminEmail: String!
    adminName: String
  }

  extend type Viewer {
    """
    The tenant this token acts for; null for a provider-level token.
    """
    tenant: Tenant
  }

  type Query {
    """
    The tenant the credential acts for. Tenant users and API keys with TENANT_READ.
    """
    currentTenant: Tenant!
    """
    Provider admins.
    """
    tenants(
      search: String
      status: TenantStatus
      tier: IsolationTier
      page: Int = 1
      pageSize: Int = 20
    ): TenantPage!
    """
    Provider admins.
    """
    tenant(id: ID!): Tenant!
  }

  type Mutation {
    """
    Provider admins.
    """
    onboardTenant(input: OnboardTenantInput!): OnboardTenantPayload!
    """
    Provider admins.
    """
    updateTenantPlan(id: ID!, plan: PlanLimitsInput!): Tenant!
    """
    Provider admins: signs out every user of the tenant and rejects its API keys.
    """
    suspendTenant(id: ID!, reason: String!): Tenant!
    """
    Provider admins.
    """
    resumeTenant(id: ID!): Tenant!
    """
    Provider admins: exports then deletes the tenant's data; confirmSlug must equal the tenant's slug.
    """
    offboardTenant(id: ID!, confirmSlug: String!): OffboardTenantPayload!
    """
    Provider admins: revokes every active key of the tenant and issues one replacement per key.
    """
    rotateTenantApiKeys(tenantId: ID!): [ApiKeyWithSecret!]!
  }
`;

const PROVIDER_ADMIN = { provider: ['PROVIDER_ADMIN'] } as const;
const tenantId = platformIds.schema('tn');

/** The GraphQL shape of a tenant; the record rides along for field resolvers (usage). */
export function tenantDto(t: TenantRecord) {
  return {
    id: t._id,
    name: t.name,
    slug: t.slug,
    tier: t.tier,
    status: t.status,
    plan: t.plan,
    locale: t.locale,
    timeZone: t.timeZone,
    createdAt: t.createdAt,
    suspendedAt: t.suspendedAt,
    suspendedReason: t.suspendedReason,
    record: t,
  };
}
type TenantDto = ReturnType<typeof tenantDto>;

export const tenantsTypePolicies: Record<string, TypePolicy> = {
  PlanLimits: 'inherit-from-parent',
  TenantUsage: 'inherit-from-parent',
  Tenant: 'inherit-from-parent',
  TenantPage: 'inherit-from-parent',
  OnboardTenantPayload: 'inherit-from-parent',
  OffboardTenantPayload: 'inherit-from-parent',
};

export const tenantsResolvers = ({ service: tenants }: ModuleRef<TenantsService>): ResolverMap => ({
  Tenant: {
    usage: (parent: TenantDto) => tenants.usageOf(parent.record),
  },
  Viewer: {
    tenant: async (parent: { tenantId: string | null }) =>
      parent.tenantId ? tenantDto(await tenants.find(parent.tenantId)) : null,
  },
  Query: {
    currentTenant: resolver(
      { tenant: ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'], apiKey: ['TENANT_READ'] },
      z.object({}),
      async () => tenantDto(await tenants.find(requireTenant().id)),
    ),
    tenants: resolver(
      PROVIDER_ADMIN,
      z.object({
        search: z.string().max(100).nullish(),
        status: z.enum(['ACTIVE', 'SUSPENDED', 'OFFBOARDED']).nullish(),
        tier: z.enum(['POOLED', 'SILOED']).nullish(),
        ...pageArgs,
      }),
      async (a) => {
        const { items, total } = await tenants.list(
          { search: a.search ?? undefined, status: a.status ?? undefined, tier: a.tier ?? undefined },
          a.page,
          a.pageSize,
        );
        return { items: items.map(tenantDto), total, page: a.page, pageSize: a.pageSize };
      },
    ),
    tenant: resolver(PROVIDER_ADMIN, z.object({ id: tenantId }), async (a) =>
      tenantDto(await tenants.find(a.id)),
    ),
  },
  Mutation: {
    onboardTenant: resolver(PROVIDER_ADMIN, z.object({ input: onboardInput }), async (a, ctx) => {
      const r = await tenants.onboard(ctx.principal, a.input);
      return {
        tenant: tenantDto(r.tenant),
        invitation: r.invitation,
        apiKey: { apiKey: apiKeyDto(r.apiKey.apiKey), secret: r.apiKey.secret },
      };
    }),
    updateTenantPlan: resolver(PROVIDER_ADMIN, z.object({ id: tenantId, plan: planInput }), async (a) =>
      tenantDto(await tenants.updatePlan(a.id, a.plan)),
    ),
    suspendTenant: resolver(
      PROVIDER_ADMIN,
      z.object({
        id: tenantId,
        // The console's reason box is multi-line.
        reason: multiline(z.string().trim().min(1, 'A reason is required').max(500)),
      }),
      async (a) => tenantDto(await tenants.suspend(a.id, a.reason)),
    ),
    resumeTenant: resolver(PROVIDER_ADMIN, z.object({ id: tenantId }), async (a) =>
      tenantDto(await tenants.resume(a.id)),
    ),
    offboardTenant: resolver(
      PROVIDER_ADMIN,
      z.object({ id: tenantId, confirmSlug: z.string().max(100) }),
      async (a, ctx) => {
        const r = await tenants.offboard(ctx.principal, a.id, a.confirmSlug);
        return { tenant: tenantDto(r.tenant), exportId: r.exportId, exportedDocuments: r.exportedDocuments };
      },
    ),
    rotateTenantApiKeys: resolver(PROVIDER_ADMIN, z.object({ tenantId }), async (a, ctx) =>
      (await tenants.rotateApiKeys(ctx.principal, a.tenantId)).map((k) => ({
        apiKey: apiKeyDto(k.apiKey),
        secret: k.secret,
      })),
    ),
  },
});
