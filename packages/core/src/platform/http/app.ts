import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { costWithVariablesPlugin } from '../graphql/cost.js';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLError, GraphQLSchema, ValidationContext } from 'graphql';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { timingSafeEqualText } from '../crypto.js';
import { PlatformError } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { IDEMPOTENCY_HEADER } from '../idempotency.js';
import { maskLogString, requestLogSerializer } from '../logger.js';
import type { Authenticator } from '../auth/authenticator.js';
import { CredentialVersions } from '../auth/versions.js';
import type { Platform } from '../module.js';
import { currentContext } from '../tenancy/context.js';
import type { TenantDirectory } from '../tenancy/directory.js';
import { TenantSummaryCache } from '../tenancy/tenant-cache.js';
import { authentication, credentialChecker } from './authenticate.js';
import { startSubscriptionServer } from './subscriptions.js';
import { formatGraphQLError, sendError } from './errors.js';
import { throttledStatusPlugin } from './graphql-status.js';
import { createMetrics } from './metrics.js';
import { TenantConcurrency, TenantRateLimiter } from './rate-limit.js';
import {
  anyQuery,
  defineRoute,
  graphqlEndpoint,
  mountRoute,
  noBody,
  noParams,
  type RouteSpec,
} from './routes.js';

/**
 * Limits of what one GraphQL document may ask for. `errors`: validation stops after this many
 * errors (plus graphql's "too many errors" note), so a document with 200 offences costs one error.
 */
export const GRAPHQL_LIMITS = {
  depth: 8,
  aliases: 15,
  directives: 10,
  // graphql-armor's cost: 2 per object, 1 per scalar, ×1.5 per level, a list × its first/last —
  // from the literal, the variable or the default (costWithVariablesPlugin). A console page of
  // 100 tickets with their fields is ≈ 22,000.
  cost: 25000,
  tokens: 2000,
  errors: 1,
} as const;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const LISTEN_BACKLOG = 4096;

const reject = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)],
};

export interface ApiServer {
  app: express.Express;
  httpServer: Server;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Graceful stop: readiness 503, drain HTTP and GraphQL, leave the services to the caller. */
  drain(): Promise<void>;
  isDraining(): boolean;
}

/** What the HTTP server needs: the platform, a way to check credentials, the modules' routes. */
export interface ApiServerDeps {
  platform: Platform;
  authenticator: Authenticator;
  /** Tenant status and plan for the request path (cached there, with exact invalidation). */
  tenants: TenantDirectory;
  schema: GraphQLSchema;
  /** Every module's REST routes (src/modules.ts), mounted after the platform's own. */
  routes: readonly RouteSpec[];
}

export async function createApiServer(deps: ApiServerDeps): Promise<ApiServer> {
  const { platform: services, authenticator, schema } = deps;
  const { config, logger } = services;
  const app = express();
  const httpServer = createServer(app);
  const metrics = createMetrics();
  const versions = new CredentialVersions(services.redis, services.keys);
  let draining = false;

  app.disable('x-powered-by');
  // The client address (req.ip) comes from X-Forwarded-For only when the peer is a trusted proxy.
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    // A client's id is echoed in every log line of the request: one that holds PII is replaced.
    const id = given && REQUEST_ID.test(given) && maskLogString(given) === given ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    // While draining, clients are told not to reuse this connection.
    if (draining) res.setHeader('Connection', 'close');
    res.locals.requestId = id;
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () =>
      end({
        route: req.route ? String(req.route.path) : (req.path.split('/')[1] ?? ''),
        status: res.statusCode,
      }),
    );
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => String(res.getHeader('X-Request-Id')),
      // URLs and Referer redacted (invitation tokens in paths, secrets in query strings).
      serializers: { req: requestLogSerializer },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // The console's component library injects its styles at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
    }),
  );
  app.use(
    cors({
      origin: (origin, cb) => cb(null, !origin || config.CORS_ORIGINS.includes(origin)),
      credentials: false,
      maxAge: 600,
    }),
  );
  app.use(express.json({ limit: config.BODY_LIMIT, strict: true }));
  // Authentication (the tenant of a request comes only from the verified credential), the tenant's
  // share of this process and its rate limit — before any resolver or handler runs.
  const tenantSummaries = new TenantSummaryCache(
    deps.tenants,
    versions,
    config.AUTH_CACHE_TTL_SECONDS * 1000,
  );
  app.use(
    authentication({
      authenticator,
      tenants: tenantSummaries,
      limiter: new TenantRateLimiter(
        services.redis,
        services.keys,
        services.usage,
        config.RATE_LIMIT_REFUSAL_DELAY_MS,
      ),
      concurrency: new TenantConcurrency(config.TENANT_MAX_IN_FLIGHT),
      versions,
      usage: services.usage,
      metrics,
      logger,
    }),
  );

  const platformRoutes: RouteSpec[] = [
    defineRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process answers',
      policy: { public: true },
      params: noParams,
      query: anyQuery,
      body: noBody,
      handler: ({ res }) => {
        res.json({ status: 'ok' });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: database and Redis reachable, not draining',
      policy: { public: true },
      params: noParams,
      query: anyQuery,
      body: noBody,
      async handler({ res }) {
        if (draining) {
          res.status(503).json({ status: 'draining' });
          return;
        }
        try {
          await Promise.all([services.db.ping(), services.redis.ping()]);
          res.json({ status: 'ready' });
        } catch {
          res.status(503).json({ status: 'unavailable' });
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      summary: 'Public keys of the token signing keys',
      policy: { public: true },
      params: noParams,
      query: anyQuery,
      body: noBody,
      async handler({ res }) {
        res.setHeader('Cache-Control', 'public, max-age=300');
        res.json(await services.tokens.jwks());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics (x-metrics-token header)',
      // Scraped by Prometheus with a token of its own, never by users.
      policy: { public: true },
      params: noParams,
      query: anyQuery,
      body: noBody,
      async handler({ req, res }) {
        const given = req.get('x-metrics-token');
        if (!config.METRICS_TOKEN || !given || !timingSafeEqualText(given, config.METRICS_TOKEN)) {
          throw new PlatformError('NOT_FOUND', 'Not found');
        }
        res.setHeader('Content-Type', metrics.registry.contentType);
        res.send(await metrics.registry.metrics());
      },
    }),
  ];
  for (const r of [...platformRoutes, ...deps.routes]) mountRoute(app, r);

  const limitRules = [
    maxDepthRule({ n: GRAPHQL_LIMITS.depth, ...reject }),
    // Every alias counts, `__typename` included (the library's default exempts it: 200
    // aliases of __typename were served).
    maxAliasesRule({ n: GRAPHQL_LIMITS.aliases, allowList: [], ...reject }),
    maxDirectivesRule({ n: GRAPHQL_LIMITS.directives, ...reject }),
    costLimitRule({ maxCost: GRAPHQL_LIMITS.cost, ...reject }),
  ];
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.graphqlIntrospection,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    // The process owns its shutdown (readiness first, then drain): Apollo must not race it.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: GRAPHQL_LIMITS.tokens },
    // The first error is what the client needs; hundreds of them (one per unknown directive) are
    // work and bytes an attacker chooses. The limit rules report first (on the operation).
    validationOptions: { maxErrors: GRAPHQL_LIMITS.errors },
    // The armor rules report a violation as a validation error (HTTP 400), not by throwing
    // (which Apollo would turn into a 500 and log as a server fault).
    validationRules: limitRules,
    logger: {
      debug: (m: unknown) => logger.debug({ apollo: m }),
      info: (m: unknown) => logger.info({ apollo: m }),
      warn: (m: unknown) => logger.warn({ apollo: m }),
      error: (m: unknown) => logger.error({ apollo: m }),
    },
    formatError: formatGraphQLError(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_GRACE_MS }),
      ApolloServerPluginLandingPageDisabled(),
      throttledStatusPlugin<GraphQLContext>(),
      costWithVariablesPlugin<GraphQLContext>(schema, GRAPHQL_LIMITS.cost),
    ],
  });
  await apollo.start();
  // Subscriptions (graphql-ws) on the same server and path, with the same credential checks.
  const subscriptions = startSubscriptionServer({
    httpServer,
    schema,
    check: credentialChecker({ authenticator, tenants: tenantSummaries, versions }),
    logger,
    validationRules: limitRules,
    recheckMs: config.SUBSCRIPTION_RECHECK_SECONDS * 1000,
  });

  app.post(
    '/graphql',
    graphqlEndpoint(
      expressMiddleware(apollo, {
        context: async ({ req, res }) => ({
          principal: currentPrincipal(),
          requestId: String(res.locals.requestId),
          clientIp: req.ip,
          userAgent: req.get('user-agent'),
          idempotencyKey: req.get(IDEMPOTENCY_HEADER),
        }),
      }),
    ),
  );

  if (config.ADMIN_DIST_DIR && existsSync(path.join(config.ADMIN_DIST_DIR, 'index.html'))) {
    const dist = path.resolve(config.ADMIN_DIST_DIR);
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // The console is a single-page app: unknown GET paths outside the API get its index.html.
    mountRoute(
      app,
      defineRoute({
        method: 'get',
        path: '/{*path}',
        summary: "The console's index.html for its client-side routes",
        policy: { public: true },
        params: z.object({ path: z.array(z.string()).optional() }).strict(),
        query: anyQuery,
        body: noBody,
        handler: ({ req, res }) => {
          if (/^\/(graphql|v1|healthz|readyz|metrics|\.well-known)(\/|$)/.test(req.path)) {
            throw new PlatformError('NOT_FOUND', 'Not found');
          }
          res.setHeader('Cache-Control', 'no-cache');
          res.sendFile(path.join(dist, 'index.html'));
        },
      }),
    );
  }

  app.use((req: Request, res: Response) => {
    sendError(req, res, new PlatformError('NOT_FOUND', 'Not found'), logger);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendError(req, res, err, logger);
  });

  return {
    app,
    httpServer,
    isDraining: () => draining,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        // A deep accept queue: a burst of new connections (a thousand clients at once) waits to be
        // accepted instead of being reset by the kernel while the event loop is busy (Node's 511).
        httpServer.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    async drain() {
      draining = true;
      // Readiness answers 503 first, while requests are still served, so that a load balancer
      // stops sending new work before the listener closes.
      await new Promise((r) => setTimeout(r, config.SHUTDOWN_READINESS_DELAY_MS));
      // Stops accepting, lets in-flight requests finish (closing idle keep-alive sockets), then
      // stops Apollo. The drain plugin force-closes what is still open after the grace period.
      const timer = setTimeout(() => httpServer.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
      try {
        // Live connections are told to reconnect elsewhere (1001 Going Away) before HTTP drains.
        await subscriptions.close();
        await apollo.stop();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function currentPrincipal(): Principal {
  return currentContext()?.principal ?? { kind: 'anonymous' };
}
