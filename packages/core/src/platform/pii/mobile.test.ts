import { describe, expect, it } from 'vitest';
import { isValidMobile, maskMobile, normaliseMobile } from './mobile.js';

describe('normaliseMobile', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+8613812345678',
    '+86 138 1234 5678',
    '+86-138-1234-5678',
    '008613812345678',
    '0086 138 1234 5678',
    '8613812345678',
    '(+86) 138 1234 5678',
    '１３８１２３４５６７８',
    '＋８６ １３８－１２３４－５６７８',
    '１３８—１２３４—５６７８',
    '  13812345678\n',
  ])('%j → +8613812345678', (input) => {
    expect(normaliseMobile(input)).toEqual({ ok: true, value: '+8613812345678' });
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['138 1234 567a', 'INVALID_CHARACTERS'],
    ['138*1234*5678', 'INVALID_CHARACTERS'],
    ['+1 415 555 0100', 'NOT_MAINLAND'],
    ['+852 9123 4567', 'NOT_MAINLAND'],
    ['001 415 555 0100', 'NOT_MAINLAND'],
    ['1381234567', 'WRONG_LENGTH'],
    ['138123456789', 'WRONG_LENGTH'],
    ['+86 1381234567', 'WRONG_LENGTH'],
    ['12812345678', 'NOT_A_MOBILE'],
    ['02112345678', 'NOT_A_MOBILE'],
  ] as const)('%j is refused: %s', (input, reason) => {
    expect(normaliseMobile(input)).toEqual({ ok: false, reason });
    expect(isValidMobile(input)).toBe(false);
  });

  it('accepts every allocated second digit 3–9', () => {
    for (const d of '3456789') expect(isValidMobile(`1${d}012345678`), d).toBe(true);
  });
});

describe('maskMobile', () => {
  it('keeps the carrier prefix and the last four, whatever the spelling', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+86 138-1234-5678')).toBe('138****5678');
    expect(maskMobile('１３８１２３４５６７８')).toBe('138****5678');
  });

  it('masks what is not a mobile number without showing most of it', () => {
    expect(maskMobile('+1 415 555 0100')).toBe('********0100');
    expect(maskMobile('12345')).toBe('*****');
  });
});
