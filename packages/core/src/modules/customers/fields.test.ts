import { describe, expect, it } from 'vitest';
import { CustomersError } from './errors.js';
import { maskAddress, maskField, normaliseField } from './fields.js';

const codeOf = (fn: () => unknown): { code: string; details: unknown; message: string } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CustomersError) return { code: e.code, details: e.details, message: e.message };
    throw e;
  }
  throw new Error('did not throw');
};

describe('identity normalisation', () => {
  it('writes every spelling of one mobile number the same way', () => {
    const spellings = [
      '13800138000',
      '+86 138-0013-8000',
      '+86 138 0013 8000',
      '0086 13800138000',
      '8613800138000',
      '(+86) 138.0013.8000',
      '１３８００１３８０００',
      '＋８６　１３８－００１３－８０００',
    ];
    expect(new Set(spellings.map((s) => normaliseField('MOBILE', s)))).toEqual(new Set(['+8613800138000']));
  });

  it('lower-cases and folds email addresses', () => {
    expect(normaliseField('EMAIL', '  Zhang.Wei@Example.COM ')).toBe('zhang.wei@example.com');
    expect(normaliseField('EMAIL', 'ｚｈａｎｇ＠example.com')).toBe('zhang@example.com');
  });

  it('refuses bad values with the kind’s code and the reason, never the value', () => {
    const mobile = codeOf(() => normaliseField('MOBILE', '+1 415 555 0100'));
    expect(mobile).toMatchObject({
      code: 'CUSTOMER_MOBILE_INVALID',
      details: { field: 'MOBILE', reason: 'NOT_MAINLAND' },
    });
    expect(mobile.message).not.toContain('415');
    expect(codeOf(() => normaliseField('MOBILE', '1201234567'))).toMatchObject({
      details: { reason: 'WRONG_LENGTH' },
    });
    expect(codeOf(() => normaliseField('EMAIL', 'not-an-email'))).toMatchObject({
      code: 'CUSTOMER_EMAIL_INVALID',
    });
    const id = codeOf(() => normaliseField('RESIDENT_ID', '110105194912310021'));
    expect(id).toMatchObject({
      code: 'CUSTOMER_RESIDENT_ID_INVALID',
      details: { reason: 'CHECKSUM_MISMATCH' },
    });
    expect(id.message).not.toContain('110105');
    expect(codeOf(() => normaliseField('BANK_CARD', '6222 0212 3456 7891'))).toMatchObject({
      code: 'CUSTOMER_BANK_CARD_INVALID',
    });
    expect(codeOf(() => normaliseField('ADDRESS', 'line one\nline two'))).toMatchObject({
      code: 'CUSTOMER_ADDRESS_INVALID',
      details: { reason: 'INVALID_CHARACTERS' },
    });
  });

  it('keeps opaque ids as they are, but refuses PII passed off as one', () => {
    expect(normaliseField('EXTERNAL_ID', ' crm-00042 ')).toBe('crm-00042');
    expect(normaliseField('VISITOR_ID', 'v_AbC123')).toBe('v_AbC123');
    for (const pii of ['13800138000', 'user@example.com', '11010519491231002X', 'user-13800138000']) {
      expect(codeOf(() => normaliseField('EXTERNAL_ID', pii))).toMatchObject({
        code: 'CUSTOMER_EXTERNAL_ID_INVALID',
        details: { reason: 'LOOKS_LIKE_PII' },
      });
    }
    expect(codeOf(() => normaliseField('EXTERNAL_ID', 'x'.repeat(201)))).toMatchObject({
      details: { reason: 'TOO_LONG' },
    });
  });

  it('normalises resident IDs and cards before they are sealed', () => {
    expect(normaliseField('RESIDENT_ID', '11010519491231002x')).toBe('11010519491231002X');
    expect(normaliseField('BANK_CARD', '4111 1111 1111 1111')).toBe('4111111111111111');
    expect(normaliseField('ADDRESS', '  北京市朝阳区   建国路 88 号 ')).toBe('北京市朝阳区 建国路 88 号');
  });
});

describe('masks', () => {
  it('shows what a person may read back, never the whole value', () => {
    expect(maskField('MOBILE', '+8613800138000')).toBe('138****8000');
    expect(maskField('EMAIL', 'zhang.wei@example.com')).toBe('z***@example.com');
    expect(maskField('RESIDENT_ID', '11010519491231002X')).toBe('1101**********002X');
    expect(maskField('BANK_CARD', '4111111111111111')).toMatch(/^\*+1111$/);
    expect(maskField('EXTERNAL_ID', 'crm-00042')).toBe('crm-00042');
  });

  it('keeps at most the first third (six characters) of an address', () => {
    expect(maskAddress('北京市朝阳区建国路88号院3号楼1单元')).toBe('北京市朝阳区****');
    expect(maskAddress('上海')).toBe('****');
    expect(maskAddress('Room 5, 88 Jianguo Road')).toBe('Room 5****');
  });
});
