import { defineErrors, domainError } from '../../platform/errors.js';

export const IDENTITY_ERRORS = defineErrors({
  INVALID_CREDENTIALS: {
    status: 401,
    en: 'The email or password is not correct.',
    'zh-CN': '邮箱或密码不正确。',
  },
  LOGIN_THROTTLED: { status: 429, en: 'Too many sign-in attempts.', 'zh-CN': '登录尝试次数过多。' },
  REFRESH_TOKEN_INVALID: {
    status: 401,
    en: 'Your session has ended. Please sign in again.',
    'zh-CN': '登录已失效，请重新登录。',
  },
  INVITATION_INVALID: { status: 404, en: 'This invitation is not valid.', 'zh-CN': '邀请链接无效。' },
  INVITATION_EXPIRED: { status: 400, en: 'This invitation has expired.', 'zh-CN': '邀请链接已过期。' },
  WEAK_PASSWORD: {
    status: 400,
    en: 'This password is too weak. Use a longer one with letters and digits.',
    'zh-CN': '密码强度不足，请使用更长且同时包含字母和数字的密码。',
  },
  ALREADY_MEMBER: {
    status: 409,
    en: 'This person is already a member of this tenant.',
    'zh-CN': '此人已是本租户成员。',
  },
  SEAT_LIMIT_REACHED: {
    status: 409,
    en: 'All seats in the plan are used. Ask the provider for more seats or remove a user.',
    'zh-CN': '套餐席位已用完，请联系服务商增加席位或移除用户。',
  },
  LAST_ADMIN: {
    status: 409,
    en: 'A tenant needs at least one administrator.',
    'zh-CN': '租户至少需要保留一名管理员。',
  },
  TENANT_SUSPENDED: {
    status: 403,
    en: 'This tenant is suspended. Contact your service provider.',
    'zh-CN': '该租户已被停用，请联系您的服务商。',
  },
  NOT_A_PROVIDER_AGENT: {
    status: 400,
    en: 'Only provider agents can be staffed onto tenants.',
    'zh-CN': '只有服务商坐席可以被派驻到租户。',
  },
});

export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS;

export class IdentityError extends domainError<IdentityErrorCode>(IDENTITY_ERRORS) {}
