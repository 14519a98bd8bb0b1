import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';

/** A readable, translated sentence for anything a request can throw. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const base = t(`errors.${error.code}`);
    if (error.retryAfterSeconds && (error.code === 'LOGIN_THROTTLED' || error.code === 'RATE_LIMITED')) {
      return `${base} ${t('errors.retryAfter', { seconds: error.retryAfterSeconds })}`;
    }
    return base;
  }
  return t('errors.UNKNOWN_ERROR');
}

export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => errorText(t, error), [t]);
}
