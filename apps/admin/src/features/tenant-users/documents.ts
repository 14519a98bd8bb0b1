import { graphql } from '../../api/generated';

export const TenantUserFields = graphql(`
  fragment TenantUserFields on User {
    id
    email
    name
    status
    role
    providerRole
    lastLoginAt
    createdAt
    staffedOn {
      tenantId
      staffed
    }
  }
`);

// The browser tests hold this operation back by name ("Users") to watch the loading state.
export const UsersQuery = graphql(`
  query Users($search: String, $page: Int, $pageSize: Int) {
    users(search: $search, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      items {
        ...TenantUserFields
      }
    }
  }
`);

export const InviteUserMutation = graphql(`
  mutation InviteUser($email: String!, $name: String!, $role: TenantRole!) {
    inviteUser(email: $email, name: $name, role: $role) {
      ...InvitationLinkFields
    }
  }
`);

export const UpdateUserRoleMutation = graphql(`
  mutation UpdateUserRole($userId: ID!, $role: TenantRole!) {
    updateUserRole(userId: $userId, role: $role) {
      ...TenantUserFields
    }
  }
`);

export const RemoveUserMutation = graphql(`
  mutation RemoveUser($userId: ID!) {
    removeUser(userId: $userId)
  }
`);
