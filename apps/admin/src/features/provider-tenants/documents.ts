import { graphql } from '../../api/generated';

export const TenantFields = graphql(`
  fragment TenantFields on Tenant {
    id
    name
    slug
    tier
    status
    locale
    timeZone
    createdAt
    suspendedAt
    suspendedReason
    plan {
      seats
      apiRatePerMinute
      storageMb
    }
    usage {
      users
      apiKeys
      requestsToday
      rateLimitedToday
    }
  }
`);

/** A key as handed over once (onboarding, rotation). */
export const IssuedKeyFields = graphql(`
  fragment IssuedKeyFields on ApiKeyWithSecret {
    secret
    apiKey {
      id
      name
      prefix
    }
  }
`);

export const TenantsQuery = graphql(`
  query Tenants($search: String, $status: TenantStatus, $tier: IsolationTier, $page: Int, $pageSize: Int) {
    tenants(search: $search, status: $status, tier: $tier, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      items {
        ...TenantFields
      }
    }
  }
`);

export const TenantQuery = graphql(`
  query Tenant($id: ID!) {
    tenant(id: $id) {
      ...TenantFields
    }
  }
`);

/** The latest audit records of one tenant, for its detail page. */
export const TenantActivityQuery = graphql(`
  query TenantActivity($tenantId: ID!, $pageSize: Int) {
    auditLog(filter: { tenantId: $tenantId }, page: 1, pageSize: $pageSize) {
      total
      items {
        id
        at
        action
        actor {
          type
          id
          display
        }
      }
    }
  }
`);

export const OnboardTenantMutation = graphql(`
  mutation OnboardTenant($input: OnboardTenantInput!) {
    onboardTenant(input: $input) {
      tenant {
        ...TenantFields
      }
      invitation {
        ...InvitationLinkFields
      }
      apiKey {
        ...IssuedKeyFields
      }
    }
  }
`);

export const UpdateTenantPlanMutation = graphql(`
  mutation UpdateTenantPlan($id: ID!, $plan: PlanLimitsInput!) {
    updateTenantPlan(id: $id, plan: $plan) {
      ...TenantFields
    }
  }
`);

export const SuspendTenantMutation = graphql(`
  mutation SuspendTenant($id: ID!, $reason: String!) {
    suspendTenant(id: $id, reason: $reason) {
      ...TenantFields
    }
  }
`);

export const ResumeTenantMutation = graphql(`
  mutation ResumeTenant($id: ID!) {
    resumeTenant(id: $id) {
      ...TenantFields
    }
  }
`);

export const OffboardTenantMutation = graphql(`
  mutation OffboardTenant($id: ID!, $confirmSlug: String!) {
    offboardTenant(id: $id, confirmSlug: $confirmSlug) {
      exportId
      exportedDocuments
      tenant {
        ...TenantFields
      }
    }
  }
`);

export const RotateTenantApiKeysMutation = graphql(`
  mutation RotateTenantApiKeys($tenantId: ID!) {
    rotateTenantApiKeys(tenantId: $tenantId) {
      ...IssuedKeyFields
    }
  }
`);
