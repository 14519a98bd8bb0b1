import { fail, maskAllButLast4, ok, type Normalised } from './common.js';
import { foldValue } from './width.js';

/** A mainland China mobile number: 11 digits, 1 then 3–9 (the ranges the MIIT has allocated). */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export type MobileFailure =
  | 'EMPTY'
  /** Something other than digits, spaces, dashes, dots, brackets and a leading '+'. */
  | 'INVALID_CHARACTERS'
  /** An international number of another country (+1, +852, 001…). */
  | 'NOT_MAINLAND'
  /** Not 11 digits after the country code. */
  | 'WRONG_LENGTH'
  /** 11 digits, but not 1[3-9]… (a landline, a typo). */
  | 'NOT_A_MOBILE';

/**
 * `+86XXXXXXXXXXX` from any way people write a mainland mobile number: `13812345678`,
 * `138 1234 5678`, `138-1234-5678`, `+86 138…`, `0086…`, `86…` (13 digits), `(+86)…`, and all of
 * them in full-width characters.
 */
export function normaliseMobile(input: string): Normalised<MobileFailure> {
  const folded = foldValue(input);
  if (folded === '') return fail('EMPTY');
  const compact = folded.replace(/[\s\-.()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return fail('INVALID_CHARACTERS');
  let national: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+86')) return fail('NOT_MAINLAND');
    national = compact.slice(3);
  } else if (compact.startsWith('00')) {
    if (!compact.startsWith('0086')) return fail('NOT_MAINLAND');
    national = compact.slice(4);
  } else if (compact.length === 13 && compact.startsWith('86')) {
    national = compact.slice(2);
  } else {
    national = compact;
  }
  if (national.length !== 11) return fail('WRONG_LENGTH');
  if (!MAINLAND_MOBILE.test(national)) return fail('NOT_A_MOBILE');
  return ok(`+86${national}`);
}

export function isValidMobile(input: string): boolean {
  return normaliseMobile(input).ok;
}

/**
 * `138****5678`: the carrier prefix and the last four digits (what a customer reads back on the
 * phone); the four digits in between are hidden. Input that is not a mobile number is masked
 * entirely but its last four characters.
 */
export function maskMobile(input: string): string {
  const n = normaliseMobile(input);
  if (!n.ok) return maskAllButLast4(foldValue(input));
  const national = n.value.slice(3);
  return `${national.slice(0, 3)}****${national.slice(7)}`;
}
