import { Button, Card, DatePicker, Descriptions, Drawer, Flex, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TenantOptionsQuery } from '../../components/tenant-options';
import { AuditLogQuery } from './documents';
import type { AuditEntry, AuditFilter } from './types';
import { AuditAction } from './audit-action';
import { JsonDiff } from './json-diff';
import { QueryTable } from '../../components/query-table';
import { RefreshButton, SearchBox } from '../../components/table-toolbar';
import { TenantPicker } from '../../components/tenant-picker';
import { useUrlPagination } from '../../components/use-url-pagination';
import { useQuery } from '../../data/use-query';
import { useSearchState } from '../../data/use-search-state';
import { dayEndIso, dayOf, dayStartIso } from '../../data/zoned-days';
import { useFormatters } from '../../i18n/format';

const FILTER_KEYS = ['tenantId', 'action', 'actorId', 'from', 'to'] as const;

/**
 * The audit trail with filters and a before/after view. Provider admins see every tenant (and
 * can filter by one); tenant admins see their own tenant only — the server enforces that.
 */
export function AuditLogView({ provider }: { provider: boolean }) {
  const { t } = useTranslation('audit');
  const fmt = useFormatters();
  const { values, page, pageSize, update } = useSearchState(FILTER_KEYS);
  const [selected, setSelected] = useState<AuditEntry | null>(null);

  const filter: AuditFilter = {
    ...(provider && values.tenantId ? { tenantId: values.tenantId } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(values.actorId ? { actorId: values.actorId } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  };
  const state = useQuery(AuditLogQuery, { filter, page, pageSize });
  const pagination = useUrlPagination({ page, pageSize, update }, state.data?.auditLog.total ?? 0);
  // Tenant names for the provider's view (ids alone mean little to a person).
  const tenants = useQuery(TenantOptionsQuery, { pageSize: 100 }, { skip: !provider });
  const tenantName = useMemo(() => {
    const map = new Map<string, string>();
    for (const x of tenants.data?.tenants.items ?? []) map.set(x.id, x.name);
    return map;
  }, [tenants.data]);

  const range: [Dayjs | null, Dayjs | null] = [
    values.from ? dayOf(values.from, fmt.timeZone) : null,
    values.to ? dayOf(values.to, fmt.timeZone) : null,
  ];
  const filtered = Object.values(values).some(Boolean);

  return (
    <Card>
      <Flex gap={12} wrap className="table-toolbar">
        {provider ? (
          <TenantPicker
            allowClear
            value={values.tenantId || null}
            onChange={(v) => update({ tenantId: v })}
            placeholder={t('audit.allTenants')}
            style={{ width: 240 }}
            testId="audit-tenant-filter"
          />
        ) : null}
        <SearchBox
          value={values.action}
          onSearch={(action) => update({ action })}
          placeholder={t('audit.actionPlaceholder')}
          width={220}
          testId="audit-action-filter"
        />
        <SearchBox
          value={values.actorId}
          onSearch={(actorId) => update({ actorId })}
          placeholder={t('audit.actorPlaceholder')}
          width={220}
        />
        <DatePicker.RangePicker
          value={range}
          allowEmpty={[true, true]}
          onChange={(dates) =>
            update({
              from: dates?.[0] ? dayStartIso(dates[0], fmt.timeZone) : null,
              to: dates?.[1] ? dayEndIso(dates[1], fmt.timeZone) : null,
            })
          }
        />
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          {filtered ? (
            <Button
              onClick={() => update({ tenantId: null, action: null, actorId: null, from: null, to: null })}
            >
              {t('common.reset')}
            </Button>
          ) : null}
          <RefreshButton onClick={state.refetch} />
        </Flex>
      </Flex>
      <QueryTable<AuditEntry>
        state={state}
        empty={filtered ? t('audit.emptyFiltered') : t('audit.empty')}
        rowKey="id"
        dataSource={state.data?.auditLog.items ?? []}
        scroll={{ x: 960 }}
        data-testid="audit-table"
        onRow={(row) => ({ onClick: () => setSelected(row), className: 'clickable-row' })}
        pagination={{ ...pagination, showSizeChanger: true }}
        columns={[
          {
            title: t('audit.col.at'),
            dataIndex: 'at',
            width: 190,
            className: 'col-time',
            render: (v: string) => fmt.dateTime(v),
          },
          ...(provider
            ? [
                {
                  title: t('audit.col.tenant'),
                  key: 'tenant',
                  width: 180,
                  render: (_v: unknown, row: AuditEntry) =>
                    row.tenantId ? (
                      (tenantName.get(row.tenantId) ?? <span className="mono small">{row.tenantId}</span>)
                    ) : (
                      <Tag>{t('audit.providerLevel')}</Tag>
                    ),
                },
              ]
            : []),
          {
            title: t('audit.col.action'),
            dataIndex: 'action',
            width: 200,
            render: (v: string) => <AuditAction action={v} />,
          },
          {
            title: t('audit.col.actor'),
            key: 'actor',
            width: 220,
            render: (_v, row) => (
              <Flex vertical>
                <span>{row.actor.display}</span>
                {row.actor.type === 'system' ? null : (
                  <Typography.Text type="secondary" className="mono small">
                    {row.actor.id}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('audit.col.target'),
            key: 'target',
            render: (_v, row) => (
              <span className="mono small">
                {row.targetType}:{row.targetId}
              </span>
            ),
          },
          {
            title: '',
            key: 'open',
            width: 90,
            render: (_v, row) => (
              <Button type="link" size="small" onClick={() => setSelected(row)}>
                {t('common.details')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={selected !== null}
        onClose={() => setSelected(null)}
        size={760}
        title={t('audit.detailTitle')}
        destroyOnHidden
      >
        {selected ? (
          <Flex vertical gap={16}>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'at', label: t('audit.col.at'), children: fmt.dateTime(selected.at) },
                {
                  key: 'action',
                  label: t('audit.col.action'),
                  children: <AuditAction action={selected.action} />,
                },
                {
                  key: 'actor',
                  label: t('audit.col.actor'),
                  children: `${selected.actor.display} (${selected.actor.type} · ${selected.actor.id})`,
                },
                {
                  key: 'target',
                  label: t('audit.col.target'),
                  children: <span className="mono">{`${selected.targetType}:${selected.targetId}`}</span>,
                },
                ...(provider
                  ? [
                      {
                        key: 'tenant',
                        label: t('audit.col.tenant'),
                        children: selected.tenantId
                          ? (tenantName.get(selected.tenantId) ?? selected.tenantId)
                          : t('audit.providerLevel'),
                      },
                    ]
                  : []),
                {
                  key: 'request',
                  label: t('audit.requestId'),
                  children: <span className="mono">{selected.requestId ?? t('common.none')}</span>,
                },
              ]}
            />
            <Typography.Title level={5}>{t('audit.changes')}</Typography.Title>
            <JsonDiff before={selected.before} after={selected.after} />
          </Flex>
        ) : null}
      </Drawer>
    </Card>
  );
}
