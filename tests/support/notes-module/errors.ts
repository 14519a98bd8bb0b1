import { defineErrors, domainError } from '../../../packages/core/src/platform/errors.js';

export const NOTES_ERRORS = defineErrors({
  NOTE_TOO_LONG: {
    status: 400,
    en: 'A note holds at most 500 characters.',
    'zh-CN': '便签最多 500 个字符。',
  },
});

export class NotesError extends domainError<keyof typeof NOTES_ERRORS>(NOTES_ERRORS) {}
