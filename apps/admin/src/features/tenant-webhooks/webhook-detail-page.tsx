import {
  DeleteOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  KeyOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { RefreshButton } from '../../components/table-toolbar';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';
import { DeliveryLog } from './delivery-log';
import { useFailureReason } from './delivery-status';
import { DeleteWebhookMutation, SendTestWebhookMutation, WebhookQuery } from './documents';
import { EventLabel } from './event-label';
import type { Webhook } from './types';
import { EditWebhookModal, RotateSecretModal } from './webhook-modals';
import { useToggleActive } from './webhooks-page';

type OpenModal = 'edit' | 'rotate' | null;

function Settings({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation('tenant-webhooks');
  const fmt = useFormatters();
  return (
    <Card title={t('webhooks.detail.settings')} className="stat-row" data-testid="webhook-settings">
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          {
            key: 'url',
            label: t('webhooks.form.url'),
            span: 2,
            children: (
              <Typography.Text className="mono" copyable data-testid="webhook-detail-url">
                {webhook.url}
              </Typography.Text>
            ),
          },
          {
            key: 'events',
            label: t('webhooks.form.events'),
            span: 2,
            children: (
              <Flex gap="4px 20px" wrap>
                {webhook.eventTypes.map((e) => (
                  <span key={e}>
                    <EventLabel name={e} inline />
                  </span>
                ))}
              </Flex>
            ),
          },
          {
            key: 'description',
            label: t('webhooks.form.description'),
            children: webhook.description || (
              <Typography.Text type="secondary">{t('webhooks.detail.noDescription')}</Typography.Text>
            ),
          },
          {
            key: 'secret',
            label: t('webhooks.detail.secret'),
            children: (
              <Flex vertical gap={2}>
                <span>
                  {webhook.secretRotatedAt
                    ? t('webhooks.detail.secretRotatedAt', { at: fmt.dateTime(webhook.secretRotatedAt) })
                    : t('webhooks.detail.secretCreated')}
                </span>
                {webhook.previousSecretExpiresAt ? (
                  <Typography.Text type="warning" className="small" data-testid="previous-secret">
                    {t('webhooks.detail.previousSecret', {
                      at: fmt.dateTime(webhook.previousSecretExpiresAt),
                    })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { key: 'created', label: t('common.createdAt'), children: fmt.dateTime(webhook.createdAt) },
          {
            key: 'updated',
            label: t('webhooks.detail.updatedAt'),
            children: fmt.dateTime(webhook.updatedAt),
          },
        ]}
      />
    </Card>
  );
}

export function WebhookDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tenant-webhooks');
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const feedback = useFeedback();
  const reason = useFailureReason();
  const state = useQuery(WebhookQuery, { id });
  const sendTest = useMutation(SendTestWebhookMutation);
  const remove = useMutation(DeleteWebhookMutation);
  const [open, setOpen] = useState<OpenModal>(null);
  const [version, setVersion] = useState(0);
  const reload = () => {
    state.refetch();
    setVersion((n) => n + 1);
  };
  const { toggle, pending } = useToggleActive(reload);
  const webhook = state.data?.webhook ?? null;

  const test = async (current: Webhook) => {
    try {
      const { sendTestWebhook: d } = await sendTest.run({ id: current.id });
      if (d.status === 'SUCCEEDED') {
        void message.success(
          t('webhooks.detail.testDelivered', { status: d.lastStatusCode ?? 0, ms: d.latencyMs ?? 0 }),
        );
      } else {
        void message.warning(
          t('webhooks.detail.testFailed', {
            reason: reason(d.lastError, d.lastStatusCode) ?? t(`webhooks.deliveries.status.${d.status}`),
          }),
        );
      }
      setVersion((n) => n + 1);
    } catch (err) {
      feedback.error(err);
    }
  };

  const confirmDelete = (current: Webhook) => {
    modal.confirm({
      title: t('webhooks.detail.deleteTitle'),
      content: t('webhooks.detail.deleteBody', { url: current.url }),
      okText: t('webhooks.detail.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      icon: <ExclamationCircleOutlined />,
      onOk: async () => {
        try {
          await remove.run({ id: current.id });
          feedback.success(t('webhooks.detail.deleted'));
          void navigate('/tenant/webhooks', { replace: true });
        } catch (err) {
          feedback.error(err);
        }
      },
    });
  };

  return (
    <QueryView state={state}>
      {({ webhook: current }) => (
        <>
          <PageHeader
            crumbs={[{ title: t('nav.webhooks'), to: '/tenant/webhooks' }, { title: current.url }]}
            title={current.url}
            subtitle={current.description || undefined}
            tags={
              <Badge
                status={current.active ? 'success' : 'default'}
                text={current.active ? t('webhooks.list.active') : t('webhooks.list.paused')}
                data-testid="webhook-state"
              />
            }
            extra={
              <>
                <RefreshButton onClick={reload} />
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={sendTest.loading}
                  onClick={() => void test(current)}
                  data-testid="webhook-send-test"
                >
                  {t('webhooks.detail.sendTest')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="webhook-edit">
                  {t('webhooks.detail.edit')}
                </Button>
                <Button
                  icon={current.active ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
                  loading={pending === current.id}
                  onClick={() => void toggle(current, !current.active)}
                  data-testid="webhook-toggle"
                >
                  {current.active ? t('webhooks.detail.pause') : t('webhooks.detail.activate')}
                </Button>
                <Button icon={<KeyOutlined />} onClick={() => setOpen('rotate')} data-testid="webhook-rotate">
                  {t('webhooks.detail.rotate')}
                </Button>
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => confirmDelete(current)}
                  data-testid="webhook-delete"
                >
                  {t('webhooks.detail.delete')}
                </Button>
              </>
            }
          />
          {current.active ? null : (
            <Alert className="page-alert" type="warning" showIcon title={t('webhooks.detail.pausedBanner')} />
          )}
          <Settings webhook={current} />
          <DeliveryLog webhook={current} version={version} />
          <EditWebhookModal
            webhook={open === 'edit' ? webhook : null}
            onClose={() => setOpen(null)}
            onSaved={() => {
              setOpen(null);
              reload();
            }}
          />
          <RotateSecretModal
            webhook={open === 'rotate' ? webhook : null}
            onClose={() => setOpen(null)}
            onRotated={() => state.refetch()}
          />
        </>
      )}
    </QueryView>
  );
}
