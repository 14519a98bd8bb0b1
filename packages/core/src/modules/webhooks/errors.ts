import { defineErrors, domainError } from '../../platform/errors.js';

export const WEBHOOKS_ERRORS = defineErrors({
  WEBHOOK_URL_NOT_ALLOWED: {
    status: 400,
    en: 'This address cannot receive webhooks: use a public http(s) URL without a user name or password.',
    'zh-CN': '该地址无法接收 Webhook：请使用公网可访问、不含用户名和密码的 http(s) 地址。',
  },
  WEBHOOK_LIMIT_REACHED: {
    status: 409,
    en: 'This organisation already has the most webhooks allowed. Delete one first.',
    'zh-CN': '该组织的 Webhook 数量已达上限，请先删除一个。',
  },
  WEBHOOK_INACTIVE: {
    status: 409,
    en: 'This webhook is paused. Activate it first.',
    'zh-CN': '该 Webhook 已暂停，请先启用。',
  },
  WEBHOOK_DELIVERY_IN_PROGRESS: {
    status: 409,
    en: 'This delivery is still being tried. Replay it once it has succeeded or failed for good.',
    'zh-CN': '该投递仍在重试中，请在其成功或最终失败后再重放。',
  },
});

export type WebhooksErrorCode = keyof typeof WEBHOOKS_ERRORS;

export class WebhooksError extends domainError<WebhooksErrorCode>(WEBHOOKS_ERRORS) {}
