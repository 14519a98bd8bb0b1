/**
 * @tandem/core — the Tandem server. Read this file first:
 *
 *   platform/   cross-cutting machinery, no business rules and no module names: config (the only
 *               reader of process.env), logger, tenancy (AsyncLocalStorage context, the Mongoose
 *               plugin that scopes every query, forEachTenant), db (pooled vs siloed placement),
 *               auth (tokens, principals), http (Express app, routes declared with policy and
 *               schemas, error mapping), graphql (policies, scalars), queues, and module.ts —
 *               the contract every module declares itself with (defineModule).
 *   modules/    one folder per domain, same inner shape (see modules/README.md); its index.ts
 *               exports one defineModule({...}).
 *   modules.ts  the list of modules. services.ts builds them (the composition root), schema.ts
 *               assembles GraphQL, jobs.ts the worker's queues, errors-catalog.ts every error
 *               code, tenant-lifecycle.ts offboarding/suspension across modules, bootstrap.ts
 *               boots a process; entrypoints/ api, worker and cli.
 */
export { loadConfig, describeConfig, type Config } from './platform/config/index.js';
export { bootstrap, createApiServer } from './bootstrap.js';
export { shutdownServices } from './platform/runtime.js';
export { GRAPHQL_LIMITS, type ApiServer } from './platform/http/app.js';
export { buildSchema, printedSchema, typePolicies, typePoliciesOf, apiScopes } from './schema.js';
export { createServices, type Services, type ModuleServices } from './services.js';
export { MODULES } from './modules.js';
export { BusinessCalendar, chinaOverrides, type BusinessCalendarSpec } from './modules/sla/index.js';
export { seedProviderAdmin } from './seed.js';
export { startWorkers, queueSpecs } from './jobs.js';
export * as tenancy from './platform/tenancy/context.js';
export { forEachTenant } from './platform/tenancy/directory.js';
export { registeredModels, type ModelDef, type Placement } from './platform/db/index.js';
export { POLICY, fieldPolicy, type Policy } from './platform/graphql/policy.js';
export { ROUTE_POLICY } from './platform/http/routes.js';
export { defineModule, type AnyModule, type ModuleDefinition } from './platform/module.js';
export { ERROR_CATALOG, ERROR_TABLES, errorTablesOf, clientVisibleErrorCodes } from './errors-catalog.js';
