import { defineErrors, domainError } from '../../platform/errors.js';

export const TENANTS_ERRORS = defineErrors({
  SLUG_TAKEN: {
    status: 409,
    en: 'This slug is already used by another tenant.',
    'zh-CN': '该租户标识已被其他租户使用。',
  },
  CONFIRMATION_MISMATCH: {
    status: 400,
    en: 'The slug you typed does not match this tenant.',
    'zh-CN': '输入的标识与该租户不一致。',
  },
  TENANT_NOT_ACTIVE: {
    status: 409,
    en: 'The tenant is not in a state that allows this.',
    'zh-CN': '租户当前状态不允许此操作。',
  },
  TENANT_OFFBOARDED: { status: 409, en: 'This tenant has been offboarded.', 'zh-CN': '该租户已完成退出。' },
});

export type TenantsErrorCode = keyof typeof TENANTS_ERRORS;

export class TenantsError extends domainError<TenantsErrorCode>(TENANTS_ERRORS) {}
