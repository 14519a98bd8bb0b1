import { defineErrors, domainError } from '../../platform/errors.js';

/**
 * Tickets' own codes. A stale `version` answers the platform's `CONFLICT`; malformed input answers
 * `VALIDATION_FAILED` with `issues` (attachments, tags, sizes); another tenant's ids `NOT_FOUND`.
 */
export const TICKETS_ERRORS = defineErrors({
  TICKET_TRANSITION_NOT_ALLOWED: {
    status: 409,
    en: 'The ticket cannot move from its current status to that one.',
    'zh-CN': '工单无法从当前状态变更为该状态。',
  },
  TICKET_CLOSED: {
    status: 409,
    en: 'This ticket is closed and can no longer be changed.',
    'zh-CN': '该工单已关闭，无法再修改。',
  },
  TICKET_REOPEN_WINDOW_PASSED: {
    status: 409,
    en: 'This ticket was solved too long ago to be reopened. Open a new ticket instead.',
    'zh-CN': '该工单已解决超过可重新打开的期限，请新建工单。',
  },
  TICKET_MERGED: {
    status: 409,
    en: 'This ticket was merged into another ticket. Continue on that one.',
    'zh-CN': '该工单已合并到另一张工单，请在目标工单中继续处理。',
  },
  TICKET_MERGE_NOT_ALLOWED: {
    status: 409,
    en: 'These tickets cannot be merged.',
    'zh-CN': '这些工单无法合并。',
  },
  ASSIGNEE_INVALID: {
    status: 400,
    en: 'The assignee must be an active agent of this organisation.',
    'zh-CN': '处理人必须是本组织的在职坐席。',
  },
  CUSTOM_FIELD_INVALID: {
    status: 400,
    en: 'Some custom field values are not valid.',
    'zh-CN': '部分自定义字段的值无效。',
  },
  CUSTOM_FIELD_REQUIRED: {
    status: 422,
    en: 'Fill in the required fields before solving the ticket.',
    'zh-CN': '解决工单前请先填写必填字段。',
  },
  CUSTOM_FIELD_KEY_TAKEN: {
    status: 409,
    en: 'A custom field with this key already exists.',
    'zh-CN': '已存在使用该标识的自定义字段。',
  },
  TICKETS_LIMIT_REACHED: {
    status: 409,
    en: 'The limit for this kind of item has been reached. Remove one first.',
    'zh-CN': '此类项目已达上限，请先删除一些。',
  },
  CSAT_SURVEY_INVALID: {
    status: 404,
    en: 'This survey link is not valid or has expired.',
    'zh-CN': '该满意度调查链接无效或已过期。',
  },
  CSAT_ALREADY_ANSWERED: {
    status: 409,
    en: 'Thank you — this survey has already been answered.',
    'zh-CN': '感谢您的反馈，该调查已提交过。',
  },
});

export type TicketsErrorCode = keyof typeof TICKETS_ERRORS;

export class TicketsError extends domainError<TicketsErrorCode>(TICKETS_ERRORS) {}
