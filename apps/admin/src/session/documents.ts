/**
 * The session's own operations and the fragments every sign-in path shares. The sign-in pages
 * (features/auth) select `...AuthPayloadFields` so the manager can store whatever they return.
 */
import { graphql } from '../api/generated';
import type { AuthPayloadFieldsFragment, ViewerFieldsFragment } from '../api/generated/graphql';

export const ViewerFields = graphql(`
  fragment ViewerFields on Viewer {
    user {
      id
      email
      name
      status
    }
    tenant {
      id
      name
      slug
      status
      tier
      locale
      timeZone
    }
    role
    providerRole
    memberships {
      tenantId
      tenantName
      tenantSlug
      role
      staffed
    }
  }
`);

export const AuthPayloadFields = graphql(`
  fragment AuthPayloadFields on AuthPayload {
    accessToken
    refreshToken
    expiresAt
    viewer {
      ...ViewerFields
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthPayloadFields
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const SwitchTenantMutation = graphql(`
  mutation SwitchTenant($tenantId: ID) {
    switchTenant(tenantId: $tenantId) {
      ...AuthPayloadFields
    }
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      ...ViewerFields
    }
  }
`);

/** Who is signed in, for which tenant, in which roles. */
export type Viewer = ViewerFieldsFragment;
export type Membership = Viewer['memberships'][number];
/** What sign-in, refresh, invitation acceptance and tenant switch return. */
export type AuthPayload = AuthPayloadFieldsFragment;
