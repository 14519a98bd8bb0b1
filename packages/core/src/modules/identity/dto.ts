import type { ApiKeyRecord } from './model.js';
import type { IdentityServices } from './module-services.js';
import type { UserProfile, UserView } from './users-service.js';

/** What the API shows of a user; `role` is their role in the tenant the caller acts for. */
export function userDto(user: UserProfile, role: UserView['role'] = null) {
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
export type UserDto = ReturnType<typeof userDto>;

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

/** A person's memberships in active tenants, with the tenants' names (viewer, staffing). */
export async function membershipsView(m: IdentityServices, uid: string) {
  const memberships = await m.users.membershipsOf(uid);
  const tenants = await m.tenants.getMany(memberships.map((x) => x.tenantId));
  return memberships.flatMap((m) => {
    const t = tenants.find((x) => x.id === m.tenantId && x.status === 'ACTIVE');
    return t
      ? [{ tenantId: t.id, tenantName: t.name, tenantSlug: t.slug, role: m.role, staffed: m.staffed }]
      : [];
  });
}
