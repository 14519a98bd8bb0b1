import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TenantKeys, parseCiphertext } from './cipher.js';
import { KeyringError } from './errors.js';

const KEY_A = 'tdk_AAAAAAAAAAAAAAAAAAAA';
const KEY_B = 'tdk_BBBBBBBBBBBBBBBBBBBB';
const tenantA = () => new TenantKeys('tn_aaaaaaaaaaaaaaaaaaaa', KEY_A, randomBytes(32));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof KeyringError ? e.code : `not a KeyringError: ${String(e)}`;
  }
  return undefined;
}

describe('field encryption with a tenant key', () => {
  it('round-trips any text, empty and long and Chinese included', () => {
    const keys = tenantA();
    for (const text of [
      '',
      '13812345678',
      '北京市朝阳区建国路 88 号 3 单元',
      'x'.repeat(100_000),
      '😀\u0000\n',
    ]) {
      expect(keys.decrypt(keys.encrypt(text, 'customer.address'), 'customer.address')).toBe(text);
    }
  });

  it('writes the versioned format v1.<keyId>.<iv>.<tag>.<ciphertext> in base64url, a fresh IV each time', () => {
    const keys = tenantA();
    const a = keys.encrypt('13812345678', 'customer.mobile');
    const b = keys.encrypt('13812345678', 'customer.mobile');
    expect(a).toMatch(/^v1\.tdk_A{20}\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(parseCiphertext(a)?.keyId).toBe(KEY_A);
  });

  it('refuses a tampered ciphertext: any changed IV, tag or body character', () => {
    const keys = tenantA();
    const c = keys.encrypt('11010519491231002X', 'customer.residentId');
    const [v, kid, iv, tag, body] = c.split('.') as [string, string, string, string, string];
    const flip = (s: string, i: number) => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    for (const changed of [
      [v, kid, flip(iv, 3), tag, body],
      [v, kid, iv, flip(tag, 5), body],
      [v, kid, iv, tag, flip(body, 0)],
      [v, kid, iv, tag, body.slice(0, -2)],
      [v, kid, iv, tag, `${body}AA`],
    ]) {
      expect(codeOf(() => keys.decrypt(changed.join('.'), 'customer.residentId'))).toBe('CIPHERTEXT_INVALID');
    }
  });

  it('refuses what is not a ciphertext', () => {
    const keys = tenantA();
    for (const junk of ['', '13812345678', 'v2.tdk_AAAAAAAAAAAAAAAAAAAA.a.b.c', 'v1.x.y.z', 'v1...']) {
      expect(codeOf(() => keys.decrypt(junk, 'customer.mobile'))).toBe('CIPHERTEXT_INVALID');
    }
  });

  it('a ciphertext moved to another field does not decrypt', () => {
    const keys = tenantA();
    const c = keys.encrypt('13812345678', 'customer.mobile');
    expect(codeOf(() => keys.decrypt(c, 'customer.bankCard'))).toBe('CIPHERTEXT_INVALID');
  });

  it('another tenant cannot decrypt it — not with its own key, not even with the same key bytes', () => {
    const dataKey = randomBytes(32);
    const a = new TenantKeys('tn_aaaaaaaaaaaaaaaaaaaa', KEY_A, dataKey);
    const c = a.encrypt('13812345678', 'customer.mobile');
    const b = new TenantKeys('tn_bbbbbbbbbbbbbbbbbbbb', KEY_B, randomBytes(32));
    expect(codeOf(() => b.decrypt(c, 'customer.mobile'))).toBe('CIPHERTEXT_INVALID');
    // Same key id and bytes under another tenant id: derived keys and associated data differ.
    const forged = new TenantKeys('tn_bbbbbbbbbbbbbbbbbbbb', KEY_A, dataKey);
    expect(codeOf(() => forged.decrypt(c, 'customer.mobile'))).toBe('CIPHERTEXT_INVALID');
  });

  it('refuses field names that are not identifiers (they are code, not input)', () => {
    const keys = tenantA();
    expect(() => keys.encrypt('x', 'Customer Mobile')).toThrow(/field name/);
    expect(() => keys.blindIndex('', 'x')).toThrow(/field name/);
  });
});

describe('blind indexes', () => {
  it('are equal for equal values of one tenant and field, and stable for the same key', () => {
    const dataKey = randomBytes(32);
    const keys = new TenantKeys('tn_aaaaaaaaaaaaaaaaaaaa', KEY_A, dataKey);
    const again = new TenantKeys('tn_aaaaaaaaaaaaaaaaaaaa', KEY_A, Buffer.from(dataKey));
    const i = keys.blindIndex('customer.mobile', '+8613812345678');
    expect(keys.blindIndex('customer.mobile', '+8613812345678')).toBe(i);
    expect(again.blindIndex('customer.mobile', '+8613812345678')).toBe(i);
    expect(i).toMatch(/^[\w-]{43}$/);
  });

  it('differ for different values, fields and tenants', () => {
    const dataKey = randomBytes(32);
    const a = new TenantKeys('tn_aaaaaaaaaaaaaaaaaaaa', KEY_A, dataKey);
    const b = new TenantKeys('tn_bbbbbbbbbbbbbbbbbbbb', KEY_B, randomBytes(32));
    const sameBytesOtherTenant = new TenantKeys('tn_bbbbbbbbbbbbbbbbbbbb', KEY_A, dataKey);
    const i = a.blindIndex('customer.mobile', '+8613812345678');
    expect(
      new Set([
        i,
        a.blindIndex('customer.mobile', '+8613812345679'),
        a.blindIndex('customer.phone', '+8613812345678'),
        b.blindIndex('customer.mobile', '+8613812345678'),
        sameBytesOtherTenant.blindIndex('customer.mobile', '+8613812345678'),
      ]).size,
    ).toBe(5);
  });

  it('never equal the value or its plain hash', () => {
    const keys = tenantA();
    const i = keys.blindIndex('customer.email', 'zhang@example.com');
    expect(i).not.toContain('zhang');
  });
});
