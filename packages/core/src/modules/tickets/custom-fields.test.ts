import { describe, expect, it } from 'vitest';
import {
  createFieldInput,
  filterValue,
  mergeCustomFieldValues,
  missingOnSolve,
  parseCustomFieldValues,
  type FieldDefinition,
} from './custom-fields.js';

const defs: FieldDefinition[] = [
  { key: 'order_no', type: 'TEXT', options: [], requiredOnSolve: true },
  { key: 'amount', type: 'NUMBER', options: [], requiredOnSolve: false },
  { key: 'reason', type: 'SELECT', options: [{ value: 'refund' }, { value: 'late' }], requiredOnSolve: true },
  {
    key: 'areas',
    type: 'MULTI_SELECT',
    options: [{ value: 'app' }, { value: 'web' }],
    requiredOnSolve: false,
  },
  { key: 'due', type: 'DATE', options: [], requiredOnSolve: false },
  { key: 'verified', type: 'CHECKBOX', options: [], requiredOnSolve: true },
];

describe('custom field values are checked against the definitions', () => {
  it('accepts one value of the right type per field', () => {
    const r = parseCustomFieldValues(defs, [
      { key: 'order_no', text: '  A-1001 ' },
      { key: 'amount', number: 12.5 },
      { key: 'reason', option: 'refund' },
      { key: 'areas', options: ['app', 'app', 'web'] },
      { key: 'due', date: '2026-02-28' },
      { key: 'verified', checkbox: true },
    ]);
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual({
      order_no: 'A-1001',
      amount: 12.5,
      reason: 'refund',
      areas: ['app', 'web'],
      due: '2026-02-28',
      verified: true,
    });
  });

  it('reports each bad value with its key', () => {
    const r = parseCustomFieldValues(defs, [
      { key: 'reason', option: 'other' },
      { key: 'due', date: '2026-02-30' },
      { key: 'amount', text: '12' },
      { key: 'nope', text: 'x' },
      { key: 'areas', options: ['app'], option: 'app' },
    ]);
    expect(r.issues.map((i) => i.path).sort()).toEqual(['amount', 'areas', 'due', 'nope', 'reason']);
    expect(r.issues.find((i) => i.path === 'nope')?.message).toMatch(/Not a custom field/);
    expect(r.issues.find((i) => i.path === 'amount')?.message).toMatch(/takes "number"/);
  });

  it('refuses control characters and over-long text', () => {
    expect(parseCustomFieldValues(defs, [{ key: 'order_no', text: 'a\u0000b' }]).issues).toHaveLength(1);
    expect(parseCustomFieldValues(defs, [{ key: 'order_no', text: 'x'.repeat(2001) }]).issues).toHaveLength(
      1,
    );
  });

  it('a field given without a value clears it', () => {
    const r = parseCustomFieldValues(defs, [{ key: 'amount' }]);
    expect(r.values).toEqual({ amount: null });
    expect(mergeCustomFieldValues({ amount: 3, due: '2026-01-01' }, r.values)).toEqual({ due: '2026-01-01' });
  });
});

describe('required on solve', () => {
  it('lists empty required fields; a required checkbox must be ticked', () => {
    expect(missingOnSolve(defs, {}).sort()).toEqual(['order_no', 'reason', 'verified']);
    expect(missingOnSolve(defs, { order_no: 'A', reason: 'late', verified: false })).toEqual(['verified']);
    expect(missingOnSolve(defs, { order_no: 'A', reason: 'late', verified: true })).toEqual([]);
  });
});

describe('definitions', () => {
  it('select fields need options and other fields have none', () => {
    const base = { key: 'k', labelEn: 'K', labelZh: '键' };
    expect(createFieldInput.safeParse({ ...base, type: 'SELECT' }).success).toBe(false);
    expect(
      createFieldInput.safeParse({
        ...base,
        type: 'TEXT',
        options: [{ value: 'a', labelEn: 'A', labelZh: '甲' }],
      }).success,
    ).toBe(false);
    expect(createFieldInput.safeParse({ ...base, type: 'TEXT' }).success).toBe(true);
    expect(createFieldInput.safeParse({ ...base, key: 'Bad Key', type: 'TEXT' }).success).toBe(false);
  });

  it('filter values are read as the stored type', () => {
    expect(filterValue(defs[1] as FieldDefinition, '12')).toBe(12);
    expect(filterValue(defs[1] as FieldDefinition, 'x')).toBeUndefined();
    expect(filterValue(defs[5] as FieldDefinition, 'true')).toBe(true);
    expect(filterValue(defs[2] as FieldDefinition, 'other')).toBeUndefined();
  });
});
