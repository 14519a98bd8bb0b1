import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The footer of a modal that does one thing: Cancel and the action until it has run, then a single
 * Done once its result is on screen. A rejected `onAction` is dropped: that is a form whose
 * validation failed, and the form already shows why.
 */
export function ModalFooter({
  done = false,
  onClose,
  action,
  onAction,
  loading,
  danger,
  disabled,
  actionTestId,
  doneDisabled,
  doneTestId,
}: {
  done?: boolean;
  onClose: () => void;
  action: ReactNode;
  onAction: () => Promise<unknown>;
  loading: boolean;
  danger?: boolean;
  disabled?: boolean;
  actionTestId?: string;
  doneDisabled?: boolean;
  doneTestId?: string;
}) {
  const { t } = useTranslation();
  if (done) {
    return (
      <Button type="primary" disabled={doneDisabled} onClick={onClose} data-testid={doneTestId}>
        {t('common.done')}
      </Button>
    );
  }
  return (
    <Flex justify="flex-end" gap={8}>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button
        type="primary"
        danger={danger}
        disabled={disabled}
        loading={loading}
        onClick={() => void onAction().catch(() => undefined)}
        data-testid={actionTestId}
      >
        {action}
      </Button>
    </Flex>
  );
}
