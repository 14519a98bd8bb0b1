import { z } from 'zod';
import { PROVIDER_ROLES } from '../../platform/auth/principal.js';
import { resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { nameInput, PROVIDER_ADMIN, TENANT_ADMIN, tenantRole } from './graphql-inputs.js';
import type { IdentityServices } from './module-services.js';
import { emailSchema } from './passwords.js';
import { authPayload, clientMeta } from './sessions-graphql.js';

/** Invitations into a tenant and to the provider's staff, and their acceptance. */
export const invitationsTypeDefs = /* GraphQL */ `
  type InvitationLink {
    """
    Path of the console page that accepts the invitation, e.g. /invite/<token>.
    """
    url: String!
    token: String!
    email: String!
    expiresAt: DateTime!
  }

  type InvitationInfo {
    email: String!
    tenantName: String
    role: TenantRole
    providerRole: ProviderRole
    expiresAt: DateTime!
  }

  type Query {
    """
    Public: what an invitation is for, shown on the accept page.
    """
    invitation(token: String!): InvitationInfo!
  }

  type Mutation {
    """
    Public: set name and password, become active, get signed in.
    """
    acceptInvitation(token: String!, name: String!, password: String!): AuthPayload!
    """
    Provider admins: invite a provider admin or provider agent.
    """
    inviteProviderUser(email: String!, name: String!, role: ProviderRole!): InvitationLink!
    """
    Tenant admins.
    """
    inviteUser(email: String!, name: String!, role: TenantRole!): InvitationLink!
  }
`;

export const invitationsTypePolicies: Record<string, TypePolicy> = {
  InvitationLink: 'inherit-from-parent',
  InvitationInfo: 'inherit-from-parent',
};

const invitationToken = z.string().min(10).max(100);

export const invitationsResolvers = ({ service: m }: ModuleRef<IdentityServices>): ResolverMap => ({
  Query: {
    invitation: resolver({ public: true }, z.object({ token: invitationToken }), (a) =>
      m.invitations.invitationInfo(a.token),
    ),
  },
  Mutation: {
    acceptInvitation: resolver(
      { public: true },
      z.object({ token: invitationToken, name: nameInput, password: z.string().max(256) }),
      async (a, ctx) =>
        authPayload(await m.auth.acceptInvitation(a.token, a.name, a.password, clientMeta(ctx)), m),
    ),
    inviteProviderUser: resolver(
      PROVIDER_ADMIN,
      z.object({ email: emailSchema, name: nameInput, role: z.enum(PROVIDER_ROLES) }),
      (a, ctx) => m.invitations.inviteProviderUser(ctx.principal, a),
    ),
    inviteUser: resolver(
      TENANT_ADMIN,
      z.object({ email: emailSchema, name: nameInput, role: tenantRole }),
      (a, ctx) => m.invitations.inviteToTenant(ctx.principal, a),
    ),
  },
});
