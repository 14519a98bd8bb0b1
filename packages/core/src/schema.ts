import { makeExecutableSchema } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { baseTypeDefs, DateTimeScalar, JSONScalar } from './platform/graphql/scalars.js';
import { attachPolicies, type TypePolicy } from './platform/graphql/policy.js';
import { auditResolvers, auditTypeDefs, auditTypePolicies } from './modules/audit/index.js';
import { identityResolvers, identityTypeDefs, identityTypePolicies } from './modules/identity/index.js';
import { tenantsResolvers, tenantsTypeDefs, tenantsTypePolicies } from './modules/tenants/index.js';

/** The GraphQL API: each domain contributes its SDL, resolvers and type policies. */
export function buildSchema(): GraphQLSchema {
  const resolvers = [tenantsResolvers, identityResolvers, auditResolvers];
  const schema = makeExecutableSchema({
    typeDefs: [baseTypeDefs, tenantsTypeDefs, identityTypeDefs, auditTypeDefs],
    resolvers: [{ DateTime: DateTimeScalar, JSON: JSONScalar }, ...resolvers],
  });
  attachPolicies(schema, resolvers);
  return schema;
}

export const typePolicies: Record<string, TypePolicy> = {
  ...tenantsTypePolicies,
  ...identityTypePolicies,
  ...auditTypePolicies,
};

/** The SDL committed as packages/core/schema.graphql (a test keeps it current). */
export function printedSchema(schema = buildSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
