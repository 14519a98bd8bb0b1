import { makeExecutableSchema } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { baseTypeDefs, DateTimeScalar, JSONScalar } from './platform/graphql/scalars.js';
import { attachPolicies, guardNestedArguments, type TypePolicy } from './platform/graphql/policy.js';
import type { AnyModule, ModuleRef } from './platform/module.js';
import { MODULES } from './modules.js';
import type { Services } from './services.js';

const defaultModules: readonly AnyModule[] = MODULES;

/** Every API-key scope, from the modules that declare them, as the GraphQL enum ApiScope. */
export function apiScopes(
  modules: readonly AnyModule[] = defaultModules,
): { name: string; description: string; module: string }[] {
  return modules.flatMap((m) =>
    Object.entries(m.scopes ?? {}).map(([name, description]) => ({ name, description, module: m.name })),
  );
}

function scopeTypeDefs(modules: readonly AnyModule[]): string {
  const values = apiScopes(modules).map((s) => `  """\n  ${s.description}\n  """\n  ${s.name}`);
  return `"""\nWhat an API key may do; each module declares its own.\n"""\nenum ApiScope {\n${values.join('\n')}\n}\n`;
}

/** Without services (printing the SDL, policy tests) a resolver that runs fails loudly. */
function unwiredRef(m: AnyModule): ModuleRef<unknown> {
  const unwired = new Proxy(
    {},
    {
      get(): never {
        throw new Error(`schema built without services: module ${m.name} is not wired`);
      },
    },
  );
  return { service: unwired, platform: unwired as ModuleRef<unknown>['platform'] };
}

/** The GraphQL API: each module contributes its SDL, resolvers and type policies. */
export function buildSchema(services?: Services): GraphQLSchema {
  const modules = services?.moduleList ?? defaultModules;
  const parts = modules.flatMap((m) => (m.graphql ? [{ m, graphql: m.graphql }] : []));
  const resolvers = parts.map(({ m, graphql }) =>
    graphql.resolvers(services ? services.refOf(m) : unwiredRef(m)),
  );
  const schema = makeExecutableSchema({
    typeDefs: [baseTypeDefs, scopeTypeDefs(modules), ...parts.map((p) => p.graphql.typeDefs)],
    resolvers: [{ DateTime: DateTimeScalar, JSON: JSONScalar }, ...resolvers],
  });
  attachPolicies(schema, resolvers);
  guardNestedArguments(schema);
  return schema;
}

export const typePolicies: Record<string, TypePolicy> = typePoliciesOf(defaultModules);

export function typePoliciesOf(modules: readonly AnyModule[]): Record<string, TypePolicy> {
  return Object.assign({}, ...modules.map((m) => m.graphql?.typePolicies ?? {}));
}

/** The SDL committed as packages/core/schema.graphql (a test keeps it current). */
export function printedSchema(schema = buildSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
