import type { ApolloServerPlugin } from '@apollo/server';

/** Codes that mean "slow down": answered 429 with Retry-After, on GraphQL as on REST. */
const THROTTLE_CODES = new Set(['LOGIN_THROTTLED', 'RATE_LIMITED']);

/**
 * A resolver's throttling error (e.g. sign-in's LOGIN_THROTTLED) reaches the client as HTTP 429
 * with `Retry-After`, not as a 200 carrying an error: clients, proxies and load balancers that back
 * off on 429 then do so. `extensions.retryAfterSeconds` stays in the body.
 */
export function throttledStatusPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const throttled = response.body.singleResult.errors?.find((e) =>
            THROTTLE_CODES.has(String(e.extensions?.code)),
          );
          if (!throttled) return;
          response.http.status = 429;
          const retry = Number(throttled.extensions?.retryAfterSeconds);
          if (Number.isFinite(retry) && retry > 0) {
            response.http.headers.set('retry-after', String(Math.max(1, Math.ceil(retry))));
          }
        },
      };
    },
  };
}
