import { isLuhnValid, maskBankCard } from './bank-card.js';
import { maskEmail } from './email.js';
import { maskMobile } from './mobile.js';
import { looksLikeResidentId, maskResidentId } from './resident-id.js';
import { foldText } from './width.js';

export type PiiKind = 'email' | 'residentId' | 'mobile' | 'bankCard';

/** One piece of PII found in a text: where it is (indexes in the original text) and its mask. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
  masked: string;
}

/**
 * When two findings overlap, the more specific one wins: an email address (whatever digits its
 * mailbox name holds) over a resident ID (region + birth date + 18 characters) over a mobile
 * number (which may carry a +86/0086/86 prefix that makes it 13–15 digits) over a card number.
 */
const PRECEDENCE: Record<PiiKind, number> = { email: 0, residentId: 1, mobile: 2, bankCard: 3 };

// Digit patterns never start or end next to another digit: in Chinese text there are no word
// boundaries, so "电话13812345678谢谢" is a phone number, but "2026120113812345678" is one
// 19-digit number (an order number, or a card if it passes the card rules) — never a phone
// number glued to a date.
// A resident ID's final X ends it whatever follows ("…002X6222…" is an ID, then a number).
const RESIDENT_ID =
  /(?<![0-9])[1-9][0-9]{5}[ -]?(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[ -]?[0-9]{3}(?:[0-9](?![0-9])|[Xx])/g;
const MOBILE =
  /(?<![0-9+])(?<prefix>(?:\+|00)86[ -]?|\(\+?86\)[ -]?|86[ -]?)?(?<number>1[3-9][0-9](?:[ -]?[0-9]{4}){2})(?![0-9])/g;
/** A bare run of 13–19 digits. */
const CARD_BARE = /(?<![0-9])[0-9]{13,19}(?![0-9])/g;
/** Written like a card: 4-4-4-4 (and up to 3 more digits) or 4-6-5 / 4-6-4, one separator throughout. */
const CARD_GROUPED =
  /(?<![0-9])(?:[0-9]{4}(?<s1>[ -])[0-9]{4}\k<s1>[0-9]{4}\k<s1>[0-9]{4}(?:\k<s1>[0-9]{1,3})?|[0-9]{4}(?<s2>[ -])[0-9]{6}\k<s2>[0-9]{4,5})(?![0-9])/g;

/** First digits of banking cards (ISO/IEC 7812 major industry identifier 2–6, and 9 for old domestic cards). */
const CARD_ISSUER = /^[2-69]/;

/**
 * Which digit runs are bank cards ("Luhn and not", QUALITY.md):
 * - 13–19 digits that pass Luhn and start with 2–6 or 9 — every card scheme used in China. Runs
 *   starting with 0, 1, 7 or 8 are left alone even when Luhn passes (1 in 10 do by chance): those
 *   are timestamps (17…), phone-like and order/tracking numbers, never cards;
 * - and, Luhn or not, a number written like a card (4-4-4-4…, 4-6-5), or a bare 16–19-digit run
 *   starting with 62 (UnionPay, most cards issued in China): a card number with a typo still
 *   names the card.
 * Any other run is left alone: amounts, dates (20261201), short order numbers and numbers that
 * fail Luhn.
 */
function isCardRun(digits: string, grouped: boolean): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  if (grouped) return true;
  if (CARD_ISSUER.test(digits) && isLuhnValid(digits)) return true;
  return digits.length >= 16 && digits.startsWith('62');
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN_CHAR = /[A-Za-z0-9.-]/;
/**
 * The longest domain at the start of what follows the '@' ("example.com" of "example.com6222…"),
 * never running into the next address ("a@b.com.cc@d.com": "cc" is the next mailbox name).
 */
const EMAIL_DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z@])/;

/**
 * Email addresses, found from each '@' outwards (a regex would rescan long runs of letters for an
 * '@' from every position: quadratic on a large log line). ASCII addresses only.
 */
function findEmails(folded: string, out: PiiMatch[]): void {
  // Where the previous address ended: two addresses written together ("a@b.coma0@c.com") never
  // share characters, so the second one's mailbox name is masked too.
  let previousEnd = 0;
  for (let at = folded.indexOf('@'); at >= 0; at = folded.indexOf('@', at + 1)) {
    let start = at;
    while (start > previousEnd && at - start < 64 && EMAIL_LOCAL.test(folded[start - 1] ?? '')) start--;
    while (start < at && folded[start] === '.') start++;
    let end = at + 1;
    while (end < folded.length && end - at <= 253 && EMAIL_DOMAIN_CHAR.test(folded[end] ?? '')) end++;
    // "写信到 a@b.com." — a sentence's full stop, or digits right after the domain, are not in it.
    // The character after the run is kept in the slice: the regex looks at it.
    const domain = EMAIL_DOMAIN.exec(folded.slice(at + 1, end + 1));
    if (start === at || !domain) continue;
    end = at + 1 + domain[0].length;
    previousEnd = end;
    out.push({ kind: 'email', start, end, masked: maskEmail(folded.slice(start, end)) });
  }
}

function findAll(re: RegExp, folded: string, each: (m: RegExpExecArray) => PiiMatch | null, out: PiiMatch[]) {
  for (const m of folded.matchAll(re)) {
    const found = each(m);
    if (found) out.push(found);
  }
}

/** A quick test that saves the full scan on text that cannot hold PII (no digit, no '@'). */
const MAYBE_PII = /[0-9@\uFF10-\uFF19\uFF20]/;

/**
 * Every piece of PII in a text — mainland mobile numbers, resident IDs, bank cards, email
 * addresses — written in ASCII or full-width characters, with spaces or dashes between groups, in
 * any surrounding (Chinese) text. Non-overlapping, in text order; see PRECEDENCE and isCardRun.
 */
export function findPii(text: string, now: number = Date.now()): PiiMatch[] {
  if (!MAYBE_PII.test(text)) return [];
  const folded = foldText(text);
  const found: PiiMatch[] = [];
  if (folded.includes('@')) findEmails(folded, found);
  findAll(
    RESIDENT_ID,
    folded,
    (m) => {
      const id = m[0].replace(/[ -]/g, '').toUpperCase();
      if (!looksLikeResidentId(id, now)) return null;
      return { kind: 'residentId', start: m.index, end: m.index + m[0].length, masked: maskResidentId(id) };
    },
    found,
  );
  findAll(
    MOBILE,
    folded,
    (m) => {
      const prefix = m.groups?.prefix ?? '';
      const number = m.groups?.number ?? '';
      // The prefix is kept as written (it is the country, not the person).
      const masked = `${text.slice(m.index, m.index + prefix.length)}${maskMobile(number)}`;
      return { kind: 'mobile', start: m.index, end: m.index + m[0].length, masked };
    },
    found,
  );
  for (const [re, grouped] of [
    [CARD_BARE, false],
    [CARD_GROUPED, true],
  ] as const) {
    findAll(
      re,
      folded,
      (m) => {
        const digits = m[0].replace(/[ -]/g, '');
        if (!isCardRun(digits, grouped)) return null;
        return { kind: 'bankCard', start: m.index, end: m.index + m[0].length, masked: maskBankCard(digits) };
      },
      found,
    );
  }
  found.sort((a, b) => PRECEDENCE[a.kind] - PRECEDENCE[b.kind] || a.start - b.start);
  const kept: PiiMatch[] = [];
  const overlapped: PiiMatch[] = [];
  for (const f of found) {
    (kept.some((k) => f.start < k.end && k.start < f.end) ? overlapped : kept).push(f);
  }
  return [...kept, ...residues(overlapped, kept, text, folded)].sort((a, b) => a.start - b.start);
}

/**
 * What a finding that lost to an overlapping one covers outside the winners, starred out
 * entirely: a card number whose last digits run into an email address's mailbox name must not
 * show its other digits.
 */
function residues(losers: PiiMatch[], kept: PiiMatch[], text: string, folded: string): PiiMatch[] {
  if (losers.length === 0) return [];
  const covered = new Uint8Array(text.length);
  for (const k of kept) covered.fill(1, k.start, k.end);
  const loose = new Uint8Array(text.length);
  for (const l of losers) loose.fill(1, l.start, l.end);
  const out: PiiMatch[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!loose[i] || covered[i]) continue;
    const start = i;
    while (i < text.length && loose[i] && !covered[i]) i++;
    const kind = losers.find((l) => l.start <= start && start < l.end)?.kind ?? 'bankCard';
    let masked = '';
    for (let j = start; j < i; j++) masked += /[0-9A-Za-z]/.test(folded[j] ?? '') ? '*' : (text[j] ?? '');
    out.push({ kind, start, end: i, masked });
  }
  return out;
}

export function containsPii(text: string): boolean {
  return findPii(text).length > 0;
}

/** The text with every piece of PII replaced by its mask; everything else is left as it was. */
export function maskText(text: string): string {
  const found = findPii(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + f.masked;
    at = f.end;
  }
  return out + text.slice(at);
}
