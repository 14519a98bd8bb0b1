import validator from 'validator';
import { fail, maskAllButLast4, ok, type Normalised } from './common.js';
import { foldValue } from './width.js';

export type BankCardFailure =
  | 'EMPTY'
  /** Something other than digits, spaces and dashes. */
  | 'INVALID_CHARACTERS'
  /** Not 13–19 digits (ISO/IEC 7812 primary account numbers). */
  | 'WRONG_LENGTH'
  | 'CHECKSUM_MISMATCH';

// The package's main entry types the same under NodeNext (the server) and Bundler (the
// console's e2e typecheck reads core sources); its per-function files do not.
const isLuhnNumber: (value: string) => boolean = validator.isLuhnNumber;

/** Luhn (mod 10) over a string of digits only. */
export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && isLuhnNumber(digits);
}

/**
 * The card number's digits, from input written with spaces or dashes between groups and in
 * full-width digits; 13–19 digits passing Luhn. (Every UnionPay, Visa, Mastercard, JCB and Amex
 * number does; some old domestic-only cards do not — they are refused here, but text masking still
 * hides them when they are written like cards, see mask.ts.)
 */
export function normaliseBankCard(input: string): Normalised<BankCardFailure> {
  const folded = foldValue(input);
  if (folded === '') return fail('EMPTY');
  const digits = folded.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return fail('INVALID_CHARACTERS');
  if (digits.length < 13 || digits.length > 19) return fail('WRONG_LENGTH');
  if (!isLuhnValid(digits)) return fail('CHECKSUM_MISMATCH');
  return ok(digits);
}

export function isValidBankCard(input: string): boolean {
  return normaliseBankCard(input).ok;
}

/** `***************0123`: every digit but the last four (what a bank statement shows). */
export function maskBankCard(input: string): string {
  return maskAllButLast4(foldValue(input));
}
