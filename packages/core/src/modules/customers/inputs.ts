import { z } from 'zod';
import { multiline } from '../../platform/control-chars.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { IDENTITY_KINDS, PII_FIELDS } from './fields.js';
import { customersIds } from './ids.js';

export const customerId = customersIds.schema('cus');
/**
 * Ids in requests are checked loosely (any Tandem id): one of another kind names no customer or
 * identity and answers NOT_FOUND, like an unknown one.
 */
export const anyId = z.string().regex(ID_PATTERN, 'Not an id');
export const identityId = anyId;
export const identityKind = z.enum(IDENTITY_KINDS);
export const piiField = z.enum(PII_FIELDS);

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `At most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'Must be one line without control characters');

/**
 * A PII value as typed (any spelling): bounded here, validated and normalised by the service with
 * platform/pii, which answers the kind's own error code.
 */
const rawPii = (max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters`)
    .refine((s) => !s.includes('\u0000'), 'Must not contain NUL');

export const displayName = singleLine(200);
export const locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'A locale such as zh-CN or en')
  .max(35);

/** Tags are stored lower-cased, spaces as dashes: "VIP Customer" and "vip-customer" are one tag. */
export const tag = singleLine(50).transform((t) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, '-'));
export const tags = z
  .array(tag)
  .max(50, 'At most 50 tags')
  .transform((t) => [...new Set(t)]);

/** Free text over several lines (the boundary lets line breaks through only where marked so). */
export const notes = multiline(
  z
    .string()
    .max(5000, 'At most 5,000 characters')
    .refine((s) => !s.includes('\u0000'), 'Must not contain NUL'),
);

/**
 * Custom attributes: at most 50 scalars (text up to 500 characters, a number, a flag, or null),
 * keys like `plan` or `vip_level`. GraphQL cannot take open JSON as input, so each is typed.
 */
const attributeInput = z
  .object({
    key: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, 'A key is a letter then letters, digits or _ (50 at most)'),
    text: singleLine(500).nullish(),
    number: z.number().finite().nullish(),
    flag: z.boolean().nullish(),
  })
  .strict()
  .refine((a) => [a.text, a.number, a.flag].filter((v) => v != null).length <= 1, {
    message: 'An attribute has one value: text, number or flag',
  });
export const attributes = z
  .array(attributeInput)
  .max(50, 'At most 50 attributes')
  .refine((list) => new Set(list.map((a) => a.key)).size === list.length, 'Each key once')
  .transform((list) => Object.fromEntries(list.map((a) => [a.key, a.text ?? a.number ?? a.flag ?? null])));
export type Attributes = z.infer<typeof attributes>;

const profile = {
  displayName: displayName.nullish(),
  locale: locale.nullish(),
  tags: tags.nullish(),
  notes: notes.nullish(),
  attributes: attributes.nullish(),
  residentId: rawPii(64).nullish(),
  bankCard: rawPii(64).nullish(),
  address: rawPii(1000).nullish(),
};

export const createCustomerInput = z
  .object({
    ...profile,
    email: rawPii(320).nullish(),
    mobile: rawPii(64).nullish(),
    externalId: rawPii(400).nullish(),
    visitorId: rawPii(400).nullish(),
  })
  .strict();
export type CreateCustomerInput = z.infer<typeof createCustomerInput>;

/** A change: a field left out stays as it is; null clears it. */
export const customerPatch = z.object(profile).strict();
export type CustomerPatch = z.infer<typeof customerPatch>;

/** One identity as another module hands it over (a channel's sender). */
export const identityInput = z
  .object({ kind: identityKind, value: rawPii(400), displayName: displayName.nullish() })
  .strict();
export type IdentityInput = z.infer<typeof identityInput>;

export const pageArgs = {
  search: z.string().max(320).nullish(),
  first: z.number().int().min(1).max(100).nullish(),
  after: z.string().max(500).nullish(),
};
