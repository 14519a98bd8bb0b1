import { graphql } from '../../api/generated';

export const ProviderUserFields = graphql(`
  fragment ProviderUserFields on User {
    id
    email
    name
    status
    providerRole
    lastLoginAt
    createdAt
    staffedOn {
      tenantId
      tenantName
      tenantSlug
      role
      staffed
    }
  }
`);

export const ProviderUsersQuery = graphql(`
  query ProviderUsers($search: String, $page: Int, $pageSize: Int) {
    providerUsers(search: $search, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      items {
        ...ProviderUserFields
      }
    }
  }
`);

export const InviteProviderUserMutation = graphql(`
  mutation InviteProviderUser($email: String!, $name: String!, $role: ProviderRole!) {
    inviteProviderUser(email: $email, name: $name, role: $role) {
      ...InvitationLinkFields
    }
  }
`);

export const StaffAgentMutation = graphql(`
  mutation StaffAgent($userId: ID!, $tenantId: ID!, $role: TenantRole!) {
    staffAgent(userId: $userId, tenantId: $tenantId, role: $role) {
      ...ProviderUserFields
    }
  }
`);

export const UnstaffAgentMutation = graphql(`
  mutation UnstaffAgent($userId: ID!, $tenantId: ID!) {
    unstaffAgent(userId: $userId, tenantId: $tenantId) {
      ...ProviderUserFields
    }
  }
`);
