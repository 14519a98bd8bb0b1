import { z } from 'zod';
import { multiline } from '../../platform/control-chars.js';

/**
 * The body of `POST /v1/messages`. Limits are the tickets module's for a message (its intake
 * checks them again): text up to 20,000 characters, up to 10 attachments of at most 25 MB each,
 * 50 MB together, of the types an agent's browser can show safely.
 */
export const MAX_TEXT_CHARS = 20_000;
/** The whole JSON body: the longest text in CJK plus ten attachments fit with room to spare. */
export const MAX_BODY_BYTES = 128 * 1024;

const CONTROL_SINGLE = /[\u0000-\u001F\u007F]/;
const CONTROL_MULTI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((s) => !CONTROL_SINGLE.test(s), 'Control characters are not allowed');

/** Printable ASCII without spaces: the brand's message id, an Idempotency-Key. */
export const opaqueKey = (what: string) =>
  z
    .string()
    .min(1, `${what} is required`)
    .max(200, `${what} has at most 200 characters`)
    .regex(/^[\x21-\x7E]+$/, `${what} is printable ASCII without spaces`);

const CONTENT_TYPE =
  /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/(plain|csv)|audio\/(mpeg|mp4|wav|ogg|amr)|video\/mp4|application\/msword|application\/vnd\.ms-excel|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet|presentationml\.presentation))$/;

const attachment = z
  .object({
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
      .max(25 * 1024 * 1024, 'An attachment is at most 25 MB'),
    url: z
      .string()
      .max(2000)
      .regex(/^https:\/\/[^\s]+$/, 'Attachment links must be https URLs')
      .nullish(),
  })
  .strict();

/**
 * Who wrote: at least one way to recognise the customer. The external id (the brand's own) is
 * looked up first, then the mobile number, then the email; formats are checked by the customers
 * module (CUSTOMER_MOBILE_INVALID…).
 */
const sender = z
  .object({
    externalId: z.string().max(400).nullish(),
    mobile: z.string().max(64).nullish(),
    email: z.string().max(320).nullish(),
    name: singleLine(200).nullish(),
  })
  .strict()
  .refine((c) => c.externalId != null || c.mobile != null || c.email != null, {
    message: 'Give the customer an externalId, a mobile number or an email address',
  });

export const intakeBody = z
  .object({
    messageId: opaqueKey('messageId'),
    customer: sender,
    text: multiline(
      z
        .string()
        .max(MAX_TEXT_CHARS, `A message holds at most ${MAX_TEXT_CHARS} characters`)
        .refine((s) => !CONTROL_MULTI.test(s), 'Control characters are not allowed'),
    ).nullish(),
    attachments: z
      .array(attachment)
      .max(10, 'At most 10 attachments')
      .refine(
        (l) => l.reduce((n, a) => n + a.size, 0) <= 50 * 1024 * 1024,
        'Attachments add up to at most 50 MB',
      )
      .nullish(),
    subject: singleLine(250).nullish(),
  })
  .strict()
  .refine((b) => (b.text ?? '').trim().length > 0 || (b.attachments ?? []).length > 0, {
    message: 'A message needs text or an attachment',
    path: ['text'],
  });
export type IntakeBody = z.infer<typeof intakeBody>;
