import { defineErrors, domainError } from '../../platform/errors.js';

/**
 * Client-visible (4xx). Messages never carry the value that was refused: `details.reason` says
 * why (the platform/pii normaliser's reason code, e.g. `NOT_MAINLAND`, `CHECKSUM_MISMATCH`).
 */
export const CUSTOMERS_ERRORS = defineErrors({
  CUSTOMER_EMAIL_INVALID: {
    status: 400,
    en: 'This is not a valid email address.',
    'zh-CN': '邮箱地址无效。',
  },
  CUSTOMER_MOBILE_INVALID: {
    status: 400,
    en: 'This is not a valid mainland China mobile number.',
    'zh-CN': '不是有效的中国大陆手机号码。',
  },
  CUSTOMER_RESIDENT_ID_INVALID: {
    status: 400,
    en: 'This is not a valid 18-character resident ID number.',
    'zh-CN': '不是有效的 18 位居民身份证号码。',
  },
  CUSTOMER_BANK_CARD_INVALID: {
    status: 400,
    en: 'This is not a valid bank card number.',
    'zh-CN': '不是有效的银行卡号。',
  },
  CUSTOMER_ADDRESS_INVALID: {
    status: 400,
    en: 'An address has 2 to 500 characters on one line.',
    'zh-CN': '地址须为 2 至 500 个字符，且只能有一行。',
  },
  CUSTOMER_EXTERNAL_ID_INVALID: {
    status: 400,
    en: "An external or visitor id is the brand's own opaque id: up to 200 printable characters, not an email, phone or ID number.",
    'zh-CN':
      '外部 ID 或访客 ID 须为品牌自己的不透明标识：最多 200 个可打印字符，不能是邮箱、电话或证件号码。',
  },
  CUSTOMER_IDENTITY_TAKEN: {
    status: 409,
    en: 'Another customer already has this email, mobile number or id (details.customerId): merge the two instead.',
    'zh-CN': '其他客户已使用该邮箱、手机号或 ID（见 details.customerId），请改为合并两位客户。',
  },
  CUSTOMER_MERGED: {
    status: 409,
    en: 'This customer was merged into another (details.mergedIntoId): work on that one.',
    'zh-CN': '该客户已合并到另一位客户（见 details.mergedIntoId），请在该客户上操作。',
  },
  CUSTOMER_MERGE_NOT_ALLOWED: {
    status: 409,
    en: 'A customer cannot be merged into itself.',
    'zh-CN': '客户不能合并到其自身。',
  },
});

export type CustomersErrorCode = keyof typeof CUSTOMERS_ERRORS;

export class CustomersError extends domainError<CustomersErrorCode>(CUSTOMERS_ERRORS) {}
