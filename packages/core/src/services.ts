import type { Redis } from 'ioredis';
import { TokenService } from './platform/auth/tokens.js';
import type { Config } from './platform/config/index.js';
import type { Database } from './platform/db/index.js';
import type { Logger } from './platform/logger.js';
import type {
  AnyModule,
  ModuleContext,
  ModuleDefinition,
  ModuleRef,
  Platform,
  Ports,
} from './platform/module.js';
import { EventRelay, EVENTS_QUEUE } from './platform/events/index.js';
import { LiveHub } from './platform/live/hub.js';
import { createQueue } from './platform/queues.js';
import { RedisKeys } from './platform/redis.js';
import { UsageMeter } from './platform/usage.js';
import { MODULES, type Module } from './modules.js';
import { createTenantLifecycle } from './tenant-lifecycle.js';

type ServiceOf<M> = M extends ModuleDefinition<string, infer S> ? S : never;

/** Each module's service, by module name. */
export type ModuleServices = { [M in Module as M['name']]: ServiceOf<M> };

/** The composition root's product: the platform, every module's service, and the ports. */
export interface Services extends Platform {
  modules: ModuleServices;
  /** The modules this process was composed of (src/modules.ts; tests may add their own). */
  moduleList: readonly AnyModule[];
  ports: Ports;
  /** The handle a module's resolvers, routes and jobs receive. */
  refOf(module: AnyModule): ModuleRef<unknown>;
}

/** A port resolved on first use, so modules can be built in list order whatever they need. */
function lazyPort<T extends object>(name: string, resolve: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      const target = resolve();
      if (!target) throw new Error(`port ${name} is not provided by any module`);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function createServices(
  deps: { config: Config; logger: Logger; db: Database; redis: Redis },
  moduleList: readonly AnyModule[] = MODULES,
): Services {
  const { config, db, redis } = deps;
  const keys = new RedisKeys(config.REDIS_PREFIX);
  const platform: Platform = {
    ...deps,
    keys,
    tokens: new TokenService(db, config),
    usage: new UsageMeter(redis, keys),
    events: new EventRelay(
      db,
      createQueue(EVENTS_QUEUE, { redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }),
      redis,
      keys,
      deps.logger,
    ),
    // Subscriber mode needs a connection of its own; it connects on the first subscription.
    live: new LiveHub(redis.duplicate({ lazyConnect: true }), keys, deps.logger),
  };
  const modules = moduleList;
  const built = new Map<AnyModule, unknown>();
  const building: AnyModule[] = [];
  const provided: Partial<Ports> = {};
  const refOf = (m: AnyModule): ModuleRef<unknown> => ({
    platform,
    get service() {
      if (!built.has(m)) throw new Error(`module ${m.name} is not built`);
      return built.get(m);
    },
  });
  provided.tenantLifecycle = createTenantLifecycle(modules, refOf, db);

  const ctx: ModuleContext = {
    platform,
    use<S>(m: ModuleDefinition<string, S>): S {
      const mod = m as unknown as AnyModule;
      if (!modules.includes(mod)) throw new Error(`module ${m.name} is not in src/modules.ts`);
      if (built.has(mod)) return built.get(mod) as S;
      if (building.includes(mod)) {
        throw new Error(`module cycle: ${[...building, mod].map((x) => x.name).join(' -> ')}`);
      }
      building.push(mod);
      const service = m.create(ctx);
      building.pop();
      built.set(mod, service);
      const ports = m.provides?.(service) ?? {};
      for (const key of Object.keys(ports) as (keyof Ports)[]) {
        if (provided[key]) throw new Error(`port ${key} is provided twice`);
        Object.assign(provided, { [key]: ports[key] });
      }
      return service;
    },
    port: <K extends keyof Ports>(name: K): Ports[K] => lazyPort<Ports[K]>(name, () => provided[name]),
  };
  for (const m of modules) ctx.use(m);

  return {
    ...platform,
    modules: Object.fromEntries(modules.map((m) => [m.name, built.get(m)])) as ModuleServices,
    moduleList: modules,
    ports: {
      tenantDirectory: ctx.port('tenantDirectory'),
      authenticator: ctx.port('authenticator'),
      tenantLifecycle: ctx.port('tenantLifecycle'),
      tenantCrypto: ctx.port('tenantCrypto'),
    },
    refOf,
  };
}
