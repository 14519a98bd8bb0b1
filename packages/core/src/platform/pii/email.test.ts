import { describe, expect, it } from 'vitest';
import { isValidEmail, maskEmail, normaliseEmail } from './email.js';

describe('normaliseEmail', () => {
  it('trims, folds full-width characters and lowercases', () => {
    expect(normaliseEmail('  Zhang.San@Example.COM ')).toEqual({ ok: true, value: 'zhang.san@example.com' });
    expect(normaliseEmail('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toEqual({
      ok: true,
      value: 'zhang@example.com',
    });
  });

  it.each([
    ['', 'EMPTY'],
    ['zhang', 'NOT_AN_EMAIL'],
    ['zhang@', 'NOT_AN_EMAIL'],
    ['@example.com', 'NOT_AN_EMAIL'],
    ['zhang san@example.com', 'NOT_AN_EMAIL'],
  ] as const)('%j is refused: %s', (input, reason) => {
    expect(normaliseEmail(input)).toEqual({ ok: false, reason });
    expect(isValidEmail(input)).toBe(false);
  });
});

describe('maskEmail', () => {
  it('keeps the first character of the mailbox and the domain', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('13812345678@163.com')).toBe('1***@163.com');
  });

  it('shows nothing of a short mailbox name', () => {
    expect(maskEmail('ab@example.com')).toBe('***@example.com');
    expect(maskEmail('a@example.com')).toBe('***@example.com');
  });
});
