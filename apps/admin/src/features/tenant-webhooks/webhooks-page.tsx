import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryTable } from '../../components/query-table';
import { RefreshButton } from '../../components/table-toolbar';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';
import { DeliveryStatusBadge } from './delivery-status';
import { UpdateWebhookMutation, WebhookLastDeliveryQuery, WebhooksQuery } from './documents';
import { EventTag } from './event-label';
import type { Webhook } from './types';
import { CreateWebhookModal } from './webhook-modals';
import { MAX_WEBHOOKS } from './webhook-rules';

/** How many event tags a row shows before "+n". */
const EVENTS_SHOWN = 3;

/** The newest delivery of one webhook; `version` changes whenever the list reloads. */
function LastDelivery({ webhookId, version }: { webhookId: string; version: number }) {
  const { t } = useTranslation('tenant-webhooks');
  const fmt = useFormatters();
  const state = useQuery(WebhookLastDeliveryQuery, { webhookId });
  const { refetch } = state;
  useEffect(() => {
    if (version > 0) refetch();
  }, [version, refetch]);
  const last = state.data?.webhookDeliveries.edges[0]?.node;
  if (!state.data) {
    return (
      <Typography.Text type="secondary">
        {state.error ? t('common.none') : t('common.loading')}
      </Typography.Text>
    );
  }
  if (!last) return <Typography.Text type="secondary">{t('webhooks.list.noDeliveries')}</Typography.Text>;
  return (
    <Flex vertical gap={2} data-testid="webhook-last-delivery">
      <Flex gap={8} align="center">
        <DeliveryStatusBadge status={last.status} />
        {last.lastStatusCode !== null ? (
          <Typography.Text type="secondary" className="mono small">
            HTTP {last.lastStatusCode}
          </Typography.Text>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" className="small">
        {fmt.dateTime(last.lastAttemptAt ?? last.createdAt)}
      </Typography.Text>
    </Flex>
  );
}

/** Sends or stops sending events to a webhook, from its row or its page. */
export function useToggleActive(onDone: () => void) {
  const { t } = useTranslation('tenant-webhooks');
  const feedback = useFeedback();
  const update = useMutation(UpdateWebhookMutation);
  const [pending, setPending] = useState<string | null>(null);
  const toggle = async (webhook: Webhook, active: boolean) => {
    setPending(webhook.id);
    try {
      await update.run({ id: webhook.id, input: { active } });
      feedback.success(active ? t('webhooks.list.activated') : t('webhooks.list.pausedDone'));
      onDone();
    } catch (err) {
      feedback.error(err);
    } finally {
      setPending(null);
    }
  };
  return { toggle, pending };
}

export function WebhooksPage() {
  const { t } = useTranslation('tenant-webhooks');
  const fmt = useFormatters();
  const navigate = useNavigate();
  const state = useQuery(WebhooksQuery, {});
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const reload = () => {
    state.refetch();
    setVersion((n) => n + 1);
  };
  const { toggle, pending } = useToggleActive(reload);
  const webhooks = [...(state.data?.webhooks ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const atLimit = webhooks.length >= MAX_WEBHOOKS;

  const createButton = (
    <Tooltip title={atLimit ? t('webhooks.list.limitReached', { max: MAX_WEBHOOKS }) : undefined}>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        disabled={atLimit}
        onClick={() => setCreating(true)}
        data-testid="create-webhook"
      >
        {t('webhooks.list.create')}
      </Button>
    </Tooltip>
  );

  return (
    <>
      <PageHeader
        title={t('webhooks.list.title')}
        subtitle={t('webhooks.list.subtitle')}
        extra={createButton}
      />
      <Card>
        <Flex className="table-toolbar" justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary">
            <ApiOutlined /> {t('webhooks.list.usage')}
          </Typography.Text>
          <Flex gap={12} align="center">
            {state.data ? (
              <Typography.Text type={atLimit ? 'warning' : 'secondary'} data-testid="webhooks-used">
                {t('webhooks.list.usedOf', { used: webhooks.length, max: MAX_WEBHOOKS })}
              </Typography.Text>
            ) : null}
            <RefreshButton onClick={reload} />
          </Flex>
        </Flex>
        <QueryTable<Webhook>
          state={state}
          empty={
            <Flex vertical gap={4}>
              <span>{t('webhooks.list.empty')}</span>
              <Typography.Text type="secondary">{t('webhooks.list.emptyHelp')}</Typography.Text>
            </Flex>
          }
          emptyAction={
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('webhooks.list.create')}
            </Button>
          }
          rowKey="id"
          dataSource={webhooks}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="webhooks-table"
          rowClassName={(row) => (row.active ? '' : 'row-muted')}
          columns={[
            {
              title: t('webhooks.list.col.url'),
              key: 'url',
              render: (_v, row) => (
                <Flex vertical gap={2} className="webhook-endpoint">
                  <Link to={`/tenant/webhooks/${row.id}`} className="mono" data-testid="webhook-link">
                    {row.url}
                  </Link>
                  {row.description ? (
                    <Typography.Text type="secondary" className="small">
                      {row.description}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('webhooks.list.col.events'),
              dataIndex: 'eventTypes',
              width: 220,
              render: (events: string[]) => (
                <Flex gap={4} wrap>
                  {events.slice(0, EVENTS_SHOWN).map((e) => (
                    <EventTag key={e} name={e} />
                  ))}
                  {events.length > EVENTS_SHOWN ? (
                    <Tooltip title={events.slice(EVENTS_SHOWN).join(', ')}>
                      <Typography.Text type="secondary" className="small">
                        {t('webhooks.list.moreEvents', { more: events.length - EVENTS_SHOWN })}
                      </Typography.Text>
                    </Tooltip>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('webhooks.list.col.active'),
              key: 'active',
              width: 120,
              render: (_v, row) => (
                <Flex gap={8} align="center">
                  <Switch
                    size="small"
                    checked={row.active}
                    loading={pending === row.id}
                    onChange={(active) => void toggle(row, active)}
                    aria-label={row.active ? t('webhooks.detail.pause') : t('webhooks.detail.activate')}
                    data-testid="webhook-row-active"
                  />
                  <span>{row.active ? t('webhooks.list.active') : t('webhooks.list.paused')}</span>
                </Flex>
              ),
            },
            {
              title: t('webhooks.list.col.lastDelivery'),
              key: 'last',
              width: 190,
              render: (_v, row) => <LastDelivery webhookId={row.id} version={version} />,
            },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              width: 180,
              className: 'col-time',
              render: (v: string) => fmt.dateTime(v),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 80,
              fixed: 'right',
              render: (_v, row) => <Link to={`/tenant/webhooks/${row.id}`}>{t('webhooks.list.manage')}</Link>,
            },
          ]}
        />
      </Card>
      <CreateWebhookModal
        open={creating}
        onCreated={reload}
        onClose={(createdId) => {
          setCreating(false);
          if (createdId) void navigate(`/tenant/webhooks/${createdId}`);
        }}
      />
    </>
  );
}
