import type {
  WebhookDeliveryFieldsFragment,
  WebhookDeliveryStatus,
  WebhookFieldsFragment,
} from '../../api/generated/graphql';
import type { ResultOf } from '../../api/operation';
import type { CreateWebhookMutation, WebhookLastDeliveryQuery } from './documents';

export type Webhook = WebhookFieldsFragment;
export type WebhookDelivery = WebhookDeliveryFieldsFragment;
export type { WebhookDeliveryStatus };
/** A webhook with its signing secret (shown once): what creation and rotation return. */
export type WebhookWithSecret = ResultOf<typeof CreateWebhookMutation>['createWebhook'];
export type LastDelivery = ResultOf<
  typeof WebhookLastDeliveryQuery
>['webhookDeliveries']['edges'][number]['node'];

function listOf<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

/** Every delivery status, in the order a delivery goes through them (the filter's order). */
export const DELIVERY_STATUSES = listOf<WebhookDeliveryStatus>({
  PENDING: true,
  SUCCEEDED: true,
  FAILED: true,
  DEAD: true,
});

export function isDeliveryStatus(value: string): value is WebhookDeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** Still being tried: the log refreshes itself while such a row is on screen. */
export function inFlight(status: WebhookDeliveryStatus): boolean {
  return status === 'PENDING' || status === 'FAILED';
}

/** A replay is a new try of a delivery that is finished (succeeded or dead). */
export function replayable(status: WebhookDeliveryStatus): boolean {
  return status === 'SUCCEEDED' || status === 'DEAD';
}
