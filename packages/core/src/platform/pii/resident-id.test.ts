import idCardModule from 'validator/lib/isIdentityCard.js';
import { describe, expect, it } from 'vitest';
import {
  isPlausibleBirthDate,
  isValidResidentId,
  maskResidentId,
  normaliseResidentId,
  residentIdCheckChar,
} from './resident-id.js';

const validatorIsIdentityCard: (value: string, locale: 'zh-CN') => boolean = idCardModule.default;

/** A valid ID from region (6 digits), birth date and sequence: the check character computed. */
const idOf = (region: string, birth: string, seq: string) =>
  `${region}${birth}${seq}${residentIdCheckChar(`${region}${birth}${seq}`)}`;

describe('isValidResidentId (GB 11643-1999)', () => {
  it('accepts the standard’s example, with an upper- or lowercase x', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(normaliseResidentId('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('accepts full-width characters and spaces or dashes between the 6-8-4 groups', () => {
    expect(normaliseResidentId('１１０１０５１９４９１２３１００２ｘ')).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
    expect(normaliseResidentId('110105 19491231 002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(normaliseResidentId('110105-19491231-002X')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('accepts Hong Kong, Macau and Taiwan residents’ residence permits (81, 82, 83)', () => {
    for (const region of ['810000', '820000', '830000']) {
      expect(isValidResidentId(idOf(region, '19900101', '123'))).toBe(true);
    }
  });

  it.each([
    ['', 'EMPTY'],
    ['110105194912310', 'WRONG_FORMAT'], // 15-digit first-generation number
    ['11010519491231002', 'WRONG_FORMAT'],
    ['1101051949123100211', 'WRONG_FORMAT'],
    ['11010519491231002Y', 'WRONG_FORMAT'],
    ['X10105194912310021', 'WRONG_FORMAT'],
    ['991051949123100211', 'UNKNOWN_REGION'],
    ['011051949123100211', 'UNKNOWN_REGION'],
    ['110105194902300021', 'INVALID_BIRTH_DATE'], // 30 February
    ['110105194913010021', 'INVALID_BIRTH_DATE'],
    ['110105189912310021', 'INVALID_BIRTH_DATE'], // before 1900
    ['110105194912310021', 'CHECKSUM_MISMATCH'],
  ] as const)('%j is refused: %s', (input, reason) => {
    expect(normaliseResidentId(input)).toEqual({ ok: false, reason });
  });

  it('refuses a birth date after today in China (UTC+8)', () => {
    // 2030-06-01T20:00Z is already 2 June in Beijing.
    const now = Date.UTC(2030, 5, 1, 20);
    expect(isValidResidentId(idOf('110105', '20300602', '001'), now)).toBe(true);
    expect(isValidResidentId(idOf('110105', '20300603', '001'), now)).toBe(false);
    expect(isPlausibleBirthDate('20240229')).toBe(true);
    expect(isPlausibleBirthDate('20230229')).toBe(false);
  });

  it('detects every single-character change (ISO 7064 MOD 11-2)', () => {
    const id = idOf('440305', '19851107', '417');
    for (let i = 0; i < 18; i++) {
      for (const c of '0123456789X') {
        if (c === id[i] || (i < 17 && c === 'X')) continue;
        const changed = `${id.slice(0, i)}${c}${id.slice(i + 1)}`;
        expect(normaliseResidentId(changed).ok, changed).toBe(false);
      }
    }
  });

  it('agrees with validator’s isIdentityCard on its regions', () => {
    const samples: string[] = [];
    for (const region of ['110105', '310115', '440305', '650102', '710000', '820000']) {
      for (const birth of ['19000101', '19491231', '19800229', '20001231', '20200615']) {
        const id = idOf(region, birth, '042');
        samples.push(id, `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`, id.toLowerCase());
        samples.push(`${id.slice(0, 6)}19810229${id.slice(14)}`);
      }
    }
    for (const s of samples) expect(isValidResidentId(s), s).toBe(validatorIsIdentityCard(s, 'zh-CN'));
  });
});

describe('maskResidentId', () => {
  it('keeps the first four and the last four, never the birth date', () => {
    expect(maskResidentId('11010519491231002x')).toBe('1101**********002X');
    expect(maskResidentId('１１０１０５ １９４９１２３１ ００２Ｘ')).toBe('1101**********002X');
  });

  it('masks what is not an ID like any other number', () => {
    expect(maskResidentId('110105194912310')).toBe('***********2310');
    expect(maskResidentId('1234')).toBe('****');
  });
});
