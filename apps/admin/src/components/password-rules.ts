import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';

/** Mirrors the server's minimum so most weak passwords are caught before sending; WEAK_PASSWORD covers the rest. */
export const MIN_PASSWORD_LENGTH = 10;

/** Form rules for choosing a password and typing it again (invitation, account). */
export function usePasswordRules(): { newPassword: Rule[]; confirm: (field: string) => Rule[] } {
  const { t } = useTranslation();
  return {
    newPassword: [
      { required: true, message: t('validation.passwordRequired') },
      { min: MIN_PASSWORD_LENGTH, message: t('validation.passwordMin', { min: MIN_PASSWORD_LENGTH }) },
      {
        validator: async (_rule, value: unknown) => {
          if (typeof value !== 'string' || value.length < MIN_PASSWORD_LENGTH) return;
          if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) throw new Error(t('validation.passwordMix'));
        },
      },
    ],
    confirm: (field) => [
      { required: true, message: t('validation.confirmRequired') },
      ({ getFieldValue }) => ({
        validator: async (_rule, value: unknown) => {
          if (value && value !== getFieldValue(field)) throw new Error(t('validation.passwordMismatch'));
        },
      }),
    ],
  };
}
