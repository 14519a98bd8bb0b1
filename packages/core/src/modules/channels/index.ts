import { defineModule } from '../../platform/module.js';
import { customersModule } from '../customers/index.js';
import { ticketsModule } from '../tickets/index.js';
import { CHANNELS_ERRORS } from './errors.js';
import { channelsIds } from './ids.js';
import { channelsQueues } from './jobs.js';
import { ChannelRequestModel } from './model.js';
import { ChannelsRepository } from './repository.js';
import { channelsRoutes } from './rest.js';
import { ChannelsService } from './service.js';

export { ChannelsService } from './service.js';

/**
 * Channels: how customers' messages come in. First the API channel — `POST /v1/messages` from a
 * brand's app or backend (API key with MESSAGES_WRITE), idempotent on the brand's message id and
 * on `Idempotency-Key`. Agent replies go back through webhooks (`message.sent`).
 */
export const channelsModule = defineModule({
  create: ({ platform, use, port }) =>
    new ChannelsService({
      repo: new ChannelsRepository(platform.db),
      customers: use(customersModule),
      tickets: use(ticketsModule),
      directory: port('tenantDirectory'),
    }),
  name: 'channels',
  summary: "Channels bringing customers' messages in: the API channel (brand apps and backends)",
  ids: channelsIds,
  models: [ChannelRequestModel],
  errors: CHANNELS_ERRORS,
  scopes: { MESSAGES_WRITE: "Push customers' messages from the brand's app or backend (POST /v1/messages)" },
  routes: channelsRoutes,
  queues: channelsQueues,
  tenantData: { kind: 'models' },
});
