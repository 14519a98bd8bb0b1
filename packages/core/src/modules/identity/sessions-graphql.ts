import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import { CUSTOMER_REF_PATTERN } from '../../platform/auth/tokens.js';
import { unauthenticated } from '../../platform/errors.js';
import type { GraphQLContext } from '../../platform/graphql/context.js';
import { noArgs, resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import type { AuthResult, ClientMeta } from './auth-service.js';
import { membershipsView, userDto } from './dto.js';
import { tenantId } from './graphql-inputs.js';
import type { IdentityServices } from './module-services.js';

/** Signing in and out, tokens per tenant, the viewer, and end-customer sessions. */
export const sessionsTypeDefs = /* GraphQL */ `
  type CustomerSession {
    """
    Bearer token for the customer's widget or app; short-lived, acts for this tenant only.
    """
    token: String!
    expiresAt: DateTime!
  }

  type CustomerSessionInfo {
    tenantName: String!
    locale: String!
    customerRef: String!
    displayName: String
    expiresAt: DateTime!
  }

  type Viewer {
    user: User!
    role: TenantRole
    providerRole: ProviderRole
    """
    Tenants the user may switch to (switchTenant issues a new token).
    """
    memberships: [Membership!]!
  }

  type AuthPayload {
    accessToken: String!
    refreshToken: String!
    """
    When the access token expires.
    """
    expiresAt: DateTime!
    viewer: Viewer!
  }

  type Query {
    """
    Who the current credential is. Any signed-in user.
    """
    viewer: Viewer!
    """
    End customers: the session their widget or app holds (which brand, until when).
    """
    customerSession: CustomerSessionInfo!
  }

  type Mutation {
    """
    Public, throttled per account and per client address.
    """
    login(email: String!, password: String!): AuthPayload!
    """
    Public: rotates the refresh token; reuse of an old one revokes the whole session.
    """
    refreshSession(refreshToken: String!): AuthPayload!
    """
    Signed-in users: ends this session (access and refresh tokens stop working).
    """
    logout: Boolean!
    """
    Signed-in users: a new token acting for another tenant the user belongs to (or null for provider level).
    """
    switchTenant(tenantId: ID): AuthPayload!
    """
    Signed-in users: ends every session of the user.
    """
    changePassword(currentPassword: String!, newPassword: String!): Boolean!
    """
    API keys with CUSTOMER_SESSIONS_WRITE: the brand's backend starts a session for a customer it
    has signed in. customerRef is the brand's own opaque id for the customer (not an email or phone).
    """
    createCustomerSession(customerRef: String!, displayName: String): CustomerSession!
  }
`;

export const sessionsTypePolicies: Record<string, TypePolicy> = {
  Viewer: 'inherit-from-parent',
  AuthPayload: 'inherit-from-parent',
  CustomerSession: 'inherit-from-parent',
  CustomerSessionInfo: 'inherit-from-parent',
};

/** The Viewer's `tenant` field is the tenants module's (it resolves `tenantId`). */
async function viewerOf(principal: Principal, m: IdentityServices) {
  if (principal.kind !== 'user') throw unauthenticated();
  // The request's credential check already holds the current profile (no read); else read it.
  const user = m.auth.currentUser(principal) ?? (await m.users.getUser(principal.userId));
  if (!user) throw unauthenticated();
  return {
    user: userDto(user, principal.tenantRole),
    tenantId: principal.tenantId,
    role: principal.tenantRole,
    providerRole: principal.providerRole,
    // Resolved only when the query asks for it (graphql calls a function-valued field).
    memberships: () => membershipsView(m, user._id),
  };
}

/** An AuthPayload: the tokens of a sign-in (or an accepted invitation) and who they are for. */
export async function authPayload(r: AuthResult, m: IdentityServices) {
  return {
    accessToken: r.accessToken,
    refreshToken: r.refreshToken,
    expiresAt: r.expiresAt,
    viewer: await viewerOf(r.principal, m),
  };
}

export const clientMeta = (ctx: GraphQLContext): ClientMeta => ({
  ip: ctx.clientIp,
  userAgent: ctx.userAgent,
});

export const sessionsResolvers = ({ service: m }: ModuleRef<IdentityServices>): ResolverMap => ({
  Query: {
    viewer: resolver({ signedIn: true }, noArgs, (_a, ctx) => viewerOf(ctx.principal, m)),
    customerSession: resolver({ customer: true }, noArgs, async (_a, ctx) => {
      const p = ctx.principal;
      if (p.kind !== 'customer') throw unauthenticated();
      const t = await m.tenants.get(p.tenantId);
      if (!t) throw unauthenticated();
      return {
        tenantName: t.name,
        locale: t.locale,
        customerRef: p.customerRef,
        displayName: p.displayName,
        expiresAt: p.expiresAt,
      };
    }),
  },
  Mutation: {
    login: resolver(
      { public: true },
      z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) }),
      async (a, ctx) => authPayload(await m.auth.login(a.email, a.password, clientMeta(ctx)), m),
    ),
    refreshSession: resolver({ public: true }, z.object({ refreshToken: z.string().max(200) }), async (a) =>
      authPayload(await m.auth.refresh(a.refreshToken), m),
    ),
    logout: resolver({ signedIn: true }, noArgs, async (_a, ctx) => {
      await m.auth.logout(ctx.principal);
      return true;
    }),
    switchTenant: resolver({ signedIn: true }, z.object({ tenantId: tenantId.nullish() }), async (a, ctx) =>
      authPayload(await m.auth.switchTenant(ctx.principal, a.tenantId ?? null), m),
    ),
    changePassword: resolver(
      { signedIn: true },
      z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().max(256) }),
      async (a, ctx) => {
        await m.auth.changePassword(ctx.principal, a.currentPassword, a.newPassword);
        return true;
      },
    ),
    createCustomerSession: resolver(
      { apiKey: ['CUSTOMER_SESSIONS_WRITE'] },
      z.object({
        customerRef: z
          .string()
          .regex(CUSTOMER_REF_PATTERN, 'customerRef: 1–128 letters, digits or . _ : - (your own opaque id)'),
        displayName: z.string().trim().min(1).max(120).nullish(),
      }),
      (a, ctx) => m.auth.createCustomerSession(ctx.principal, a.customerRef, a.displayName ?? null),
    ),
  },
});
