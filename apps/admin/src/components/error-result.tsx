import { Button, Result } from 'antd';
import type { ResultStatusType } from 'antd/es/result';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { useErrorText } from '../i18n/error-text';

function statusOf(error: unknown): ResultStatusType {
  if (error instanceof ApiError) {
    if (error.code === 'FORBIDDEN') return '403';
    if (error.code === 'NOT_FOUND') return '404';
    if (error.code === 'NETWORK_ERROR') return 'warning';
  }
  return 'error';
}

/** A failed load, in words, with a way to try again. */
export function ErrorResult({
  error,
  onRetry,
  compact,
}: {
  error: unknown;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = statusOf(error);
  return (
    <Result
      className={compact ? 'result-compact' : undefined}
      status={compact && (status === '403' || status === '404') ? 'warning' : status}
      title={
        status === '404'
          ? t('states.notFoundTitle')
          : status === '403'
            ? t('states.forbiddenTitle')
            : t('states.errorTitle')
      }
      subTitle={errorText(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
