import { fail, maskAllButLast4, ok, type Normalised } from './common.js';
import { foldValue } from './width.js';

/**
 * Province-level codes that start a resident ID (GB/T 2260), plus 71/81/82/83: Taiwan, Hong Kong
 * and Macau residents' residence permits use the same 18-character format. (validator's
 * isIdentityCard('zh-CN') list lacks 83 and has 91; see index.ts.)
 */
const REGIONS = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]); // prettier-ignore

/** GB 11643-1999: weights of the first 17 digits, and the check character for each sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

/** Today in China (UTC+8, no daylight saving) as yyyymmdd: nobody is born after it. */
function todayInChina(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** A real calendar date yyyymmdd from 1900-01-01 to today (in China). */
export function isPlausibleBirthDate(yyyymmdd: string, now: number = Date.now()): boolean {
  if (!/^(19|20)\d{6}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && yyyymmdd <= todayInChina(now);
}

/** Region and birth date right (the checksum aside): what text detection treats as an ID. */
export function looksLikeResidentId(id18: string, now: number = Date.now()): boolean {
  return (
    /^\d{17}[\dX]$/.test(id18) &&
    REGIONS.has(id18.slice(0, 2)) &&
    isPlausibleBirthDate(id18.slice(6, 14), now)
  );
}

export type ResidentIdFailure =
  | 'EMPTY'
  /** Not 17 digits and a digit or X (15-digit first-generation numbers are not accepted). */
  | 'WRONG_FORMAT'
  | 'UNKNOWN_REGION'
  | 'INVALID_BIRTH_DATE'
  | 'CHECKSUM_MISMATCH';

/**
 * The 18-character resident ID number (居民身份证号码, GB 11643-1999) with an uppercase X, from input
 * with a lowercase x, full-width characters, or spaces/dashes between the 6-8-4 groups.
 */
export function normaliseResidentId(input: string, now: number = Date.now()): Normalised<ResidentIdFailure> {
  const folded = foldValue(input);
  if (folded === '') return fail('EMPTY');
  const id = folded.replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return fail('WRONG_FORMAT');
  if (!REGIONS.has(id.slice(0, 2))) return fail('UNKNOWN_REGION');
  if (!isPlausibleBirthDate(id.slice(6, 14), now)) return fail('INVALID_BIRTH_DATE');
  if (residentIdCheckChar(id) !== id[17]) return fail('CHECKSUM_MISMATCH');
  return ok(id);
}

export function isValidResidentId(input: string, now: number = Date.now()): boolean {
  return normaliseResidentId(input, now).ok;
}

/**
 * `1101**********123X`: the first four digits (province and city — not the county, never the
 * birth date) and the last four (sequence and check character); 18 characters, so layouts hold.
 * Anything that is not 18 characters is masked like any other number (last four kept).
 */
export function maskResidentId(input: string): string {
  const id = foldValue(input).replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return maskAllButLast4(id);
  return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`;
}
