import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertNoControlChars, ControlCharacterError, multiline, validatedLater } from './control-chars.js';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i));
const DEL = '\u007f';
const LINE_BREAKS = ['\t', '\n', '\r'];

const refused = (value: unknown, schema?: z.ZodType) => {
  try {
    assertNoControlChars(value, schema, 'arguments');
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('control characters at the boundary', () => {
  const single = z.object({ name: z.string().trim().min(1).max(120) });

  it.each([...C0, DEL].map((c) => [JSON.stringify(c), c]))(
    'refuses %s in a single-line field, with the position and HTTP 400',
    (_label, c) => {
      const e = refused({ name: `a${c}b` }, single);
      expect(e).toBeInstanceOf(ControlCharacterError);
      expect(e).toMatchObject({
        code: 'BAD_USER_INPUT',
        status: 400,
        extensions: { http: { status: 400 } },
        issues: [{ path: 'arguments.name' }],
      });
    },
  );

  it('lets ordinary text through, in any script', () => {
    for (const name of ['王女士', 'José Müller', 'emoji 🙂 ok', '  spaced  ', '']) {
      expect(refused({ name }, single)).toBeUndefined();
    }
  });

  it('a multiline() field takes tab and line breaks, never NUL or other controls', () => {
    const schema = z.object({ body: multiline(z.string().max(5000)) });
    expect(refused({ body: 'line 1\r\nline 2\n\tindented' }, schema)).toBeUndefined();
    for (const c of C0.filter((x) => !LINE_BREAKS.includes(x)).concat(DEL)) {
      expect(refused({ body: `x${c}y` }, schema), JSON.stringify(c)).toBeInstanceOf(ControlCharacterError);
    }
    // Only that field: its neighbours stay single-line.
    const mixed = z.object({ body: multiline(z.string()), subject: z.string() });
    expect(refused({ body: 'a\nb', subject: 'a\nb' }, mixed)).toMatchObject({
      issues: [{ path: 'arguments.subject' }],
    });
  });

  it('finds the multiline mark through wrappers, checks added later, arrays, unions and records', () => {
    const schema = z.object({
      optional: multiline(z.string()).max(10).optional(),
      nullish: multiline(z.string()).nullish(),
      defaulted: multiline(z.string()).default('x'),
      transformed: multiline(z.string()).transform((s) => s.trim()),
      list: z.array(multiline(z.string())).min(1),
      either: z.union([multiline(z.string()), z.number()]),
      byKey: z.record(z.string(), multiline(z.string())),
      nested: z.object({ inner: z.object({ text: multiline(z.string()) }) }).strict(),
    });
    const ok = {
      optional: 'a\nb',
      nullish: 'a\nb',
      defaulted: 'a\nb',
      transformed: 'a\nb',
      list: ['a\nb', 'c\td'],
      either: 'a\nb',
      byKey: { k: 'a\nb' },
      nested: { inner: { text: 'a\nb' } },
    };
    expect(refused(ok, schema)).toBeUndefined();
    expect(refused({ ...ok, list: ['ok', 'bad\u0000'] }, schema)).toMatchObject({
      issues: [{ path: 'arguments.list.1' }],
    });
    expect(refused({ ...ok, nested: { inner: { text: '\u0000' } } }, schema)).toMatchObject({
      issues: [{ path: 'arguments.nested.inner.text' }],
    });
  });

  it('a body validated later still tells the boundary where line breaks are allowed', () => {
    const later = z.object({
      input: validatedLater(z.object({ text: multiline(z.string()), title: z.string() })),
    });
    expect(refused({ input: { text: 'a\nb', title: 'one line' } }, later)).toBeUndefined();
    expect(refused({ input: { text: 'a\u0000b' } }, later)).toBeInstanceOf(ControlCharacterError);
    expect(refused({ input: { title: 'a\nb' } }, later)).toMatchObject({
      issues: [{ path: 'arguments.input.title' }],
    });
    expect(refused({ input: { unknown: 'a\nb' } }, later)).toBeInstanceOf(ControlCharacterError);
  });

  it('positions the schema does not describe are single-line (extra keys, no schema at all)', () => {
    expect(refused({ name: 'ok', extra: 'a\nb' }, single)).toBeInstanceOf(ControlCharacterError);
    expect(refused({ deep: [{ x: ['fine', 'a\u0001'] }] }, undefined)).toMatchObject({
      issues: [{ path: 'arguments.deep.0.x.1' }],
    });
    expect(refused('bare\u0000', undefined)).toBeInstanceOf(ControlCharacterError);
    expect(refused([1, true, null, { n: 2 }], undefined)).toBeUndefined();
  });

  it('refuses control characters in object keys', () => {
    expect(refused({ ['na\u0000me']: 'x' }, undefined)).toBeInstanceOf(ControlCharacterError);
  });

  it('walks a very deep value without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(refused(deep, undefined)).toBeInstanceOf(ControlCharacterError);
  });
});
