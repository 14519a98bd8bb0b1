// Property-based tests (fast-check): generated mobile numbers, resident IDs, cards and email
// addresses, in every spelling people use, inside random Chinese text, are always found and
// masked; a masked text never holds the original number; numbers that are not PII are left alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLuhnValid, isValidBankCard, normaliseBankCard } from './bank-card.js';
import { findPii, maskText } from './detect.js';
import { isValidMobile, normaliseMobile } from './mobile.js';
import { isValidResidentId, normaliseResidentId, residentIdCheckChar } from './resident-id.js';

const RUNS = { numRuns: 300 };
const digits = (min: number, max = min) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
const fullWidth = (s: string) =>
  s.replace(/[0-9+\-xX]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Text around PII: Chinese characters, Chinese and ASCII punctuation, Latin letters, spaces — no digits. */
const filler = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('，', '。', '：', '；', '！', '？', '、', '（', '）', ' ', '\n', ',', '.', ':'),
      fc.constantFrom('a', 'b', 'Z', 'q'),
    ),
    { maxLength: 12 },
  )
  .map((cs) => cs.join(''));

// ---- generators of valid values and their spellings ----------------------------------------

const nationalMobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), digits(9))
  .map(([second, rest]) => `1${second}${rest}`);

const mobileSpelling = (n: string) =>
  fc
    .tuple(
      fc.constantFrom('', '+86', '+86 ', '+86-', '0086', '0086 ', '86', '(+86)', '(+86) '),
      fc.constantFrom('', ' ', '-'),
      fc.boolean(),
    )
    .map(([prefix, sep, wide]) => {
      const s = `${prefix}${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
      return wide ? fullWidth(s) : s;
    });

const REGIONS = [
  '11',
  '12',
  '13',
  '15',
  '21',
  '31',
  '32',
  '44',
  '46',
  '50',
  '54',
  '65',
  '71',
  '81',
  '82',
  '83',
];
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const residentId = fc
  .tuple(fc.constantFrom(...REGIONS), digits(4), birthDate, digits(3))
  .map(([r, area, birth, seq]) => {
    const first17 = `${r}${area}${birth}${seq}`;
    return `${first17}${residentIdCheckChar(first17)}`;
  });
const idSpelling = (id: string) =>
  fc.tuple(fc.constantFrom('', ' ', '-'), fc.boolean(), fc.boolean()).map(([sep, lower, wide]) => {
    const s = `${id.slice(0, 6)}${sep}${id.slice(6, 14)}${sep}${id.slice(14)}`;
    const cased = lower ? s.toLowerCase() : s;
    return wide ? fullWidth(cased) : cased;
  });

function luhnComplete(body: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}
const card = fc
  .tuple(fc.constantFrom('62', '4', '51', '55', '35', '9558', '2221'), fc.integer({ min: 13, max: 19 }))
  .chain(([iin, length]) => digits(length - iin.length - 1).map((body) => luhnComplete(`${iin}${body}`)));
const cardSpelling = (c: string) =>
  fc.tuple(fc.constantFrom('', ' ', '-'), fc.boolean()).map(([sep, wide]) => {
    // Cards of 16–19 digits are also written in groups of four.
    const s = sep && c.length >= 16 ? (c.match(/.{1,4}/g) ?? []).join(sep) : c;
    return wide ? fullWidth(s) : s;
  });

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._]{2,15}[a-z0-9]$/),
    fc.constantFrom('example.com', '163.com', 'qq.com', 'brand.com.cn'),
  )
  .map(([local, domain]) => ({ local, address: `${local}@${domain}` }));

type Pii = { kind: string; written: string; secret: string };
const anyPii: fc.Arbitrary<Pii> = fc.oneof(
  nationalMobile.chain((n) => mobileSpelling(n).map((w) => ({ kind: 'mobile', written: w, secret: n }))),
  residentId.chain((id) => idSpelling(id).map((w) => ({ kind: 'residentId', written: w, secret: id }))),
  card.chain((c) => cardSpelling(c).map((w) => ({ kind: 'bankCard', written: w, secret: c }))),
  email.map((e) => ({ kind: 'email', written: e.address, secret: `${e.local}@` })),
);

/** The text as a reader would search it: ASCII, no separators, uppercase X. */
const searchable = (s: string) => s.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();

// ---- properties -----------------------------------------------------------------------------

describe('validation of generated values', () => {
  it('every spelling of a mobile number normalises to +86 and the number', () => {
    fc.assert(
      fc.property(
        nationalMobile.chain((n) => fc.tuple(fc.constant(n), mobileSpelling(n))),
        ([n, written]) => {
          expect(normaliseMobile(written)).toEqual({ ok: true, value: `+86${n}` });
        },
      ),
      RUNS,
    );
  });

  it('every generated resident ID is valid in every spelling, and a changed character is not', () => {
    fc.assert(
      fc.property(
        residentId.chain((id) => fc.tuple(fc.constant(id), idSpelling(id), fc.integer({ min: 0, max: 17 }))),
        ([id, written, at]) => {
          expect(normaliseResidentId(written)).toEqual({ ok: true, value: id });
          const swapped = id[at] === '0' ? '1' : '0';
          expect(isValidResidentId(`${id.slice(0, at)}${swapped}${id.slice(at + 1)}`)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('every generated card is valid in every spelling, and a changed digit is not', () => {
    fc.assert(
      fc.property(
        card.chain((c) => fc.tuple(fc.constant(c), cardSpelling(c), fc.integer({ min: 0, max: 12 }))),
        ([c, written, at]) => {
          expect(normaliseBankCard(written)).toEqual({ ok: true, value: c });
          const swapped = String((Number(c[at]) + 1 + (at % 9)) % 10);
          expect(isValidBankCard(`${c.slice(0, at)}${swapped}${c.slice(at + 1)}`)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('a mobile number with a changed carrier prefix (10–12) is not a mobile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), digits(9), (second, rest) => {
        expect(isValidMobile(`1${second}${rest}`)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('maskText on generated text', () => {
  it('finds and masks any PII in any spelling inside random Chinese text', () => {
    fc.assert(
      fc.property(filler, anyPii, filler, (before, pii, after) => {
        const text = `${before}${pii.written}${after}`;
        const masked = maskText(text);
        expect(searchable(masked)).not.toContain(searchable(pii.secret));
        // Letters next to an email address are part of it (its mailbox name or domain).
        if (pii.kind !== 'email') {
          expect(masked.startsWith(before)).toBe(true);
          expect(masked.endsWith(after)).toBe(true);
        }
        expect(findPii(text).map((f) => f.kind)).toEqual([pii.kind]);
      }),
      RUNS,
    );
  });

  it('masks every one of several pieces of PII in one text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyPii, filler), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0x4e00, max: 0x9fa5 }),
        (parts, cjk) => {
          // A Chinese character between pieces, so two numbers never run into one.
          const sep = String.fromCharCode(cjk);
          const text = parts.map(([p, f]) => `${p.written}${sep}${f}${sep}`).join('');
          const masked = searchable(maskText(text));
          for (const [p] of parts) expect(masked).not.toContain(searchable(p.secret));
        },
      ),
      RUNS,
    );
  });

  it('is idempotent: masking masked text changes nothing', () => {
    // Pieces joined by a Chinese character: numbers glued together with a dash ("…3543-0000-…")
    // are read as one number up to the dash, and the rest may be found on a second pass.
    const noisy = fc
      .array(
        fc.oneof(
          anyPii.map((p) => p.written),
          filler,
          digits(1, 20),
        ),
        { maxLength: 8 },
      )
      .map((xs) => xs.join('的'));
    fc.assert(
      fc.property(noisy, (text) => {
        const once = maskText(text);
        expect(maskText(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('leaves text without digits or @ exactly as it is', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !/[0-9０-９@＠]/.test(s)),
        (text) => {
          expect(maskText(text)).toBe(text);
        },
      ),
      RUNS,
    );
  });
});

describe('maskText leaves numbers that are not PII alone', () => {
  const untouched = (text: string): void => {
    expect(maskText(text)).toBe(text);
  };

  it('numbers of up to 12 digits that are not mobile numbers (amounts, dates, short order numbers)', () => {
    fc.assert(
      fc.property(
        filler,
        digits(1, 12).filter((d) => !/^1[3-9]\d{9}$/.test(d)),
        filler,
        (a, n, b) => untouched(`${a}${n}${b}`),
      ),
      RUNS,
    );
  });

  it('dates (yyyymmdd, yyyy-mm-dd) and amounts', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 99_999_999 }),
        (d, cents) => {
          const iso = d.toISOString().slice(0, 10);
          untouched(`日期${iso.replaceAll('-', '')}，${iso}，金额¥${(cents / 100).toFixed(2)}元`);
        },
      ),
      RUNS,
    );
  });

  it('13–19-digit numbers that fail Luhn and are not UnionPay-like, ID-shaped or +86 mobiles', () => {
    const orderNumber = fc
      .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 13, max: 19 }))
      .chain(([first, length]) => digits(length - 1).map((rest) => `${first}${rest}`))
      .filter(
        (n) =>
          !isLuhnValid(n) &&
          !n.startsWith('62') &&
          !(n.length === 18 && normaliseResidentId(n).ok) &&
          !(n.length === 18 && /^\d{6}(19|20)/.test(n)) &&
          !/^(0086|86)1[3-9]/.test(n),
      );
    fc.assert(
      fc.property(filler, orderNumber, filler, (a, n, b) => untouched(`${a}订单${n}${b}`)),
      RUNS,
    );
  });

  it('13–19-digit numbers starting with 0, 1, 7 or 8 even when Luhn passes (timestamps, tracking numbers)', () => {
    const run = fc
      .tuple(fc.constantFrom('0', '17', '7', '80'), fc.integer({ min: 13, max: 19 }))
      .chain(([first, length]) =>
        digits(length - first.length - 1).map((rest) => luhnComplete(`${first}${rest}`)),
      )
      .filter(
        (n) => !(n.length === 18 && /^(71|81|82|83)\d{4}(19|20)/.test(n)) && !/^(86|0086)1[3-9]/.test(n),
      );
    fc.assert(
      fc.property(run, (n) => untouched(`编号${n}`)),
      RUNS,
    );
  });
});
