import { describe, expect, it } from 'vitest';
import { containsPii, findPii, maskText } from './detect.js';

const ID = '11010519491231002X';
const CARD = '6222021234567894'; // UnionPay, Luhn-valid

describe('maskText finds PII inside Chinese text', () => {
  it.each([
    ['我的手机号是13812345678，谢谢', '我的手机号是138****5678，谢谢'],
    ['电话：138 1234 5678。', '电话：138****5678。'],
    ['电话+86-138-1234-5678', '电话+86-138****5678'],
    ['请拨００８６１３８１２３４５６７８', '请拨0086138****5678'.replace('0086', '００８６')],
    ['号码8613812345678到了', '号码86138****5678到了'],
    ['（+86）13812345678', '（+86）13812345678'.replace('13812345678', '138****5678')],
    ['手机１３８１２３４５６７８', '手机138****5678'],
    [`身份证号${ID}已登记`, '身份证号1101**********002X已登记'],
    ['身份证号11010519491231002x', '身份证号1101**********002X'],
    ['身份证 110105 19491231 002X', '身份证 1101**********002X'],
    [`卡号${CARD}请核对`, '卡号************7894请核对'],
    ['卡号 6222 0212 3456 7894 请核对', '卡号 ************7894 请核对'],
    ['卡号６２２２０２１２３４５６７８９４', '卡号************7894'],
    ['邮箱zhang.san@example.com谢谢', '邮箱z***@example.com谢谢'],
    ['写信到 zhang@example.com.', '写信到 z***@example.com.'],
    ['my number is 13812345678', 'my number is 138****5678'],
  ])('%j → %j', (input, masked) => {
    expect(maskText(input)).toBe(masked);
  });

  it('masks several of them in one text, in place', () => {
    const text = `客户张三，手机13812345678，身份证${ID}，卡号${CARD}，邮箱zs@example.com。`;
    expect(maskText(text)).toBe(
      '客户张三，手机138****5678，身份证1101**********002X，卡号************7894，邮箱***@example.com。',
    );
    expect(findPii(text).map((f) => f.kind)).toEqual(['mobile', 'residentId', 'bankCard', 'email']);
  });

  it('an email address wins over the phone number that is its mailbox name', () => {
    expect(maskText('发到13812345678@163.com')).toBe('发到1***@163.com');
  });

  it('a resident ID wins over a card when both rules match', () => {
    const f = findPii(`证件${ID}`);
    expect(f).toHaveLength(1);
    expect(f[0]?.kind).toBe('residentId');
  });

  it('masks a resident ID with a wrong check character (region and birth date are enough)', () => {
    expect(maskText('身份证110105194912310021')).toBe('身份证1101**********0021');
  });

  it('masks non-Luhn numbers written like cards, and bare 16–19-digit UnionPay-like runs', () => {
    expect(maskText('卡号 6222 0212 3456 7890')).toBe('卡号 ************7890');
    expect(maskText('卡号 1234-5678-9012-3456')).toBe('卡号 ************3456');
    expect(maskText('卡号6222021234567890')).toBe('卡号************7890');
    expect(maskText('Amex 3782 822463 10005')).toBe('Amex ***********0005');
  });
});

describe('maskText leaves what is not PII alone', () => {
  it.each([
    '订单日期20261201，金额13800.00元',
    '订单号 202612011234', // 12 digits
    '2026-12-01 13:45:00',
    '工单 4111111111111112 已关闭', // 16 digits, fails Luhn, not 62…
    '时间戳 1733011200000', // Luhn-valid by chance? Starts with 1: never a card
    '运单号 75123456789012', // 14 digits starting with 7
    '座机 010-12345678',
    '座机 0755 8888 6666',
    '金额 ¥1,380,000.00',
    '2026120113812345678', // a phone number glued to a date is one 19-digit number
    '138123456789', // 12 digits
    '版本 v1.38.1234.5678',
    'user@localhost',
    '张三@公司',
  ])('%j', (text) => {
    expect(maskText(text)).toBe(text);
    expect(containsPii(text)).toBe(false);
  });

  it('returns the same string when there is nothing to mask', () => {
    const text = '没有任何数字的文本';
    expect(maskText(text)).toBe(text);
  });

  it('is linear on long runs of letters, digits and at-signs', () => {
    const started = performance.now();
    maskText(`${'a'.repeat(200_000)}@`);
    maskText('1'.repeat(200_000));
    maskText('a@'.repeat(50_000));
    maskText('1 '.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
