import { Alert, Form, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../api/operation';
import { ModalFooter } from '../../components/modal-footer';
import { useErrorText } from '../../i18n/error-text';
import { useSession } from '../../session/session-context';
import { TicketByNumberQuery } from './documents';

export type FoundTicket = ResultOf<typeof TicketByNumberQuery>['ticketByNumber'];

/**
 * Picks another ticket by its number, shows which one it is, then runs the action (merge asks
 * for a confirmation in words, since it cannot be undone).
 */
export function TicketNumberModal({
  open,
  kind,
  current,
  onClose,
  onConfirm,
}: {
  open: boolean;
  kind: 'merge' | 'link';
  current: { id: string; number: number };
  onClose: () => void;
  onConfirm: (target: FoundTicket) => Promise<void>;
}) {
  const { t } = useTranslation('workspace');
  const { manager } = useSession();
  const errorText = useErrorText();
  const [number, setNumber] = useState<number | null>(null);
  const [found, setFound] = useState<FoundTicket | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async (value: number | null): Promise<FoundTicket | null> => {
    setFound(null);
    setProblem(null);
    if (!value) {
      setProblem(t('merge.targetRequired'));
      return null;
    }
    if (value === current.number) {
      setProblem(t('merge.targetSelf'));
      return null;
    }
    try {
      const data = await manager.request(TicketByNumberQuery, { number: value });
      setFound(data.ticketByNumber);
      return data.ticketByNumber;
    } catch (err) {
      setProblem(errorText(err));
      return null;
    }
  };

  const confirm = async () => {
    setBusy(true);
    try {
      const target = found && found.number === number ? found : await lookUp(number);
      if (!target) return;
      await onConfirm(target);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) {
          setNumber(null);
          setFound(null);
          setProblem(null);
        }
      }}
      title={kind === 'merge' ? t('merge.title', { number: current.number }) : t('link.title')}
      footer={
        <ModalFooter
          onClose={onClose}
          action={kind === 'merge' ? t('merge.confirm') : t('link.confirm')}
          onAction={confirm}
          loading={busy}
          danger={kind === 'merge'}
          actionTestId={`${kind}-submit`}
        />
      }
    >
      <Form layout="vertical" onFinish={() => void confirm()}>
        <Form.Item label={kind === 'merge' ? t('merge.target') : t('link.target')} htmlFor={`${kind}-number`}>
          <InputNumber
            id={`${kind}-number`}
            min={1}
            precision={0}
            style={{ width: '100%' }}
            placeholder={t('merge.targetPlaceholder')}
            value={number}
            onChange={(v) => {
              setNumber(v);
              setFound(null);
            }}
            onBlur={() => void (number ? lookUp(number) : undefined)}
            data-testid={`${kind}-number`}
          />
        </Form.Item>
      </Form>
      {found ? (
        <Typography.Paragraph data-testid={`${kind}-found`}>
          {t('merge.found', {
            number: found.number,
            subject: found.subject,
            status: t(`status.${found.status}`),
          })}
        </Typography.Paragraph>
      ) : null}
      {kind === 'merge' ? <Alert type="warning" showIcon title={t('merge.explain')} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} role="alert" /> : null}
    </Modal>
  );
}
