/**
 * The module contract. Every domain module's index.ts exports one `defineModule({...})`: all the
 * platform needs from it — GraphQL, errors, models, ids, REST routes, queues, API scopes, and what
 * happens to its tenant data at offboarding. The composition root (src/modules.ts) lists the
 * modules; services, schema, router, worker, error catalogue, offboarding and the cross-tenant
 * probe all iterate that list. Nothing in platform/ names a module.
 */
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { Authenticator } from './auth/authenticator.js';
import type { TokenService } from './auth/tokens.js';
import type { Config } from './config/index.js';
import type { Placement } from './db/index.js';
import type { ErrorTable } from './errors.js';
import type { TypePolicy } from './graphql/policy.js';
import type { RouteSpec } from './http/routes.js';
import type { IdSet } from './ids.js';
import type { Logger } from './logger.js';
import type { JobEnvelope } from './queues.js';
import type { RedisKeys } from './redis.js';
import type { TenantDirectory } from './tenancy/directory.js';
import type { TenantRef } from './tenancy/context.js';
import type { TenantCrypto } from './tenant-crypto.js';
import type { UsageMeter } from './usage.js';
import type { EventRelay } from './events/relay.js';
import type { LiveHub } from './live/hub.js';
import type { EventConsumerSpec } from './events/types.js';
import type { Database } from './db/index.js';

/** What every module gets from the platform. */
export interface Platform {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  keys: RedisKeys;
  tokens: TokenService;
  usage: UsageMeter;
  /** Publishes documents' outbox events (call `flushAfterWrite` after a write that added some). */
  events: EventRelay;
  /** The tenant's live events for subscriptions (one Redis subscriber per process, lazily). */
  live: LiveHub;
}

export type {
  Authenticated,
  Authenticator,
  CheckedTenant,
  VerifiedCredential,
} from './auth/authenticator.js';

/**
 * Cross-module capabilities a module implements for the platform and its peers, wired by the
 * composition root. A module names the port it needs, never the module that provides it.
 */
export interface Ports {
  tenantDirectory: TenantDirectory;
  authenticator: Authenticator;
  tenantLifecycle: TenantLifecycle;
  tenantCrypto: TenantCrypto;
}

/** Offboarding and suspension across every module (implemented by the composition root). */
export interface TenantLifecycle {
  /** Each module's export of the tenant's data: module name → part → documents. */
  exportTenant(tenant: TenantRef): Promise<Record<string, Record<string, unknown[]>>>;
  /** Erases every module's data of the tenant; returns the number of documents removed. */
  eraseTenant(tenant: TenantRef): Promise<number>;
  /** Tells every module the tenant was suspended (sessions end, work stops). */
  tenantSuspended(tenant: TenantRef, reason: string): Promise<void>;
  /** Tells every module the tenant was resumed (held work goes on). */
  tenantResumed(tenant: TenantRef): Promise<void>;
}

/** A handle on the module's own service, given to its resolvers, routes and job handlers. */
export interface ModuleRef<S> {
  readonly service: S;
  readonly platform: Platform;
}

export interface ModuleContext {
  platform: Platform;
  /** Another module's service — import its declaration from its index.ts (acyclic, by lint). */
  use<S>(module: ModuleDefinition<string, S>): S;
  /** A port implemented elsewhere; resolved on first call, so construction order does not matter. */
  port<K extends keyof Ports>(name: K): Ports[K];
}

export type ResolverMap = Record<string, Record<string, unknown>>;

export interface ModuleGraphQL<S> {
  typeDefs: string;
  /** Every object type the module adds, with how its fields are guarded. */
  typePolicies: Record<string, TypePolicy>;
  resolvers(ref: ModuleRef<S>): ResolverMap;
}

export interface QueueSpec<P = unknown> {
  name: string;
  concurrency: number;
  /** Per-tenant fairness (Bull limiter by tenant). */
  perTenant?: { max: number; durationMs: number };
  payload: z.ZodType<P>;
  handle(payload: P, envelope: JobEnvelope): Promise<void>;
  /** Repeatable jobs (a cron in UTC, or every N ms), added once however many workers start. */
  repeat?: ({ jobId: string; payload: P } & ({ cron: string } | { every: number }))[];
}

export function defineQueue<P>(spec: QueueSpec<P>): QueueSpec {
  return spec as unknown as QueueSpec;
}

/**
 * What offboarding does with the module's tenant data:
 * - `models`: export every document of the module's tenant models, then delete them;
 * - `custom`: the module exports and erases itself (data outside tenant models, side effects);
 * - `retained`: exported, then kept on purpose (the reason is shown in docs and reviews);
 * - `none`: the module keeps no tenant data (it may declare no tenant models).
 */
export type TenantData<S> =
  | { kind: 'models' }
  | {
      kind: 'custom';
      export(ref: ModuleRef<S>, tenant: TenantRef): Promise<Record<string, unknown[]>>;
      erase(ref: ModuleRef<S>, tenant: TenantRef): Promise<number>;
    }
  | { kind: 'retained'; reason: string }
  | { kind: 'none'; reason: string };

export interface ModelRef {
  readonly name: string;
  readonly placement: Placement;
}

export interface ModuleDefinition<N extends string, S> {
  name: N;
  /** One line: what the domain is. */
  summary: string;
  ids?: IdSet<string>;
  models: readonly ModelRef[];
  errors: ErrorTable;
  /** API-key scopes the module defines, with what each allows. */
  scopes?: Readonly<Record<string, string>>;
  graphql?: ModuleGraphQL<S>;
  routes?(ref: ModuleRef<S>): RouteSpec[];
  queues?(ref: ModuleRef<S>): QueueSpec[];
  /** Models whose documents carry an outbox (`withOutbox`); the reconciler scans them. */
  eventSources?: readonly ModelRef[];
  /** Reactions to domain events, run by the worker at least once and fair across tenants. */
  consumers?(ref: ModuleRef<S>): EventConsumerSpec[];
  tenantData: TenantData<S>;
  /** Reactions to tenant lifecycle steps that must happen at once (not through events). */
  onTenantSuspended?(ref: ModuleRef<S>, tenant: TenantRef, reason: string): Promise<void>;
  /** What resumes when a suspended tenant is active again (work held at suspension). */
  onTenantResumed?(ref: ModuleRef<S>, tenant: TenantRef): Promise<void>;
  /** Ports this module implements, given its service. */
  provides?(service: S): Partial<Ports>;
  create(ctx: ModuleContext): S;
}

/** Declares a module (the one export of its index.ts). */
export function defineModule<const N extends string, S>(def: ModuleDefinition<N, S>): ModuleDefinition<N, S> {
  return def;
}

/** Any module, whatever its service type. */
export type AnyModule = ModuleDefinition<string, unknown>;
