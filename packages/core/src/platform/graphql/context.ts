import type { Principal } from '../auth/principal.js';
import type { Services } from '../../services.js';

export interface GraphQLContext {
  principal: Principal;
  requestId: string;
  services: Services;
  clientIp: string | undefined;
  userAgent: string | undefined;
}
