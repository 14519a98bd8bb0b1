import { defineErrors, domainError } from '../../platform/errors.js';

export const SLA_ERRORS = defineErrors({
  CALENDAR_LIMIT_REACHED: {
    status: 409,
    en: 'This organisation already has the most business calendars allowed (20). Delete one first.',
    'zh-CN': '该组织的营业日历数量已达上限（20 个），请先删除一个。',
  },
  CALENDAR_IS_DEFAULT: {
    status: 409,
    en: 'This is the default calendar. Make another calendar the default before deleting it.',
    'zh-CN': '这是默认营业日历。请先将其他日历设为默认，再删除它。',
  },
  CALENDAR_NEVER_OPEN: {
    status: 422,
    en: 'This calendar has no open hours, so business time cannot be counted on it. Add open hours to at least one weekday.',
    'zh-CN': '该日历没有任何营业时间，无法计算工作时间。请至少为一个工作日设置营业时间。',
  },
  HOLIDAY_DATA_MISSING: {
    status: 422,
    en: 'There is no official holiday data for this year yet. It is usually published in November of the year before.',
    'zh-CN': '暂无该年度的官方节假日数据，通常于上一年 11 月公布。',
  },
});

export type SlaErrorCode = keyof typeof SLA_ERRORS;

export class SlaError extends domainError<SlaErrorCode>(SLA_ERRORS) {}
