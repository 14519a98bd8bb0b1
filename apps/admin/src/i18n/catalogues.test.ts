import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES, SERVER_ERROR_CODES } from '../api/errors';
import { FEATURES } from '../features';
import { en } from './en';
import { zhCN } from './zh-cn';

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

// The shared catalogue and every feature's namespace, as i18n/resources.ts loads them.
const NAMESPACES: [string, unknown, unknown][] = [
  ['translation', en, zhCN],
  ...FEATURES.map((f): [string, unknown, unknown] => [f.namespace, f.messages.en, f.messages['zh-CN']]),
];

describe('message catalogues', () => {
  it.each(NAMESPACES)('%s: zh-CN and en have exactly the same keys', (_ns, enMessages, zhMessages) => {
    const zhKeys = leaves(zhMessages)
      .map(([k]) => k)
      .sort();
    const enKeys = leaves(enMessages)
      .map(([k]) => k)
      .sort();
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it.each(NAMESPACES)(
    '%s: every message is a non-empty string with the same placeholders in both languages',
    (_ns, enMessages, zhMessages) => {
      const zh = new Map(leaves(zhMessages));
      for (const [key, text] of leaves(enMessages)) {
        expect(typeof text, key).toBe('string');
        expect((text as string).trim(), key).not.toBe('');
        const other = zh.get(key);
        expect(typeof other, key).toBe('string');
        expect(placeholders(other as string), key).toEqual(placeholders(text as string));
      }
    },
  );

  it('covers the whole console', () => {
    const total = NAMESPACES.reduce((n, [, enMessages]) => n + leaves(enMessages).length, 0);
    expect(total).toBeGreaterThan(300);
  });

  it('has a translated message for every error code the API can send', () => {
    for (const code of [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      expect(en.errors[code], code).toBeTruthy();
      expect(zhCN.errors[code], code).toBeTruthy();
    }
  });

  it('keeps plural-suffixed keys out (they would differ between the languages)', () => {
    const keys = NAMESPACES.flatMap(([ns, enMessages]) => leaves(enMessages).map(([k]) => `${ns}:${k}`));
    expect(keys.filter((k) => /_(one|other|few|many|zero|two)$/.test(k))).toEqual([]);
  });
});
