import { describe, expect, it } from 'vitest';
import { SERVER_ERROR_CODES, CLIENT_ERROR_CODES } from '../api/errors';
import { en } from './en';
import { zhCN } from './zh-cn';

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

function leaves(value: unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object') {
      for (const [k, c] of Object.entries(v as Record<string, unknown>)) walk(c, path ? `${path}.${k}` : k);
    } else out.push([path, v]);
  };
  walk(value, '');
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('message catalogues', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zhKeys = keysOf(zhCN).sort();
    const enKeys = keysOf(en).sort();
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(300);
  });

  it('every message is a non-empty string with the same placeholders in both languages', () => {
    const zh = new Map(leaves(zhCN));
    for (const [key, text] of leaves(en)) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
      const other = zh.get(key);
      expect(typeof other, key).toBe('string');
      expect(placeholders(other as string), key).toEqual(placeholders(text as string));
    }
  });

  it('has a translated message for every error code the API can send', () => {
    for (const code of [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      expect(en.errors[code], code).toBeTruthy();
      expect(zhCN.errors[code], code).toBeTruthy();
    }
  });

  it('keeps plural-suffixed keys out (they would differ between the languages)', () => {
    expect(keysOf(en).filter((k) => /_(one|other|few|many|zero|two)$/.test(k))).toEqual([]);
  });
});
