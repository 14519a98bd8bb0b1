import { z } from 'zod';
import { API_SCOPE_PATTERN } from '../../platform/auth/principal.js';
import { noArgs, resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { apiKeyDto } from './dto.js';
import { keyId, nameInput, TENANT_ADMIN } from './graphql-inputs.js';
import type { IdentityServices } from './module-services.js';

/** The tenant's API keys. */
export const apiKeysTypeDefs = /* GraphQL */ `
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

  type Query {
    """
    Tenant admins.
    """
    apiKeys: [ApiKey!]!
  }

  type Mutation {
    """
    Tenant admins: the secret is returned once.
    """
    createApiKey(name: String!, scopes: [ApiScope!]!): ApiKeyWithSecret!
    """
    Tenant admins.
    """
    revokeApiKey(id: ID!): ApiKey!
  }
`;

export const apiKeysTypePolicies: Record<string, TypePolicy> = {
  ApiKey: 'inherit-from-parent',
  ApiKeyWithSecret: 'inherit-from-parent',
};

export const apiKeysResolvers = ({ service: m }: ModuleRef<IdentityServices>): ResolverMap => ({
  Query: {
    apiKeys: resolver(TENANT_ADMIN, noArgs, async () => (await m.apiKeys.listApiKeys()).map(apiKeyDto)),
  },
  Mutation: {
    createApiKey: resolver(
      TENANT_ADMIN,
      z.object({
        name: nameInput,
        // The ApiScope enum (every module's scopes) has already refused unknown names.
        scopes: z
          .array(z.string().regex(API_SCOPE_PATTERN))
          .min(1, 'Choose at least one scope')
          .max(50)
          .transform((s) => [...new Set(s)]),
      }),
      async (a, ctx) => {
        const r = await m.apiKeys.createApiKey(ctx.principal, a.name, a.scopes);
        return { apiKey: apiKeyDto(r.apiKey), secret: r.secret };
      },
    ),
    revokeApiKey: resolver(TENANT_ADMIN, z.object({ id: keyId }), async (a) =>
      apiKeyDto(await m.apiKeys.revokeApiKey(a.id)),
    ),
  },
});
