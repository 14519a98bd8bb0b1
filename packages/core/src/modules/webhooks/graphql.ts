import { z } from 'zod';
import { noArgs, resolver, type Policy, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import type { WebhookDeliveries } from './deliveries-service.js';
import {
  createWebhookInput,
  cursorInput,
  deliveryId,
  deliveryStatusInput,
  encodeCursor,
  overlapHoursInput,
  SUBSCRIBABLE_EVENTS,
  updateWebhookInput,
  webhookId,
} from './inputs.js';
import type { WebhookSubscriptions } from './subscriptions-service.js';

export interface WebhooksServices {
  subscriptions: WebhookSubscriptions;
  deliveries: WebhookDeliveries;
}

export const webhooksTypeDefs = /* GraphQL */ `
  """
  A subscription: Tandem POSTs each event of the chosen types to the URL, signed (header
  Tandem-Signature: t=<unix seconds>,v1=<HMAC-SHA256 hex of "<t>.<body>">; verify with
  @tandem/sdk/webhooks).
  """
  type Webhook {
    id: ID!
    url: String!
    """
    Event names from the catalogue (@tandem/sdk/events), e.g. "ticket.created".
    """
    eventTypes: [String!]!
    active: Boolean!
    description: String!
    secretRotatedAt: DateTime
    """
    While set, the previous secret still signs too (a second v1 in the signature header).
    """
    previousSecretExpiresAt: DateTime
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type WebhookWithSecret {
    webhook: Webhook!
    """
    The signing secret (whsec_…). Shown once.
    """
    secret: String!
  }

  """
  PENDING: waiting for its first try (or a replay); FAILED: the last try failed, another is
  scheduled (nextAttemptAt); SUCCEEDED: the receiver answered 2xx; DEAD: every try failed.
  """
  enum WebhookDeliveryStatus {
    PENDING
    FAILED
    SUCCEEDED
    DEAD
  }

  type WebhookDelivery {
    id: ID!
    webhookId: ID!
    eventId: String!
    eventType: String!
    status: WebhookDeliveryStatus!
    attempts: Int!
    nextAttemptAt: DateTime
    lastAttemptAt: DateTime
    """
    Set while the tenant is suspended: the delivery waits (no try is made or used up) and is sent
    when the tenant is resumed.
    """
    heldSince: DateTime
    """
    The receiver's HTTP status on the last try (null when there was no answer).
    """
    lastStatusCode: Int
    latencyMs: Int
    """
    Why the last try failed: HTTP_<status>, TIMEOUT, CONNECT_TIMEOUT, CONNECTION_FAILED, DNS_FAILED,
    ADDRESS_REFUSED, TOO_MANY_REDIRECTS, WEBHOOK_INACTIVE.
    """
    lastError: String
    """
    The start of the receiver's answer (at most 1 KB).
    """
    responseExcerpt: String
    replays: Int!
    createdAt: DateTime!
  }

  type WebhookDeliveryEdge {
    cursor: String!
    node: WebhookDelivery!
  }

  type WebhookDeliveryPage {
    edges: [WebhookDeliveryEdge!]!
    endCursor: String
    hasNextPage: Boolean!
  }

  input CreateWebhookInput {
    url: String!
    eventTypes: [String!]!
    description: String
    """
    Default true.
    """
    active: Boolean
  }

  input UpdateWebhookInput {
    url: String
    eventTypes: [String!]
    description: String
    active: Boolean
  }

  type Query {
    """
    Tenant admins; API keys with WEBHOOKS_READ.
    """
    webhooks: [Webhook!]!
    """
    Tenant admins; API keys with WEBHOOKS_READ.
    """
    webhook(id: ID!): Webhook!
    """
    The event names a webhook can subscribe to. Tenant admins; API keys with WEBHOOKS_READ.
    """
    webhookEventTypes: [String!]!
    """
    The delivery log of one webhook, newest first. Tenant admins; API keys with WEBHOOKS_READ.
    """
    webhookDeliveries(
      webhookId: ID!
      status: WebhookDeliveryStatus
      first: Int = 20
      after: String
    ): WebhookDeliveryPage!
  }

  type Mutation {
    """
    Tenant admins; API keys with WEBHOOKS_WRITE. The secret is returned once.
    """
    createWebhook(input: CreateWebhookInput!): WebhookWithSecret!
    """
    Tenant admins; API keys with WEBHOOKS_WRITE.
    """
    updateWebhook(id: ID!, input: UpdateWebhookInput!): Webhook!
    """
    A new secret, returned once; the previous one keeps signing for overlapHours (default 24, 0–168).
    Tenant admins; API keys with WEBHOOKS_WRITE.
    """
    rotateWebhookSecret(id: ID!, overlapHours: Int): WebhookWithSecret!
    """
    Deletes the webhook and its delivery log. Tenant admins; API keys with WEBHOOKS_WRITE.
    """
    deleteWebhook(id: ID!): Boolean!
    """
    A new try of a SUCCEEDED or DEAD delivery. Tenant admins; API keys with WEBHOOKS_WRITE.
    """
    replayWebhookDelivery(id: ID!): WebhookDelivery!
    """
    Sends a signed webhook.test event now (once, even to a paused webhook) and returns its delivery,
    with the receiver's answer; it stays in the delivery log. Tenant admins; API keys with WEBHOOKS_WRITE.
    """
    sendTestWebhook(id: ID!): WebhookDelivery!
  }
`;

export const webhooksTypePolicies: Record<string, TypePolicy> = {
  Webhook: 'inherit-from-parent',
  WebhookWithSecret: 'inherit-from-parent',
  WebhookDelivery: 'inherit-from-parent',
  WebhookDeliveryEdge: 'inherit-from-parent',
  WebhookDeliveryPage: 'inherit-from-parent',
};

const READ: Policy = { tenant: ['TENANT_ADMIN'], apiKey: ['WEBHOOKS_READ'] };
const WRITE: Policy = { tenant: ['TENANT_ADMIN'], apiKey: ['WEBHOOKS_WRITE'] };

export const webhooksResolvers = ({ service: m }: ModuleRef<WebhooksServices>): ResolverMap => ({
  Query: {
    webhooks: resolver(READ, noArgs, () => m.subscriptions.list()),
    webhook: resolver(READ, z.object({ id: webhookId }), (a) => m.subscriptions.get(a.id)),
    webhookEventTypes: resolver(READ, noArgs, () => Promise.resolve([...SUBSCRIBABLE_EVENTS])),
    webhookDeliveries: resolver(
      READ,
      z.object({
        webhookId,
        status: deliveryStatusInput.nullish(),
        first: z.number().int().min(1).max(100).default(20),
        after: cursorInput.nullish(),
      }),
      async (a) => {
        const page = await m.deliveries.page(
          a.webhookId,
          a.status ?? undefined,
          a.first,
          a.after ?? undefined,
        );
        const edges = page.items.map((d) => ({ cursor: encodeCursor(d.createdAt, d.id), node: d }));
        return { edges, endCursor: edges[edges.length - 1]?.cursor ?? null, hasNextPage: page.hasNextPage };
      },
    ),
  },
  Mutation: {
    createWebhook: resolver(WRITE, z.object({ input: createWebhookInput }), (a) =>
      m.subscriptions.create(a.input),
    ),
    updateWebhook: resolver(WRITE, z.object({ id: webhookId, input: updateWebhookInput }), (a) =>
      m.subscriptions.update(a.id, a.input),
    ),
    rotateWebhookSecret: resolver(
      WRITE,
      z.object({ id: webhookId, overlapHours: overlapHoursInput.nullish() }),
      (a) => m.subscriptions.rotate(a.id, a.overlapHours ?? 24),
    ),
    deleteWebhook: resolver(WRITE, z.object({ id: webhookId }), (a) => m.subscriptions.remove(a.id)),
    replayWebhookDelivery: resolver(WRITE, z.object({ id: deliveryId }), (a) => m.deliveries.replay(a.id)),
    sendTestWebhook: resolver(WRITE, z.object({ id: webhookId }), (a) => m.deliveries.sendTest(a.id)),
  },
});
