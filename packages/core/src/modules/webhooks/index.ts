import { defineModule } from '../../platform/module.js';
import { OutboundHttpClient } from '../../platform/net/index.js';
import { createProducer } from '../../platform/queues.js';
import { auditModule } from '../audit/index.js';
import { DELIVERY_QUEUE, WebhookDeliveries } from './deliveries-service.js';
import { WEBHOOKS_ERRORS } from './errors.js';
import { webhooksResolvers, webhooksTypeDefs, webhooksTypePolicies } from './graphql.js';
import { webhookIds } from './ids.js';
import { webhooksConsumers, webhooksQueues, type WebhooksService } from './jobs.js';
import { WebhookDeliveryModel, WebhookModel } from './model.js';
import { WebhooksRepository } from './repository.js';
import { WebhookSubscriptions } from './subscriptions-service.js';

export { WebhooksError, type WebhooksErrorCode } from './errors.js';
export { retryDelayMs } from './deliveries-service.js';
export type { DeliveryView } from './deliveries-service.js';
export type { WebhookView } from './subscriptions-service.js';

/** Signed event deliveries to tenants' own endpoints, with retries, a dead letter and replays. */
export const webhooksModule = defineModule({
  create: ({ platform, use, port }): WebhooksService => {
    const { config } = platform;
    const repo = new WebhooksRepository(platform.db);
    const client = new OutboundHttpClient({
      allowPrivate: config.OUTBOUND_ALLOW_PRIVATE_CIDRS,
      connectTimeoutMs: 5_000,
      totalTimeoutMs: 15_000,
      maxRedirects: 3,
      maxResponseBytes: 4096,
      userAgent: 'Tandem-Webhooks/1',
    });
    const subscriptions = new WebhookSubscriptions(repo, client, port('tenantCrypto'), use(auditModule));
    const deliveries = new WebhookDeliveries(
      repo,
      subscriptions,
      client,
      { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, baseDelayMs: config.WEBHOOK_RETRY_BASE_MS },
      () => createProducer(DELIVERY_QUEUE, { redis: platform.redis, prefix: config.REDIS_PREFIX }),
      platform.logger,
      port('tenantDirectory'),
    );
    return { subscriptions, deliveries, directory: port('tenantDirectory'), logger: platform.logger };
  },
  name: 'webhooks',
  summary: "Signed deliveries of domain events to tenants' endpoints: retries, dead letter, replay, log",
  ids: webhookIds,
  models: [WebhookModel, WebhookDeliveryModel],
  errors: WEBHOOKS_ERRORS,
  scopes: {
    WEBHOOKS_READ: "Read the tenant's webhooks and their delivery log",
    WEBHOOKS_WRITE: "Create, change, rotate, delete, test and replay the tenant's webhooks",
  },
  graphql: { typeDefs: webhooksTypeDefs, typePolicies: webhooksTypePolicies, resolvers: webhooksResolvers },
  consumers: webhooksConsumers,
  // Like the products brands know (Zendesk, Intercom): a suspended account's deliveries wait and
  // go out when it is resumed — nothing is lost, no try is used up, nothing is sent meanwhile.
  onTenantSuspended: ({ service }) => service.deliveries.holdTenant().then(() => undefined),
  onTenantResumed: ({ service }) => service.deliveries.releaseTenant().then(() => undefined),
  queues: webhooksQueues,
  tenantData: {
    kind: 'custom',
    // The export leaves out the encrypted secrets (the tenant's key is shredded after it anyway).
    async export({ service }) {
      const [webhooks, deliveries] = await service.subscriptions.exportAll();
      return { webhooks, deliveries };
    },
    erase: ({ service }) => service.subscriptions.eraseAll(),
  },
});
