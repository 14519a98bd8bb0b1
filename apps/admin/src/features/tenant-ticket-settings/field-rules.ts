/**
 * The API's rules for custom field definitions and ticket settings
 * (packages/core/src/modules/tickets: custom-fields.ts, admin.ts), mirrored so the forms say so
 * before sending. The server still decides; its issues are put on the matching form fields.
 */
import type {
  CreateCustomFieldInput,
  CustomFieldType,
  CustomerPiiField,
  UpdateCustomFieldInput,
} from '../../api/generated/graphql';
import type { en } from './messages';

export type { CustomFieldType, CustomerPiiField };

function listOf<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

/** Every field type, in the order the type picker offers them. */
export const FIELD_TYPES = listOf<CustomFieldType>({
  TEXT: true,
  NUMBER: true,
  SELECT: true,
  MULTI_SELECT: true,
  DATE: true,
  CHECKBOX: true,
});

/** The personal data fields an agent may be allowed to reveal, in the order the form lists them. */
export const PII_FIELDS = listOf<CustomerPiiField>({
  MOBILE: true,
  EMAIL: true,
  RESIDENT_ID: true,
  BANK_CARD: true,
  ADDRESS: true,
});

/** A tenant has at most this many custom fields (MAX_CUSTOM_FIELDS). */
export const MAX_FIELDS = 100;
/** A choice field has at most this many options. */
export const MAX_OPTIONS = 200;
export const LABEL_MAX_LENGTH = 80;
export const KEY_MAX_LENGTH = 40;
export const OPTION_VALUE_MAX_LENGTH = 40;
/** The highest position the API accepts. */
export const MAX_POSITION = 10_000;
/** Gap between the positions the console gives, so one field can later go between two others. */
export const POSITION_STEP = 10;
/** How many days after solving a customer's reply reopens a ticket (reopenWindowDays). */
export const REOPEN_WINDOW_DAYS = { min: 0, max: 90 } as const;

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const OPTION_VALUE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
// the API refuses exactly these in one-line texts
const CONTROL = /[\u0000-\u001F\u007F]/;

/** Single and multiple choice fields carry options; the other types must not. */
export function hasOptions(type: CustomFieldType): boolean {
  return type === 'SELECT' || type === 'MULTI_SELECT';
}

export type LabelProblem = 'required' | 'tooLong' | 'control';

export function labelProblem(raw: string): LabelProblem | null {
  const value = raw.trim();
  if (value === '') return 'required';
  if (value.length > LABEL_MAX_LENGTH) return 'tooLong';
  if (CONTROL.test(value)) return 'control';
  return null;
}

export type KeyProblem = 'required' | 'format';

export function keyProblem(raw: string): KeyProblem | null {
  if (raw === '') return 'required';
  return KEY.test(raw) ? null : 'format';
}

export type OptionValueProblem = 'required' | 'format' | 'duplicate';

/** An option's value: its format, and unique among `all` (every option value of the field). */
export function optionValueProblem(raw: string, all: readonly string[]): OptionValueProblem | null {
  if (raw === '') return 'required';
  if (!OPTION_VALUE.test(raw)) return 'format';
  return all.filter((v) => v === raw).length > 1 ? 'duplicate' : null;
}

export type OptionsProblem = 'required' | 'tooMany' | 'notAllowed';

export function optionsProblem(type: CustomFieldType, count: number): OptionsProblem | null {
  if (!hasOptions(type)) return count > 0 ? 'notAllowed' : null;
  if (count === 0) return 'required';
  return count > MAX_OPTIONS ? 'tooMany' : null;
}

/** A key suggested from the English name while the key is still untouched ("Order number" → order_number). */
export function suggestKey(labelEn: string): string {
  const words = labelEn
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '');
  return words.slice(0, KEY_MAX_LENGTH).replace(/_+$/, '');
}

export interface OptionRow {
  value: string;
  labelZh: string;
  labelEn: string;
}

export interface FieldFormValues {
  labelZh: string;
  labelEn: string;
  key: string;
  type: CustomFieldType;
  requiredOnSolve: boolean;
  options: OptionRow[];
}

const cleanOptions = (rows: readonly OptionRow[] | undefined): OptionRow[] =>
  (rows ?? []).map((o) => ({ value: o.value.trim(), labelZh: o.labelZh.trim(), labelEn: o.labelEn.trim() }));

/** What createCustomField is sent: trimmed names, options only for choice fields, placed last. */
export function createInput(values: FieldFormValues, position: number): CreateCustomFieldInput {
  return {
    key: values.key.trim(),
    type: values.type,
    labelZh: values.labelZh.trim(),
    labelEn: values.labelEn.trim(),
    requiredOnSolve: values.requiredOnSolve,
    position,
    ...(hasOptions(values.type) ? { options: cleanOptions(values.options) } : {}),
  };
}

/** What updateCustomField is sent: key and type never change; options only for choice fields. */
export function updateInput(type: CustomFieldType, values: FieldFormValues): UpdateCustomFieldInput {
  return {
    labelZh: values.labelZh.trim(),
    labelEn: values.labelEn.trim(),
    requiredOnSolve: values.requiredOnSolve,
    ...(hasOptions(type) ? { options: cleanOptions(values.options) } : {}),
  };
}

/** The position of a field added after `positions` (the existing fields'). */
export function nextPosition(positions: readonly number[]): number {
  const last = positions.reduce((max, p) => Math.max(max, p), -POSITION_STEP);
  return Math.min(last + POSITION_STEP, MAX_POSITION);
}

/**
 * Moving the field at `index` by `delta` (−1 up, +1 down): the positions to write, renumbered in
 * steps so that equal positions (fields added through the API default to 0) end up distinct.
 * Only the fields whose position changes are returned; an impossible move returns nothing.
 */
export function reorder(
  fields: readonly { id: string; position: number }[],
  index: number,
  delta: -1 | 1,
): { id: string; position: number }[] {
  const target = index + delta;
  if (index < 0 || index >= fields.length || target < 0 || target >= fields.length) return [];
  const order = [...fields];
  const [moved] = order.splice(index, 1);
  if (!moved) return [];
  order.splice(target, 0, moved);
  return order
    .map((f, i) => ({ id: f.id, position: Math.min(i * POSITION_STEP, MAX_POSITION), before: f.position }))
    .filter((f) => f.position !== f.before)
    .map(({ id, position }) => ({ id, position }));
}

/**
 * The form field a server validation issue belongs to: `input.key` → key,
 * `input.options.2.value` → options/2/value, `input.options` → options; others stay a toast.
 */
export function fieldOf(path: string): (string | number)[] | null {
  const parts = path.replace(/^input\./, '').split('.');
  const [field, index, member] = parts;
  if (field === 'key' || field === 'labelEn' || field === 'labelZh' || field === 'type') return [field];
  if (field === 'requiredOnSolve') return [field];
  if (field !== 'options') return null;
  if (index === undefined || !/^\d+$/.test(index)) return ['options'];
  if (member === 'value' || member === 'labelEn' || member === 'labelZh')
    return ['options', Number(index), member];
  return ['options'];
}

/** A message under `ticketAdmin.rules` of this feature's catalogue. */
export type RuleMessage = keyof (typeof en)['ticketAdmin']['rules'];

/** The server's English issue messages this form knows, as messages of this feature's rules. */
const KNOWN_ISSUES: readonly [RegExp, RuleMessage][] = [
  [/^A key is /, 'keyFormat'],
  [/^An option value is /, 'optionValueFormat'],
  [/^Option values must be unique/, 'optionValueDuplicate'],
  [/^A select field needs at least one option/, 'optionsRequired'],
  [/^Only select fields have options/, 'optionsOnlySelect'],
  [/^Control characters are not allowed/, 'control'],
  [/^Required$/, 'labelRequired'],
];

/** The rule message for a server issue the console can say in the user's language, or null (shown as sent). */
export function issueMessageKey(message: string): RuleMessage | null {
  return KNOWN_ISSUES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
