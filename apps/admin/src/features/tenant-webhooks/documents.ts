import { graphql } from '../../api/generated';

export const WebhookFields = graphql(`
  fragment WebhookFields on Webhook {
    id
    url
    eventTypes
    active
    description
    secretRotatedAt
    previousSecretExpiresAt
    createdAt
    updatedAt
  }
`);

export const WebhookDeliveryFields = graphql(`
  fragment WebhookDeliveryFields on WebhookDelivery {
    id
    webhookId
    eventId
    eventType
    status
    attempts
    nextAttemptAt
    lastAttemptAt
    lastStatusCode
    latencyMs
    lastError
    responseExcerpt
    replays
    createdAt
  }
`);

export const WebhooksQuery = graphql(`
  query Webhooks {
    webhooks {
      ...WebhookFields
    }
  }
`);

export const WebhookQuery = graphql(`
  query Webhook($id: ID!) {
    webhook(id: $id) {
      ...WebhookFields
    }
  }
`);

export const WebhookEventTypesQuery = graphql(`
  query WebhookEventTypes {
    webhookEventTypes
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($webhookId: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
    webhookDeliveries(webhookId: $webhookId, status: $status, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...WebhookDeliveryFields
        }
      }
      endCursor
      hasNextPage
    }
  }
`);

/** The newest delivery of one webhook, for the list's "last delivery" column. */
export const WebhookLastDeliveryQuery = graphql(`
  query WebhookLastDelivery($webhookId: ID!) {
    webhookDeliveries(webhookId: $webhookId, first: 1) {
      edges {
        node {
          id
          eventType
          status
          lastStatusCode
          lastAttemptAt
          createdAt
        }
      }
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        ...WebhookFields
      }
    }
  }
`);

export const UpdateWebhookMutation = graphql(`
  mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      ...WebhookFields
    }
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!, $overlapHours: Int) {
    rotateWebhookSecret(id: $id, overlapHours: $overlapHours) {
      secret
      webhook {
        ...WebhookFields
      }
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

export const ReplayWebhookDeliveryMutation = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      ...WebhookDeliveryFields
    }
  }
`);

export const SendTestWebhookMutation = graphql(`
  mutation SendTestWebhook($id: ID!) {
    sendTestWebhook(id: $id) {
      ...WebhookDeliveryFields
    }
  }
`);
