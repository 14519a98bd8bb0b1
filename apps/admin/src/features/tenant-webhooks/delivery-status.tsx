import { Badge, Tooltip } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from './messages';
import type { WebhookDeliveryStatus } from './types';

const BADGE: Record<WebhookDeliveryStatus, 'processing' | 'success' | 'warning' | 'error'> = {
  PENDING: 'processing',
  SUCCEEDED: 'success',
  FAILED: 'warning',
  DEAD: 'error',
};

/** A delivery's status in words, with what it means on hover. Test id: delivery-status-<STATUS>. */
export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  const { t } = useTranslation('tenant-webhooks');
  return (
    <Tooltip title={t(`webhooks.deliveries.statusHelp.${status}`)}>
      <Badge
        status={BADGE[status]}
        text={t(`webhooks.deliveries.status.${status}`)}
        data-testid={`delivery-status-${status}`}
      />
    </Tooltip>
  );
}

type ReasonCode = Exclude<keyof typeof en.webhooks.deliveries.reason, 'HTTP'>;

function isReasonCode(code: string): code is ReasonCode {
  return code !== 'HTTP' && Object.hasOwn(en.webhooks.deliveries.reason, code);
}

/** Why a try failed, in words: `HTTP_503` → "the receiver answered HTTP 503", `TIMEOUT` → …; unknown codes as they are. */
export function useFailureReason(): (
  lastError: string | null,
  lastStatusCode: number | null,
) => string | null {
  const { t } = useTranslation('tenant-webhooks');
  return useCallback(
    (lastError, lastStatusCode) => {
      if (!lastError) return null;
      const http = /^HTTP_(\d{3})$/.exec(lastError);
      if (http) return t('webhooks.deliveries.reason.HTTP', { status: lastStatusCode ?? Number(http[1]) });
      return isReasonCode(lastError) ? t(`webhooks.deliveries.reason.${lastError}`) : lastError;
    },
    [t],
  );
}
