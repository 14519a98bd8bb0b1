import type { TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { apiKeysResolvers, apiKeysTypeDefs, apiKeysTypePolicies } from './api-keys-graphql.js';
import { invitationsResolvers, invitationsTypeDefs, invitationsTypePolicies } from './invitations-graphql.js';
import type { IdentityServices } from './module-services.js';
import { sessionsResolvers, sessionsTypeDefs, sessionsTypePolicies } from './sessions-graphql.js';
import { staffingResolvers, staffingTypeDefs, staffingTypePolicies } from './staffing-graphql.js';
import { usersResolvers, usersTypeDefs, usersTypePolicies } from './users-graphql.js';

/** The identity module's GraphQL, one part per concept; each part's SDL extends Query and Mutation. */
const PARTS = [
  { typeDefs: usersTypeDefs, typePolicies: usersTypePolicies, resolvers: usersResolvers },
  { typeDefs: invitationsTypeDefs, typePolicies: invitationsTypePolicies, resolvers: invitationsResolvers },
  { typeDefs: staffingTypeDefs, typePolicies: staffingTypePolicies, resolvers: staffingResolvers },
  { typeDefs: apiKeysTypeDefs, typePolicies: apiKeysTypePolicies, resolvers: apiKeysResolvers },
  { typeDefs: sessionsTypeDefs, typePolicies: sessionsTypePolicies, resolvers: sessionsResolvers },
];

export const identityTypeDefs = PARTS.map((p) => p.typeDefs).join('\n');

export const identityTypePolicies: Record<string, TypePolicy> = Object.assign(
  {},
  ...PARTS.map((p) => p.typePolicies),
);

/** Every part's resolvers, merged per type; two parts defining one field is a bug. */
export function identityResolvers(ref: ModuleRef<IdentityServices>): ResolverMap {
  const merged: ResolverMap = {};
  for (const part of PARTS) {
    for (const [type, fields] of Object.entries(part.resolvers(ref))) {
      const into = (merged[type] ??= {});
      for (const [field, fn] of Object.entries(fields)) {
        if (field in into) throw new Error(`identity: ${type}.${field} is resolved by two parts`);
        into[field] = fn;
      }
    }
  }
  return merged;
}
