import type { Server } from 'node:http';
import {
  GraphQLError,
  specifiedRules,
  subscribe,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Principal } from '../auth/principal.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import type { Authenticated } from '../auth/authenticator.js';
import { runWithContext, type TenantRef } from '../tenancy/context.js';
import { formatGraphQLError } from './errors.js';

/** Limits of the live connection: per socket, per tenant in one API process, message size. */
export const SUBSCRIPTION_LIMITS = {
  subscriptionsPerConnection: 20,
  connectionsPerTenant: 500,
  maxPayloadBytes: 64 * 1024,
} as const;

type WsContext = GraphQLContext & { tenant: TenantRef | undefined };

interface ConnectionState {
  token: string;
  principal: Principal;
  tenant: TenantRef | undefined;
  active: number;
  timers: NodeJS.Timeout[];
}

/** The `exp` of a JWT (not verified here: authenticate() did that), for closing at expiry. */
function expiresAtMs(token: string): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * GraphQL subscriptions over graphql-ws on the API's own HTTP server (path /graphql).
 * Authenticated at `connection_init` with the same bearer credentials as HTTP (customer sessions
 * included); the tenant comes only from the credential; the credential is re-checked periodically
 * and the socket closed (4401) when it expires or is revoked. Document limits are the HTTP ones.
 */
export function startSubscriptionServer(deps: {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The full check of a bearer credential (http/authenticate.ts credentialChecker). */
  check: (token: string) => Promise<Authenticated>;
  logger: Logger;
  validationRules: readonly ValidationRule[];
  /** How often a connection's credential is checked again (revoked or expired → closed 4401). */
  recheckMs: number;
}): { close(): Promise<void>; connections(): number } {
  const { logger, check } = deps;
  const wss = new WebSocketServer({
    server: deps.httpServer,
    path: '/graphql',
    maxPayload: SUBSCRIPTION_LIMITS.maxPayloadBytes,
  });
  const perTenant = new Map<string, number>();
  const states = new WeakMap<object, ConnectionState>();
  const format = formatGraphQLError(logger);

  const release = (state: ConnectionState): void => {
    for (const t of state.timers) clearTimeout(t);
    state.timers = [];
    if (state.tenant) {
      const n = (perTenant.get(state.tenant.id) ?? 1) - 1;
      if (n <= 0) perTenant.delete(state.tenant.id);
      else perTenant.set(state.tenant.id, n);
    }
  };

  const server = useServer<Record<string, unknown> | undefined>(
    {
      schema: deps.schema,
      async onConnect(ctx) {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const token = typeof raw === 'string' ? raw.replace(/^Bearer /, '') : '';
        if (!/^[A-Za-z0-9._~+/=-]{10,4096}$/.test(token)) return false;
        let auth;
        try {
          auth = await check(token);
        } catch {
          return false;
        }
        if (auth.principal.kind === 'anonymous') return false;
        if (auth.tenant) {
          const n = perTenant.get(auth.tenant.id) ?? 0;
          if (n >= SUBSCRIPTION_LIMITS.connectionsPerTenant) return false;
          perTenant.set(auth.tenant.id, n + 1);
        }
        const state: ConnectionState = {
          token,
          principal: auth.principal,
          tenant: auth.tenant,
          active: 0,
          timers: [],
        };
        states.set(ctx.extra.socket, state);
        const close = (reason: string) => ctx.extra.socket.close(4401, reason);
        const exp = expiresAtMs(token);
        if (exp !== undefined)
          state.timers.push(setTimeout(() => close('Token expired'), Math.max(0, exp - Date.now())));
        const recheck = (): void => {
          state.timers.push(
            setTimeout(() => {
              check(token).then(
                (again: Authenticated) => {
                  if (again.tenant?.id !== state.tenant?.id) return close('Unauthorized');
                  recheck();
                },
                () => close('Unauthorized'),
              );
            }, deps.recheckMs),
          );
        };
        recheck();
        return true;
      },
      onClose(ctx) {
        const state = states.get(ctx.extra.socket);
        if (state) release(state);
      },
      onSubscribe(ctx) {
        const state = states.get(ctx.extra.socket);
        if (!state) return [new GraphQLError('Unauthorized', { extensions: { code: 'UNAUTHENTICATED' } })];
        if (state.active >= SUBSCRIPTION_LIMITS.subscriptionsPerConnection) {
          return [
            new GraphQLError('Too many subscriptions on this connection', {
              extensions: { code: 'RATE_LIMITED' },
            }),
          ];
        }
        return undefined;
      },
      validate: (schema, document) =>
        validate(schema, document, [...specifiedRules, ...deps.validationRules], {
          maxErrors: 1,
        }),
      context(ctx): WsContext {
        const state = states.get(ctx.extra.socket);
        return {
          tenant: state?.tenant,
          principal: state?.principal ?? { kind: 'anonymous' },
          requestId: `ws_${Date.now().toString(36)}`,
          clientIp: ctx.extra.request.socket.remoteAddress,
          userAgent: ctx.extra.request.headers['user-agent'],
        };
      },
      // The subscribe resolver runs in the connection's tenant context, like an HTTP request.
      subscribe: (args: ExecutionArgs) => {
        const c = args.contextValue as WsContext;
        return runWithContext(
          {
            requestId: c.requestId,
            principal: c.principal,
            tenant: c.tenant,
            system: undefined,
            clientIp: c.clientIp,
          },
          () => subscribe(args),
        );
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return undefined;
        return {
          ...result,
          errors: result.errors.map((e) => format(e.toJSON(), e)),
        } as unknown as typeof result;
      },
      onOperation(ctx) {
        const state = states.get(ctx.extra.socket);
        if (state) state.active += 1;
        return undefined;
      },
      onComplete(ctx) {
        const state = states.get(ctx.extra.socket);
        if (state) state.active = Math.max(0, state.active - 1);
      },
    },
    wss,
  );

  return {
    connections: () => wss.clients.size,
    async close() {
      await server.dispose();
    },
  };
}
