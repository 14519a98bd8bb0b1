import { describe, expect, it } from 'vitest';
import {
  type FieldFormValues,
  createInput,
  fieldOf,
  hasOptions,
  issueMessageKey,
  keyProblem,
  labelProblem,
  nextPosition,
  optionValueProblem,
  optionsProblem,
  reorder,
  suggestKey,
  updateInput,
} from './field-rules';

const values = (over: Partial<FieldFormValues> = {}): FieldFormValues => ({
  labelZh: ' 订单号 ',
  labelEn: ' Order number ',
  key: ' order_no ',
  type: 'TEXT',
  requiredOnSolve: true,
  options: [],
  ...over,
});

describe('custom field rules (mirroring the API)', () => {
  it('takes keys of 1–40 lower-case letters, digits or _, starting with a letter', () => {
    expect(keyProblem('order_no')).toBeNull();
    expect(keyProblem('a')).toBeNull();
    expect(keyProblem(`a${'b'.repeat(39)}`)).toBeNull();
    expect(keyProblem('')).toBe('required');
    expect(keyProblem(`a${'b'.repeat(40)}`)).toBe('format');
    expect(keyProblem('1st')).toBe('format');
    expect(keyProblem('_x')).toBe('format');
    expect(keyProblem('Order')).toBe('format');
    expect(keyProblem('order-no')).toBe('format');
  });

  it('takes names of 1–80 characters on one line', () => {
    expect(labelProblem('订单号')).toBeNull();
    expect(labelProblem('   ')).toBe('required');
    expect(labelProblem('x'.repeat(81))).toBe('tooLong');
    expect(labelProblem(` ${'x'.repeat(80)} `)).toBeNull();
    expect(labelProblem('two\nlines')).toBe('control');
  });

  it('takes unique option values of lower-case letters, digits, - or _', () => {
    expect(optionValueProblem('vip-2', ['vip-2', 'basic'])).toBeNull();
    expect(optionValueProblem('9', ['9'])).toBeNull();
    expect(optionValueProblem('', [''])).toBe('required');
    expect(optionValueProblem('-x', ['-x'])).toBe('format');
    expect(optionValueProblem('VIP', ['VIP'])).toBe('format');
    expect(optionValueProblem('vip', ['vip', 'basic', 'vip'])).toBe('duplicate');
  });

  it('gives options to choice fields only, at least one and at most 200', () => {
    expect(hasOptions('SELECT')).toBe(true);
    expect(hasOptions('MULTI_SELECT')).toBe(true);
    expect(hasOptions('CHECKBOX')).toBe(false);
    expect(optionsProblem('SELECT', 0)).toBe('required');
    expect(optionsProblem('MULTI_SELECT', 1)).toBeNull();
    expect(optionsProblem('SELECT', 201)).toBe('tooMany');
    expect(optionsProblem('TEXT', 0)).toBeNull();
    expect(optionsProblem('NUMBER', 2)).toBe('notAllowed');
  });

  it('suggests a key from the English name', () => {
    expect(suggestKey('Order number')).toBe('order_number');
    expect(suggestKey('  2nd-line  Product (SKU) ')).toBe('nd_line_product_sku');
    expect(suggestKey('订单')).toBe('');
    expect(keyProblem(suggestKey(`Very ${'long '.repeat(20)}name`))).toBeNull();
  });
});

describe('what the forms send', () => {
  it('creates with trimmed texts, and options only for choice fields', () => {
    expect(createInput(values(), 30)).toEqual({
      key: 'order_no',
      type: 'TEXT',
      labelZh: '订单号',
      labelEn: 'Order number',
      requiredOnSolve: true,
      position: 30,
    });
    const select = createInput(
      values({
        type: 'SELECT',
        requiredOnSolve: false,
        options: [{ value: ' vip ', labelZh: ' 贵宾 ', labelEn: ' VIP ' }],
      }),
      0,
    );
    expect(select.options).toEqual([{ value: 'vip', labelZh: '贵宾', labelEn: 'VIP' }]);
    // options left in the form after switching to a type without them are not sent
    expect(
      createInput(values({ options: [{ value: 'x', labelZh: 'x', labelEn: 'x' }] }), 0),
    ).not.toHaveProperty('options');
  });

  it('updates names, rule and options, never key or type', () => {
    const input = updateInput(
      'MULTI_SELECT',
      values({ key: 'other', type: 'TEXT', options: [{ value: 'a', labelZh: '甲', labelEn: 'A' }] }),
    );
    expect(input).toEqual({
      labelZh: '订单号',
      labelEn: 'Order number',
      requiredOnSolve: true,
      options: [{ value: 'a', labelZh: '甲', labelEn: 'A' }],
    });
    expect(updateInput('DATE', values())).not.toHaveProperty('options');
  });

  it('places a new field after the others', () => {
    expect(nextPosition([])).toBe(0);
    expect(nextPosition([0, 0, 0])).toBe(10);
    expect(nextPosition([10, 40, 20])).toBe(50);
    expect(nextPosition([10_000])).toBe(10_000);
  });

  it('reorders by renumbering, writing only the positions that change', () => {
    const fields = [
      { id: 'a', position: 0 },
      { id: 'b', position: 10 },
      { id: 'c', position: 20 },
    ];
    expect(reorder(fields, 2, -1)).toEqual([
      { id: 'c', position: 10 },
      { id: 'b', position: 20 },
    ]);
    expect(reorder(fields, 0, 1)).toEqual([
      { id: 'b', position: 0 },
      { id: 'a', position: 10 },
    ]);
    expect(reorder(fields, 0, -1)).toEqual([]);
    expect(reorder(fields, 2, 1)).toEqual([]);
    // fields created through the API all at position 0 become distinct
    const same = [
      { id: 'a', position: 0 },
      { id: 'b', position: 0 },
      { id: 'c', position: 0 },
    ];
    expect(reorder(same, 1, 1)).toEqual([
      { id: 'c', position: 10 },
      { id: 'b', position: 20 },
    ]);
  });
});

describe('server issues on the form', () => {
  it('maps issue paths to form fields', () => {
    expect(fieldOf('input.key')).toEqual(['key']);
    expect(fieldOf('input.labelZh')).toEqual(['labelZh']);
    expect(fieldOf('input.options')).toEqual(['options']);
    expect(fieldOf('input.options.2.value')).toEqual(['options', 2, 'value']);
    expect(fieldOf('input.options.0.labelEn')).toEqual(['options', 0, 'labelEn']);
    expect(fieldOf('input.options.7')).toEqual(['options']);
    expect(fieldOf('input.position')).toBeNull();
    expect(fieldOf('id')).toBeNull();
  });

  it('says the server’s known sentences in the user’s language', () => {
    expect(issueMessageKey('A key is 1–40 lower-case letters, digits or _, starting with a letter')).toBe(
      'keyFormat',
    );
    expect(issueMessageKey('Option values must be unique')).toBe('optionValueDuplicate');
    expect(issueMessageKey('A select field needs at least one option')).toBe('optionsRequired');
    expect(issueMessageKey('Only select fields have options')).toBe('optionsOnlySelect');
    expect(issueMessageKey('Required')).toBe('labelRequired');
    expect(issueMessageKey('Something new')).toBeNull();
  });
});
