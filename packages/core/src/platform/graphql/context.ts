import type { Principal } from '../auth/principal.js';

/** What every resolver gets per request. Services come from the module's own ModuleRef. */
export interface GraphQLContext {
  principal: Principal;
  requestId: string;
  clientIp: string | undefined;
  userAgent: string | undefined;
  /** The `Idempotency-Key` header as sent (read with platform/idempotency `requestIdempotencyKey`). */
  idempotencyKey?: string | undefined;
}
