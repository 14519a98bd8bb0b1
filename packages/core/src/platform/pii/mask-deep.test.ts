import { describe, expect, it } from 'vitest';
import { maskDeep } from './mask-deep.js';

describe('maskDeep', () => {
  it('masks every string in nested objects and arrays, keys included, and copies', () => {
    const input = {
      customer: { phone: '13812345678', note: '身份证11010519491231002X', age: 40 },
      history: ['邮箱 zhang@example.com', { card: '6222 0212 3456 7894' }],
      byPhone: { '13912345678': 'vip' },
      ok: true,
      none: null,
    };
    const snapshot = structuredClone(input);
    expect(maskDeep(input)).toEqual({
      customer: { phone: '138****5678', note: '身份证1101**********002X', age: 40 },
      history: ['邮箱 z***@example.com', { card: '************7894' }],
      byPhone: { '139****5678': 'vip' },
      ok: true,
      none: null,
    });
    expect(input).toEqual(snapshot);
  });

  it('masks errors but keeps them errors', () => {
    const err = new TypeError('lookup failed for 13812345678', { cause: new Error('13912345678') });
    const masked = maskDeep(err);
    expect(masked).toBeInstanceOf(TypeError);
    expect(masked.message).toBe('lookup failed for 138****5678');
    expect(masked.stack).not.toContain('13812345678');
    expect((masked.cause as Error).message).toBe('139****5678');
  });

  it('walks Maps and Sets, keeps Dates and buffers, and uses toJSON of other instances', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const buf = Buffer.from('13812345678');
    class Doc {
      toJSON() {
        return { phone: '13812345678' };
      }
    }
    const out = maskDeep({
      m: new Map([['k', '13812345678']]),
      s: new Set(['13812345678']),
      at,
      buf,
      doc: new Doc(),
    });
    expect(out.m.get('k')).toBe('138****5678');
    expect([...out.s]).toEqual(['138****5678']);
    expect(out.at).toBe(at);
    expect(out.buf).toBe(buf);
    expect(out.doc).toEqual({ phone: '138****5678' });
  });

  it('keeps cycles as cycles and does not follow a __proto__ key', () => {
    const a: Record<string, unknown> = { phone: '13812345678' };
    a.self = a;
    const out = maskDeep(a);
    expect(out.self).toBe(out);
    expect(out.phone).toBe('138****5678');
    const hostile = JSON.parse('{"__proto__": {"polluted": "13812345678"}}') as Record<string, unknown>;
    const safe = maskDeep(hostile);
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(safe, '__proto__')?.value).toEqual({ polluted: '138****5678' });
  });

  it('leaves scalars as they are', () => {
    expect(maskDeep(13812345678)).toBe(13812345678);
    expect(maskDeep(undefined)).toBeUndefined();
    expect(maskDeep('13812345678')).toBe('138****5678');
  });
});
