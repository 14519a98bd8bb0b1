import { z } from 'zod';
import { AUTHOR_KINDS, CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '@tandem/sdk/events';
import { multiline } from '../../platform/control-chars.js';
import { platformIds } from '../../platform/ids.js';
import { ticketsIds } from './ids.js';

/** Input schemas shared by the service and the resolvers; every type crossing a boundary is inferred here. */
export const ticketId = ticketsIds.schema('tkt');
export const messageId = ticketsIds.schema('msg');
export const viewId = ticketsIds.schema('tvw');
export const fieldId = ticketsIds.schema('tcf');
export const userId = platformIds.schema('usr');
/** Customers are owned by the customers module; tickets keep the id. */
export const customerId = z.string().regex(/^cus_[0-9A-Za-z]{20}$/, 'Not a customer id');

export const ticketStatus = z.enum(TICKET_STATUSES);
export const ticketPriority = z.enum(TICKET_PRIORITIES);
export const channel = z.enum(CHANNELS);
export const authorKind = z.enum(AUTHOR_KINDS);
export type TicketStatus = z.infer<typeof ticketStatus>;
export type TicketPriority = z.infer<typeof ticketPriority>;
export type Channel = z.infer<typeof channel>;
export type AuthorKind = z.infer<typeof authorKind>;

const CONTROL_SINGLE = /[\u0000-\u001F\u007F]/;
// Multi-line text keeps tab, line feed and carriage return.

const CONTROL_MULTI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((s) => !CONTROL_SINGLE.test(s), 'Control characters are not allowed');

export const subject = singleLine(250);

export const MAX_MESSAGE_CHARS = 20_000;
export const messageText = multiline(
  z
    .string()
    .max(MAX_MESSAGE_CHARS, `A message holds at most ${MAX_MESSAGE_CHARS} characters`)
    .refine((s) => !CONTROL_MULTI.test(s), 'Control characters are not allowed'),
);

export const MAX_TAGS = 20;
/** Tags are stored lower-cased, spaces as dashes: "VIP Customer" and "vip-customer" are one tag. */
export const tag = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase().replace(/\s+/g, '-'))
  .pipe(
    z
      .string()
      .min(1, 'A tag cannot be empty')
      .max(40, 'A tag has at most 40 characters')
      .regex(/^[\p{L}\p{N}_\-:.]+$/u, 'Tags hold letters, digits and - _ : . only'),
  );
export const tags = z
  .array(tag)
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags`)
  .transform((t) => [...new Set(t)]);

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;
/** What agents and customers may attach (no HTML, SVG or executables: they could run in a browser). */
const CONTENT_TYPE =
  /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/(plain|csv)|audio\/(mpeg|mp4|wav|ogg|amr)|video\/mp4|application\/msword|application\/vnd\.ms-excel|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet|presentationml\.presentation))$/;

export const attachment = z.object({
  name: singleLine(255).refine((s) => !/[\\/]/.test(s), 'A file name cannot contain slashes'),
  contentType: z
    .string()
    .trim()
    .toLowerCase()
    .regex(CONTENT_TYPE, 'This file type is not allowed (images, PDF, text, office documents, audio, MP4)'),
  size: z
    .number()
    .int()
    .min(1, 'An attachment cannot be empty')
    .max(MAX_ATTACHMENT_BYTES, 'An attachment is at most 25 MB'),
  url: z
    .string()
    .max(2000)
    .regex(/^https:\/\/[^\s]+$/, 'Attachment links must be https URLs')
    .nullish()
    .transform((u) => u ?? null),
});
export type Attachment = z.infer<typeof attachment>;

export const attachments = z
  .array(attachment)
  .max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} attachments`)
  .refine(
    (list) => list.reduce((n, a) => n + a.size, 0) <= MAX_ATTACHMENTS_BYTES,
    'Attachments of one message add up to at most 50 MB',
  );

/** A message body: text, attachments, or both — never neither. */
export const messageBody = z
  .object({
    text: messageText.nullish().transform((t) => t ?? ''),
    attachments: attachments.nullish().transform((a) => a ?? []),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, {
    message: 'A message needs text or an attachment',
    path: ['text'],
  });
export type MessageBody = z.infer<typeof messageBody>;

export { idempotencyKeySchema as idempotencyKey } from '../../platform/idempotency.js';

/** One custom field value as the API carries it: exactly one of the typed members, or none to clear. */
export const customFieldValueInput = z
  .object({
    key: z.string().max(40),
    // A TEXT field may span lines; its definition's own schema validates the value.
    text: multiline(z.string()).nullish(),
    number: z.number().nullish(),
    checkbox: z.boolean().nullish(),
    date: z.string().nullish(),
    option: z.string().nullish(),
    options: z.array(z.string()).nullish(),
  })
  .strict();
export type CustomFieldValueInput = z.infer<typeof customFieldValueInput>;
export const customFieldValues = z.array(customFieldValueInput).max(100);
