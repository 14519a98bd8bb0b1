import { z } from 'zod';
import { fail, ok, type Normalised } from './common.js';
import { foldValue } from './width.js';

const EMAIL = z.email();

export type EmailFailure = 'EMPTY' | 'NOT_AN_EMAIL';

/**
 * Trimmed, full-width folded, lowercased. Mailbox names are case-insensitive at every provider
 * customers use, so lowercasing the whole address is what makes de-duplication work.
 */
export function normaliseEmail(input: string): Normalised<EmailFailure> {
  const folded = foldValue(input).toLowerCase();
  if (folded === '') return fail('EMPTY');
  if (!EMAIL.safeParse(folded).success) return fail('NOT_AN_EMAIL');
  return ok(folded);
}

export function isValidEmail(input: string): boolean {
  return normaliseEmail(input).ok;
}

/**
 * `z***@example.com`: the first character of the mailbox name when it has three or more (fewer
 * would show most of it), then three stars whatever its length; the domain stays.
 */
export function maskEmail(input: string): string {
  const at = input.lastIndexOf('@');
  if (at < 0) return '***';
  const local = input.slice(0, at);
  const first = [...local].length >= 3 ? [...local][0] : '';
  return `${first ?? ''}***${input.slice(at)}`;
}
