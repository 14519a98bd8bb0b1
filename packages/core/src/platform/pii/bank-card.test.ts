import { describe, expect, it } from 'vitest';
import { isLuhnValid, isValidBankCard, maskBankCard, normaliseBankCard } from './bank-card.js';

describe('normaliseBankCard', () => {
  it.each([
    ['4111111111111111', '4111111111111111'],
    ['4111 1111 1111 1111', '4111111111111111'],
    ['4111-1111-1111-1111', '4111111111111111'],
    ['４１１１ １１１１ １１１１ １１１１', '4111111111111111'],
    ['378282246310005', '378282246310005'], // Amex, 15 digits
    ['6212345678901234569', '6212345678901234569'], // UnionPay, 19 digits
    ['4222222222222', '4222222222222'], // 13 digits
  ])('%j → %s', (input, digits) => {
    expect(normaliseBankCard(input)).toEqual({ ok: true, value: digits });
  });

  it.each([
    ['', 'EMPTY'],
    ['4111 1111 1111 111a', 'INVALID_CHARACTERS'],
    ['411111111111', 'WRONG_LENGTH'],
    ['41111111111111111111', 'WRONG_LENGTH'],
    ['4111111111111112', 'CHECKSUM_MISMATCH'],
  ] as const)('%j is refused: %s', (input, reason) => {
    expect(normaliseBankCard(input)).toEqual({ ok: false, reason });
    expect(isValidBankCard(input)).toBe(false);
  });

  it('Luhn needs digits only', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });
});

describe('maskBankCard', () => {
  it('keeps only the last four digits', () => {
    expect(maskBankCard('6212 3456 7890 1234 569')).toBe('***************4569');
    expect(maskBankCard('4111111111111111')).toBe('************1111');
  });
});
