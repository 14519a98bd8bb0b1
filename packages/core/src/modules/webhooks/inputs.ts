import { EVENT_NAMES, type EventName } from '@tandem/sdk/events';
import { z } from 'zod';
import { DELIVERY_STATUSES } from './model.js';
import { webhookIds } from './ids.js';

/** Events a subscription can name: the catalogue, less the test ping (sent on request only). */
export const SUBSCRIBABLE_EVENTS = EVENT_NAMES.filter((e) => e !== 'webhook.test') as [
  EventName,
  ...EventName[],
];

const CONTROL = /[\u0000-\u001f\u007f]/;

export const webhookId = webhookIds.schema('whk');
export const deliveryId = webhookIds.schema('whd');

export const urlInput = z
  .string()
  .trim()
  .min(1, 'Enter a URL')
  .max(2048, 'At most 2048 characters')
  .refine((v) => !CONTROL.test(v), 'Control characters are not allowed');

export const eventTypesInput = z
  .array(z.enum(SUBSCRIBABLE_EVENTS, { error: (i) => `unknown event ${JSON.stringify(i.input)}` }))
  .min(1, 'Choose at least one event')
  .max(SUBSCRIBABLE_EVENTS.length)
  .transform((v) => [...new Set(v)]);

export const descriptionInput = z
  .string()
  .trim()
  .max(200, 'At most 200 characters')
  .refine((v) => !CONTROL.test(v), 'Control characters are not allowed');

export const createWebhookInput = z
  .object({
    url: urlInput,
    eventTypes: eventTypesInput,
    description: descriptionInput.nullish(),
    active: z.boolean().nullish(),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const updateWebhookInput = z
  .object({
    url: urlInput.nullish(),
    eventTypes: eventTypesInput.nullish(),
    description: descriptionInput.nullish(),
    active: z.boolean().nullish(),
  })
  .strict();
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

/** How long the previous secret keeps signing after a rotation (0: at once; at most 7 days). */
export const overlapHoursInput = z.number().int().min(0).max(168).default(24);

export const deliveryStatusInput = z.enum(DELIVERY_STATUSES);

/** An opaque page cursor: the last item's creation time and id. */
export const cursorInput = z
  .string()
  .max(100)
  .transform((v, ctx) => {
    const m = /^(\d{1,15})\.(whd_[0-9A-Za-z]{20})$/.exec(Buffer.from(v, 'base64url').toString('utf8'));
    if (!m?.[1] || !m[2]) {
      ctx.addIssue({ code: 'custom', message: 'Not a cursor from this list' });
      return z.NEVER;
    }
    return { createdAt: new Date(Number(m[1])), id: m[2] };
  });

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.getTime()}.${id}`, 'utf8').toString('base64url');
}
