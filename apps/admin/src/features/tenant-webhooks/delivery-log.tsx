import { LeftOutlined, RedoOutlined, RightOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Segmented,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryTable } from '../../components/query-table';
import { RefreshButton } from '../../components/table-toolbar';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { useSearchState } from '../../data/use-search-state';
import { useFormatters } from '../../i18n/format';
import { DeliveryStatusBadge, useFailureReason } from './delivery-status';
import { ReplayWebhookDeliveryMutation, WebhookDeliveriesQuery } from './documents';
import { EventLabel } from './event-label';
import {
  DELIVERY_STATUSES,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  inFlight,
  isDeliveryStatus,
  replayable,
} from './types';
import { DELIVERY_PAGE_SIZE } from './webhook-rules';

/** How often the log reloads itself while a delivery on screen is still being tried. */
const LIVE_REFRESH_MS = 3000;
const FILTER_KEYS = ['status'] as const;

function DeliveryDetails({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation('tenant-webhooks');
  const fmt = useFormatters();
  const reason = useFailureReason();
  const why = reason(delivery.lastError, delivery.lastStatusCode);
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      className="delivery-details"
      items={[
        {
          key: 'delivery',
          label: t('webhooks.deliveries.deliveryId'),
          children: (
            <Typography.Text className="mono small" copyable>
              {delivery.id}
            </Typography.Text>
          ),
        },
        {
          key: 'event',
          label: t('webhooks.deliveries.eventId'),
          children: (
            <Typography.Text className="mono small" copyable>
              {delivery.eventId}
            </Typography.Text>
          ),
        },
        {
          key: 'last',
          label: t('webhooks.deliveries.lastAttemptAt'),
          children: fmt.dateTime(delivery.lastAttemptAt),
        },
        {
          key: 'error',
          label: t('webhooks.deliveries.error'),
          children: why ?? t('common.none'),
        },
        {
          key: 'excerpt',
          label: t('webhooks.deliveries.excerpt'),
          span: 2,
          children: delivery.responseExcerpt ? (
            <pre className="delivery-excerpt mono small">{delivery.responseExcerpt}</pre>
          ) : (
            <Typography.Text type="secondary">{t('webhooks.deliveries.noExcerpt')}</Typography.Text>
          ),
        },
      ]}
    />
  );
}

/**
 * One status filter's pages, newest first. Cursor pagination: the cursors of the pages seen so
 * far are kept, so "newer" goes back one page and "older" follows the last page's end cursor.
 * Remounted (back to the first page) when the filter changes.
 */
function DeliveryPages({
  webhook,
  status,
  onStatus,
  version,
}: {
  webhook: Webhook;
  status: WebhookDeliveryStatus | null;
  onStatus: (status: WebhookDeliveryStatus | null) => void;
  version: number;
}) {
  const { t } = useTranslation('tenant-webhooks');
  const fmt = useFormatters();
  const feedback = useFeedback();
  const reason = useFailureReason();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const state = useQuery(WebhookDeliveriesQuery, {
    webhookId: webhook.id,
    first: DELIVERY_PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(after ? { after } : {}),
  });
  const replay = useMutation(ReplayWebhookDeliveryMutation);
  const [replaying, setReplaying] = useState<string | null>(null);
  const { refetch } = state;
  const page = state.data?.webhookDeliveries;
  const rows = page?.edges.map((e) => e.node) ?? [];
  const live = rows.some((r) => inFlight(r.status));

  // Something happened elsewhere on the page (a test event was sent): back to the newest page.
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    setCursors([null]);
    refetch();
  }, [version, refetch]);

  useEffect(() => {
    if (!live) return undefined;
    const timer = window.setInterval(refetch, LIVE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [live, refetch]);

  const replayDelivery = async (delivery: WebhookDelivery) => {
    setReplaying(delivery.id);
    try {
      await replay.run({ id: delivery.id });
      feedback.success(t('webhooks.deliveries.replayed'));
      refetch();
    } catch (err) {
      feedback.error(err);
    } finally {
      setReplaying(null);
    }
  };

  return (
    <>
      <Flex className="table-toolbar" justify="space-between" align="center" gap={12} wrap>
        <Segmented<WebhookDeliveryStatus | 'ALL'>
          value={status ?? 'ALL'}
          onChange={(v) => onStatus(v === 'ALL' ? null : v)}
          options={[
            { value: 'ALL', label: t('webhooks.deliveries.allStatuses') },
            ...DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`webhooks.deliveries.status.${s}`) })),
          ]}
          data-testid="delivery-status-filter"
        />
        <Flex gap={12} align="center">
          {live ? <Badge status="processing" text={t('webhooks.deliveries.live')} /> : null}
          <RefreshButton onClick={refetch} />
        </Flex>
      </Flex>
      <QueryTable<WebhookDelivery>
        // A live reload keeps the rows still; only loads a person asked for show the spinner.
        state={{ ...state, loading: state.loading && (!live || state.data === undefined) }}
        empty={status ? t('webhooks.deliveries.emptyFiltered') : t('webhooks.deliveries.empty')}
        rowKey="id"
        dataSource={rows}
        pagination={false}
        size="middle"
        scroll={{ x: 1080 }}
        data-testid="deliveries-table"
        expandable={{ expandedRowRender: (row) => <DeliveryDetails delivery={row} /> }}
        columns={[
          {
            title: t('webhooks.deliveries.col.createdAt'),
            dataIndex: 'createdAt',
            width: 170,
            className: 'col-time',
            render: (v: string) => fmt.dateTime(v),
          },
          {
            title: t('webhooks.deliveries.col.event'),
            dataIndex: 'eventType',
            width: 180,
            render: (v: string) => <EventLabel name={v} />,
          },
          {
            title: t('webhooks.deliveries.col.status'),
            key: 'status',
            width: 160,
            render: (_v, row) => (
              <Flex vertical gap={2}>
                <DeliveryStatusBadge status={row.status} />
                {row.status === 'FAILED' && row.nextAttemptAt ? (
                  <Typography.Text type="secondary" className="small">
                    {t('webhooks.deliveries.nextAttempt', { at: fmt.dateTime(row.nextAttemptAt) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('webhooks.deliveries.col.attempts'),
            key: 'attempts',
            width: 100,
            render: (_v, row) => (
              <Flex vertical gap={2} align="flex-start">
                <span data-testid="delivery-attempts">{fmt.number(row.attempts)}</span>
                {row.replays > 0 ? (
                  <Tag className="small">{t('webhooks.deliveries.replays', { times: row.replays })}</Tag>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('webhooks.deliveries.col.httpStatus'),
            dataIndex: 'lastStatusCode',
            width: 70,
            render: (v: number | null) =>
              v === null ? (
                t('common.none')
              ) : (
                <Typography.Text
                  type={v >= 200 && v < 300 ? 'success' : 'danger'}
                  className="mono"
                  data-testid="delivery-http-status"
                >
                  {v}
                </Typography.Text>
              ),
          },
          {
            title: t('webhooks.deliveries.col.latency'),
            dataIndex: 'latencyMs',
            width: 90,
            render: (v: number | null) =>
              v === null ? t('common.none') : t('webhooks.deliveries.ms', { ms: fmt.number(v) }),
          },
          {
            title: t('webhooks.deliveries.col.response'),
            key: 'response',
            render: (_v, row) => {
              const why = row.status === 'SUCCEEDED' ? null : reason(row.lastError, row.lastStatusCode);
              return (
                <Flex vertical gap={2} className="delivery-response">
                  {why ? <Typography.Text type="danger">{why}</Typography.Text> : null}
                  {row.responseExcerpt ? (
                    <Typography.Text type="secondary" className="mono small" ellipsis>
                      {row.responseExcerpt}
                    </Typography.Text>
                  ) : null}
                  {!why && !row.responseExcerpt ? t('common.none') : null}
                </Flex>
              );
            },
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            fixed: 'right',
            render: (_v, row) =>
              !replayable(row.status) ? null : webhook.active ? (
                <Popconfirm
                  title={t('webhooks.deliveries.replayConfirm')}
                  description={t('webhooks.deliveries.replayHelp')}
                  okText={t('webhooks.deliveries.replay')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => replayDelivery(row)}
                >
                  <Button
                    type="link"
                    size="small"
                    icon={<RedoOutlined />}
                    loading={replaying === row.id}
                    data-testid="delivery-replay"
                  >
                    {t('webhooks.deliveries.replay')}
                  </Button>
                </Popconfirm>
              ) : (
                <Tooltip title={t('webhooks.deliveries.replayPaused')}>
                  <Button type="link" size="small" icon={<RedoOutlined />} disabled>
                    {t('webhooks.deliveries.replay')}
                  </Button>
                </Tooltip>
              ),
          },
        ]}
      />
      {cursors.length > 1 || page?.hasNextPage ? (
        <Flex justify="flex-end" align="center" gap={12} className="cursor-pager">
          <Button
            icon={<LeftOutlined />}
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
            data-testid="deliveries-newer"
          >
            {t('webhooks.deliveries.newer')}
          </Button>
          <Typography.Text type="secondary">
            {t('webhooks.deliveries.page', { page: cursors.length })}
          </Typography.Text>
          <Button
            disabled={!page?.hasNextPage || !page.endCursor}
            onClick={() => {
              const next = page?.endCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
            data-testid="deliveries-older"
          >
            {t('webhooks.deliveries.older')} <RightOutlined />
          </Button>
        </Flex>
      ) : null}
    </>
  );
}

/** A webhook's delivery log: filter by status (kept in the URL), pages, details, replays. */
export function DeliveryLog({ webhook, version }: { webhook: Webhook; version: number }) {
  const { t } = useTranslation('tenant-webhooks');
  const { values, update } = useSearchState(FILTER_KEYS);
  const status = isDeliveryStatus(values.status) ? values.status : null;
  return (
    <Card
      title={t('webhooks.deliveries.title')}
      extra={
        <Typography.Text type="secondary" className="small">
          {t('webhooks.deliveries.subtitle')}
        </Typography.Text>
      }
      data-testid="delivery-log"
    >
      <DeliveryPages
        key={status ?? 'ALL'}
        webhook={webhook}
        status={status}
        onStatus={(s) => update({ status: s })}
        version={version}
      />
    </Card>
  );
}
