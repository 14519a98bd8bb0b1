import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TenantsQuery } from './documents';
import {
  ISOLATION_TIERS,
  type IsolationTier,
  TENANT_STATUSES,
  type TenantStatus,
} from '../../api/schema-types';
import type { Tenant } from './types';
import { PageHeader } from '../../components/page-header';
import { QueryTable } from '../../components/query-table';
import { RefreshButton, SearchBox } from '../../components/table-toolbar';
import { TenantStatusBadge, TierTag } from '../../components/tags';
import { useUrlPagination } from '../../components/use-url-pagination';
import { useQuery } from '../../data/use-query';
import { useSearchState } from '../../data/use-search-state';
import { useFormatters } from '../../i18n/format';

const FILTER_KEYS = ['search', 'status', 'tier'] as const;

function asStatus(value: string): TenantStatus | null {
  return (TENANT_STATUSES as readonly string[]).includes(value) ? (value as TenantStatus) : null;
}
function asTier(value: string): IsolationTier | null {
  return (ISOLATION_TIERS as readonly string[]).includes(value) ? (value as IsolationTier) : null;
}

export function TenantsPage() {
  const { t } = useTranslation('provider-tenants');
  const fmt = useFormatters();
  const navigate = useNavigate();
  const { values, page, pageSize, update } = useSearchState(FILTER_KEYS);

  const state = useQuery(TenantsQuery, {
    search: values.search || null,
    status: asStatus(values.status),
    tier: asTier(values.tier),
    page,
    pageSize,
  });
  const filtered = Boolean(values.search || values.status || values.tier);
  const pagination = useUrlPagination({ page, pageSize, update }, state.data?.tenants.total ?? 0);

  return (
    <>
      <PageHeader
        title={t('tenants.title')}
        subtitle={t('tenants.subtitle')}
        extra={
          <Link to="/provider/tenants/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="onboard-tenant">
              {t('tenants.onboard')}
            </Button>
          </Link>
        }
      />
      <Card>
        <Flex gap={12} wrap className="table-toolbar">
          <SearchBox
            value={values.search}
            onSearch={(search) => update({ search })}
            placeholder={t('tenants.searchPlaceholder')}
            width={280}
            testId="tenants-search"
          />
          <Select<TenantStatus | ''>
            value={asStatus(values.status) ?? ''}
            onChange={(v) => update({ status: v })}
            style={{ width: 160 }}
            options={[
              { value: '', label: t('tenants.allStatuses') },
              ...TENANT_STATUSES.map((s) => ({ value: s, label: t(`enums.tenantStatus.${s}`) })),
            ]}
            data-testid="tenants-status-filter"
          />
          <Select<IsolationTier | ''>
            value={asTier(values.tier) ?? ''}
            onChange={(v) => update({ tier: v })}
            style={{ width: 160 }}
            options={[
              { value: '', label: t('tenants.allTiers') },
              ...ISOLATION_TIERS.map((s) => ({ value: s, label: t(`enums.tier.${s}`) })),
            ]}
            data-testid="tenants-tier-filter"
          />
          <Space style={{ marginLeft: 'auto' }}>
            {filtered ? (
              <Button onClick={() => update({ search: null, status: null, tier: null })}>
                {t('common.reset')}
              </Button>
            ) : null}
            <RefreshButton onClick={state.refetch} />
          </Space>
        </Flex>
        <QueryTable<Tenant>
          state={state}
          empty={filtered ? t('tenants.emptyFiltered') : t('tenants.empty')}
          rowKey="id"
          dataSource={state.data?.tenants.items ?? []}
          data-testid="tenants-table"
          scroll={{ x: 960 }}
          onRow={(row) => ({ onDoubleClick: () => void navigate(`/provider/tenants/${row.id}`) })}
          pagination={{ ...pagination, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
          columns={[
            {
              title: t('tenants.col.name'),
              key: 'name',
              fixed: 'left',
              width: 240,
              render: (_v, row) => (
                <Flex vertical>
                  <Link to={`/provider/tenants/${row.id}`} data-testid={`tenant-link-${row.slug}`}>
                    {row.name}
                  </Link>
                  <Typography.Text type="secondary" className="mono small">
                    {row.slug}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('tenants.col.status'),
              dataIndex: 'status',
              width: 120,
              render: (s: TenantStatus) => <TenantStatusBadge status={s} />,
            },
            {
              title: t('tenants.col.tier'),
              dataIndex: 'tier',
              width: 120,
              render: (tier: IsolationTier) => <TierTag tier={tier} />,
            },
            {
              title: t('tenants.col.seats'),
              key: 'seats',
              width: 120,
              render: (_v, row) => `${fmt.number(row.usage.users)} / ${fmt.number(row.plan.seats)}`,
            },
            {
              title: t('tenants.col.apiRate'),
              key: 'rate',
              width: 140,
              render: (_v, row) => t('common.perMinute', { value: fmt.number(row.plan.apiRatePerMinute) }),
            },
            {
              title: t('tenants.col.requestsToday'),
              key: 'requests',
              width: 130,
              align: 'right',
              render: (_v, row) => fmt.number(row.usage.requestsToday),
            },
            {
              title: t('tenants.col.locale'),
              key: 'locale',
              width: 180,
              render: (_v, row) => (
                <Flex vertical>
                  <span>{row.locale}</span>
                  <Typography.Text type="secondary" className="small">
                    {row.timeZone}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('tenants.col.createdAt'),
              dataIndex: 'createdAt',
              width: 190,
              className: 'col-time',
              render: (v: string) => fmt.dateTime(v),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              width: 100,
              render: (_v, row) => <Link to={`/provider/tenants/${row.id}`}>{t('common.manage')}</Link>,
            },
          ]}
        />
      </Card>
    </>
  );
}
