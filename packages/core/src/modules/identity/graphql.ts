import { z } from 'zod';
import {
  API_SCOPE_PATTERN,
  PROVIDER_ROLES,
  TENANT_ROLES,
  type Principal,
} from '../../platform/auth/principal.js';
import { CUSTOMER_REF_PATTERN } from '../../platform/auth/tokens.js';
import { unauthenticated } from '../../platform/errors.js';
import type { GraphQLContext } from '../../platform/graphql/context.js';
import { noArgs, pageArgs, resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import { platformIds } from '../../platform/ids.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import type { AuthResult } from './auth-service.js';
import { identityIds } from './ids.js';
import type { IdentityServices } from './module-services.js';
import type { ApiKeyRecord, UserRecord } from './model.js';
import { emailSchema } from './passwords.js';
import type { UserView } from './service.js';

export const identityTypeDefs = /* GraphQL */ `
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

  type Viewer {
    user: User!
    role: TenantRole
    providerRole: ProviderRole
    """
    Tenants the user may switch to (switchTenant issues a new token).
    """
    memberships: [Membership!]!
  }

  type ApiKey {
    id: ID!
    name: String!
    """
    Recognisable, non-secret part of the key, e.g. tdk_live_…3fA9; the secret is never shown again.
    """
    prefix: String!
    scopes: [ApiScope!]!
    createdAt: DateTime!
    lastUsedAt: DateTime
    revokedAt: DateTime
  }

  type ApiKeyWithSecret {
    apiKey: ApiKey!
    """
    Shown once.
    """
    secret: String!
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
    Who the current credential is. Any signed-in user.
    """
    viewer: Viewer!
    """
    Provider admins: provider users (admins and agents) with their staffing.
    """
    providerUsers(search: String, page: Int = 1, pageSize: Int = 20): UserPage!
    """
    Tenant admins and supervisors; API keys with USERS_READ.
    """
    users(search: String, page: Int = 1, pageSize: Int = 20): UserPage!
    """
    Tenant admins and supervisors; API keys with USERS_READ.
    """
    user(id: ID!): User!
    """
    Tenant admins.
    """
    apiKeys: [ApiKey!]!
    """
    Public: what an invitation is for, shown on the accept page.
    """
    invitation(token: String!): InvitationInfo!
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
    Public: set name and password, become active, get signed in.
    """
    acceptInvitation(token: String!, name: String!, password: String!): AuthPayload!
    """
    Provider admins: invite a provider admin or provider agent.
    """
    inviteProviderUser(email: String!, name: String!, role: ProviderRole!): InvitationLink!
    """
    Provider admins: staff a provider agent onto a tenant.
    """
    staffAgent(userId: ID!, tenantId: ID!, role: TenantRole! = AGENT): User!
    """
    Provider admins.
    """
    unstaffAgent(userId: ID!, tenantId: ID!): User!
    """
    Tenant admins.
    """
    inviteUser(email: String!, name: String!, role: TenantRole!): InvitationLink!
    """
    Tenant admins.
    """
    updateUserRole(userId: ID!, role: TenantRole!): User!
    """
    Tenant admins: removes the user from this tenant; their tokens for it stop working.
    """
    removeUser(userId: ID!): Boolean!
    """
    Tenant admins: the secret is returned once.
    """
    createApiKey(name: String!, scopes: [ApiScope!]!): ApiKeyWithSecret!
    """
    Tenant admins.
    """
    revokeApiKey(id: ID!): ApiKey!
    """
    API keys with CUSTOMER_SESSIONS_WRITE: the brand's backend starts a session for a customer it
    has signed in. customerRef is the brand's own opaque id for the customer (not an email or phone).
    """
    createCustomerSession(customerRef: String!, displayName: String): CustomerSession!
  }
`;

const userId = platformIds.schema('usr');
const tenantId = platformIds.schema('tn');
const keyId = identityIds.schema('key');
const name = z.string().trim().min(1, 'Name is required').max(120);
const tenantRole = z.enum(TENANT_ROLES);
const TENANT_ADMIN = { tenant: ['TENANT_ADMIN'] } as const;
const PROVIDER_ADMIN = { provider: ['PROVIDER_ADMIN'] } as const;
const USER_READERS = { tenant: ['TENANT_ADMIN', 'SUPERVISOR'], apiKey: ['USERS_READ'] } as const;

export function userDto(user: UserRecord, role: UserView['role'] = null) {
  return {
    id: user._id,
    email: user.email,
    name: user.name,
    status: user.status,
    role,
    providerRole: user.providerRole,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}
type UserDto = ReturnType<typeof userDto>;

export function apiKeyDto(k: ApiKeyRecord) {
  return {
    id: k._id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  };
}

async function membershipsView(m: IdentityServices, uid: string) {
  const memberships = await m.identity.membershipsOf(uid);
  const tenants = await m.tenants.getMany(memberships.map((x) => x.tenantId));
  return memberships.flatMap((m) => {
    const t = tenants.find((x) => x.id === m.tenantId && x.status === 'ACTIVE');
    return t
      ? [{ tenantId: t.id, tenantName: t.name, tenantSlug: t.slug, role: m.role, staffed: m.staffed }]
      : [];
  });
}

/** The Viewer's `tenant` field is the tenants module's (it resolves `tenantId`). */
async function viewerOf(principal: Principal, m: IdentityServices) {
  if (principal.kind !== 'user') throw unauthenticated();
  const user = await m.identity.getUser(principal.userId);
  if (!user) throw unauthenticated();
  return {
    user: userDto(user, principal.tenantRole),
    tenantId: principal.tenantId,
    role: principal.tenantRole,
    providerRole: principal.providerRole,
    memberships: await membershipsView(m, user._id),
  };
}

async function authPayload(r: AuthResult, m: IdentityServices) {
  return {
    accessToken: r.accessToken,
    refreshToken: r.refreshToken,
    expiresAt: r.expiresAt,
    viewer: await viewerOf(r.principal, m),
  };
}

const meta = (ctx: GraphQLContext) => ({ ip: ctx.clientIp, userAgent: ctx.userAgent });

export const identityTypePolicies: Record<string, TypePolicy> = {
  Membership: 'inherit-from-parent',
  User: 'inherit-from-parent',
  UserPage: 'inherit-from-parent',
  Viewer: 'inherit-from-parent',
  ApiKey: 'inherit-from-parent',
  ApiKeyWithSecret: 'inherit-from-parent',
  AuthPayload: 'inherit-from-parent',
  InvitationLink: 'inherit-from-parent',
  InvitationInfo: 'inherit-from-parent',
  CustomerSession: 'inherit-from-parent',
  CustomerSessionInfo: 'inherit-from-parent',
};

export const identityResolvers = ({ service: m }: ModuleRef<IdentityServices>): ResolverMap => ({
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
    viewer: resolver({ signedIn: true }, noArgs, (_a, ctx) => viewerOf(ctx.principal, m)),
    providerUsers: resolver(
      PROVIDER_ADMIN,
      z.object({ search: z.string().max(100).nullish(), ...pageArgs }),
      async (a) => {
        const r = await m.identity.listProviderUsers(a.search ?? undefined, a.page, a.pageSize);
        return { items: r.items.map((u) => userDto(u)), total: r.total, page: a.page, pageSize: a.pageSize };
      },
    ),
    users: resolver(
      USER_READERS,
      z.object({ search: z.string().max(100).nullish(), ...pageArgs }),
      async (a) => {
        const r = await m.identity.listTenantUsers(a.search ?? undefined, a.page, a.pageSize);
        return {
          items: r.items.map((v) => userDto(v.user, v.role)),
          total: r.total,
          page: a.page,
          pageSize: a.pageSize,
        };
      },
    ),
    user: resolver(USER_READERS, z.object({ id: userId }), async (a) => {
      const v = await m.identity.getTenantUser(a.id);
      return userDto(v.user, v.role);
    }),
    apiKeys: resolver(TENANT_ADMIN, noArgs, async () => (await m.identity.listApiKeys()).map(apiKeyDto)),
    invitation: resolver({ public: true }, z.object({ token: z.string().min(10).max(100) }), (a) =>
      m.identity.invitationInfo(a.token),
    ),
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
      async (a, ctx) => authPayload(await m.auth.login(a.email, a.password, meta(ctx)), m),
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
    acceptInvitation: resolver(
      { public: true },
      z.object({ token: z.string().min(10).max(100), name, password: z.string().max(256) }),
      async (a, ctx) => authPayload(await m.auth.acceptInvitation(a.token, a.name, a.password, meta(ctx)), m),
    ),
    inviteProviderUser: resolver(
      PROVIDER_ADMIN,
      z.object({ email: emailSchema, name, role: z.enum(PROVIDER_ROLES) }),
      (a, ctx) => m.identity.inviteProviderUser(ctx.principal, a),
    ),
    staffAgent: resolver(
      PROVIDER_ADMIN,
      z.object({ userId, tenantId, role: tenantRole.default('AGENT') }),
      async (a) => userDto(await m.identity.staffAgent(a.userId, a.tenantId, a.role)),
    ),
    unstaffAgent: resolver(PROVIDER_ADMIN, z.object({ userId, tenantId }), async (a) =>
      userDto(await m.identity.unstaffAgent(a.userId, a.tenantId)),
    ),
    inviteUser: resolver(TENANT_ADMIN, z.object({ email: emailSchema, name, role: tenantRole }), (a, ctx) =>
      m.identity.inviteToTenant(ctx.principal, a),
    ),
    updateUserRole: resolver(TENANT_ADMIN, z.object({ userId, role: tenantRole }), async (a) => {
      const v = await m.identity.updateUserRole(a.userId, a.role);
      return userDto(v.user, v.role);
    }),
    removeUser: resolver(TENANT_ADMIN, z.object({ userId }), async (a) => {
      await m.identity.removeFromTenant(a.userId);
      return true;
    }),
    createApiKey: resolver(
      TENANT_ADMIN,
      z.object({
        name,
        // The ApiScope enum (every module's scopes) has already refused unknown names.
        scopes: z
          .array(z.string().regex(API_SCOPE_PATTERN))
          .min(1, 'Choose at least one scope')
          .max(50)
          .transform((s) => [...new Set(s)]),
      }),
      async (a, ctx) => {
        const r = await m.identity.createApiKey(ctx.principal, a.name, a.scopes);
        return { apiKey: apiKeyDto(r.apiKey), secret: r.secret };
      },
    ),
    revokeApiKey: resolver(TENANT_ADMIN, z.object({ id: keyId }), async (a) =>
      apiKeyDto(await m.identity.revokeApiKey(a.id)),
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
