import { auditModule } from './modules/audit/index.js';
import { channelsModule } from './modules/channels/index.js';
import { customersModule } from './modules/customers/index.js';
import { identityModule } from './modules/identity/index.js';
import { keyringModule } from './modules/keyring/index.js';
import { presenceModule } from './modules/presence/index.js';
import { realtimeModule } from './modules/realtime/index.js';
import { slaModule } from './modules/sla/index.js';
import { tenantsModule } from './modules/tenants/index.js';
import { ticketsModule } from './modules/tickets/index.js';
import { webhooksModule } from './modules/webhooks/index.js';

/**
 * Every module of the server, the one list. Services, the GraphQL schema, the REST router, the
 * worker's queues, the error catalogue, offboarding and the cross-tenant probe iterate it.
 * Adding a module is its folder under modules/ plus one line here.
 */
export const MODULES = [
  auditModule,
  identityModule,
  tenantsModule,
  keyringModule,
  customersModule,
  webhooksModule,
  realtimeModule,
  ticketsModule,
  presenceModule,
  channelsModule,
  slaModule,
] as const;

export type Module = (typeof MODULES)[number];
