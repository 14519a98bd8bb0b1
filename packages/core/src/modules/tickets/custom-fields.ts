import { z } from 'zod';
import type { Issue } from '../../platform/errors.js';
import { singleLine, type CustomFieldValueInput } from './inputs.js';

/** Custom field definitions: per tenant, managed by tenant admins, checked on every write. */
export const CUSTOM_FIELD_TYPES = ['TEXT', 'NUMBER', 'SELECT', 'MULTI_SELECT', 'DATE', 'CHECKBOX'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const MAX_CUSTOM_FIELDS = 100;

const label = singleLine(80);
export const fieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'A key is 1–40 lower-case letters, digits or _, starting with a letter');
const optionValue = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'An option value is 1–40 lower-case letters, digits, - or _');

export const fieldOption = z.object({ value: optionValue, labelEn: label, labelZh: label });

const options = z
  .array(fieldOption)
  .max(200, 'At most 200 options')
  .refine((o) => new Set(o.map((x) => x.value)).size === o.length, 'Option values must be unique');

const hasOptions = (t: CustomFieldType) => t === 'SELECT' || t === 'MULTI_SELECT';

export const createFieldInput = z
  .object({
    key: fieldKey,
    type: z.enum(CUSTOM_FIELD_TYPES),
    labelEn: label,
    labelZh: label,
    options: options.nullish().transform((o) => o ?? []),
    requiredOnSolve: z
      .boolean()
      .nullish()
      .transform((r) => r ?? false),
    position: z.number().int().min(0).max(10_000).nullish(),
  })
  .superRefine((d, ctx) => {
    if (hasOptions(d.type) && d.options.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'A select field needs at least one option',
      });
    }
    if (!hasOptions(d.type) && d.options.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only select fields have options' });
    }
  });
export type CreateFieldInput = z.infer<typeof createFieldInput>;

/** Key and type never change (stored values depend on them); labels, options and rules may. */
export const updateFieldInput = z.object({
  labelEn: label.nullish(),
  labelZh: label.nullish(),
  options: options.nullish(),
  requiredOnSolve: z.boolean().nullish(),
  position: z.number().int().min(0).max(10_000).nullish(),
});
export type UpdateFieldInput = z.infer<typeof updateFieldInput>;

export interface FieldDefinition {
  key: string;
  type: CustomFieldType;
  options: { value: string }[];
  requiredOnSolve: boolean;
}

export type FieldValue = string | number | boolean | string[];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isCalendarDate = (s: string): boolean => {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

const CONTROL_MULTI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The zod schema of one field's value, from its definition. */
export function valueSchema(def: FieldDefinition): z.ZodType<FieldValue> {
  const values = def.options.map((o) => o.value);
  const oneOf = z.string().refine((v) => values.includes(v), {
    message: `Not one of the options (${values.slice(0, 10).join(', ')}${values.length > 10 ? ', …' : ''})`,
  });
  switch (def.type) {
    case 'TEXT':
      return z
        .string()
        .trim()
        .max(2000, 'At most 2000 characters')
        .refine((s) => !CONTROL_MULTI.test(s), 'Control characters are not allowed');
    case 'NUMBER':
      return z
        .number()
        .refine(Number.isFinite, 'Not a number')
        .refine((n) => Math.abs(n) <= 1e12, 'Too large');
    case 'SELECT':
      return oneOf;
    case 'MULTI_SELECT':
      return z
        .array(oneOf)
        .max(200)
        .transform((v) => [...new Set(v)]);
    case 'DATE':
      return z.string().refine(isCalendarDate, 'A date is written YYYY-MM-DD');
    case 'CHECKBOX':
      return z.boolean();
  }
}

/** The member of the API's value input that carries each type. */
const MEMBER: Record<CustomFieldType, keyof Omit<CustomFieldValueInput, 'key'>> = {
  TEXT: 'text',
  NUMBER: 'number',
  SELECT: 'option',
  MULTI_SELECT: 'options',
  DATE: 'date',
  CHECKBOX: 'checkbox',
};

const MEMBERS = ['text', 'number', 'checkbox', 'date', 'option', 'options'] as const;

/**
 * Checks custom field values written to a ticket against the tenant's definitions, with a zod
 * object built from them: unknown keys, the wrong member for a type, values outside the options
 * or over the limits are issues (path = the field key). A value of null (no member given) clears.
 */
export function parseCustomFieldValues(
  defs: readonly FieldDefinition[],
  entries: readonly CustomFieldValueInput[],
): { values: Record<string, FieldValue | null>; issues: Issue[] } {
  const issues: Issue[] = [];
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const raw: Record<string, unknown> = {};
  for (const e of entries) {
    const given = MEMBERS.filter((m) => e[m] !== undefined && e[m] !== null);
    const def = byKey.get(e.key);
    if (e.key in raw) {
      issues.push({ path: e.key, message: 'The same field is given twice' });
    } else if (given.length > 1) {
      issues.push({ path: e.key, message: 'Give one value per field' });
    } else if (def && given[0] !== undefined && given[0] !== MEMBER[def.type]) {
      issues.push({ path: e.key, message: `A ${def.type} field takes "${MEMBER[def.type]}"` });
    } else {
      raw[e.key] = given[0] === undefined ? null : e[given[0]];
    }
  }
  const shape = Object.fromEntries(defs.map((d) => [d.key, valueSchema(d).nullable().optional()]));
  const parsed = z.object(shape).strict().safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      if (i.code === 'unrecognized_keys') {
        for (const k of i.keys) issues.push({ path: k, message: 'Not a custom field of this organisation' });
      } else {
        issues.push({ path: i.path.join('.'), message: i.message });
      }
    }
    return { values: {}, issues };
  }
  return { values: parsed.data as Record<string, FieldValue | null>, issues };
}

/** Applies parsed changes to the stored values: null removes a value. */
export function mergeCustomFieldValues(
  current: Readonly<Record<string, FieldValue>>,
  changes: Readonly<Record<string, FieldValue | null>>,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * Keys of fields that must be filled before a ticket is solved. A required checkbox must be
 * ticked ("identity verified"); an empty text or selection counts as missing.
 */
export function missingOnSolve(
  defs: readonly FieldDefinition[],
  values: Readonly<Record<string, FieldValue>>,
): string[] {
  return defs
    .filter((d) => d.requiredOnSolve)
    .filter((d) => {
      const v = values[d.key];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return true;
      return d.type === 'CHECKBOX' && v !== true;
    })
    .map((d) => d.key);
}

/** A view's or filter's custom field equality, given as a string, as the stored value type. */
export function filterValue(def: FieldDefinition, value: string): FieldValue | undefined {
  switch (def.type) {
    case 'NUMBER': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'CHECKBOX':
      return value === 'true' ? true : value === 'false' ? false : undefined;
    case 'SELECT':
    case 'MULTI_SELECT':
      return def.options.some((o) => o.value === value) ? value : undefined;
    case 'DATE':
      return isCalendarDate(value) ? value : undefined;
    case 'TEXT':
      return value;
  }
}
