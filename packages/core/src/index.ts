/**
 * @tandem/core — the Tandem server. Read this file first:
 *
 *   platform/   cross-cutting machinery: config (the only reader of process.env), logger,
 *               tenancy (AsyncLocalStorage context + the Mongoose plugin that scopes every
 *               query), db (pooled vs siloed placement), auth (tokens, principals), http
 *               (Express app, routes with policies, error mapping), graphql (policies,
 *               scalars), queues (Bull with tenant-carrying envelopes), runtime (boot).
 *   modules/    one folder per domain, same inner shape: model, repository (the only code
 *               that touches Mongoose), service, graphql (SDL + resolvers with policies),
 *               errors, index (the domain's public surface).
 *   services.ts the composition root; schema.ts assembles the GraphQL API; jobs.ts the
 *               worker's queues; entrypoints/ api, worker and cli processes.
 */
export { loadConfig, describeConfig, type Config } from './platform/config/index.js';
export { bootstrap, shutdownServices } from './platform/runtime.js';
export { createApiServer, GRAPHQL_LIMITS, type ApiServer } from './platform/http/app.js';
export { buildSchema, printedSchema, typePolicies } from './schema.js';
export { createServices, type Services } from './services.js';
export { seedProviderAdmin } from './seed.js';
export { startWorkers } from './jobs.js';
export * as tenancy from './platform/tenancy/context.js';
export { registeredModels, type ModelDef, type Placement } from './platform/db/index.js';
export { POLICY, type Policy } from './platform/graphql/policy.js';
export { ROUTE_POLICY } from './platform/http/routes.js';
export { ERROR_CATALOG, clientVisibleErrorCodes } from './errors-catalog.js';
