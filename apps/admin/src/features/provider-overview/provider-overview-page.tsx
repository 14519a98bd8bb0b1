import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { OverviewTenantsQuery } from './documents';
import type { OverviewTenant } from './types';
import { BarChart } from '../../charts/bar-chart';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';

/** The overview charts every active or suspended tenant; the API caps one page at this size. */
const OVERVIEW_PAGE_SIZE = 100;

function sum(tenants: OverviewTenant[], pick: (t: OverviewTenant) => number): number {
  return tenants.reduce((acc, t) => acc + pick(t), 0);
}

export function ProviderOverviewPage() {
  const { t } = useTranslation('provider-overview');
  const fmt = useFormatters();
  const navigate = useNavigate();
  const state = useQuery(OverviewTenantsQuery, { pageSize: OVERVIEW_PAGE_SIZE });

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={t('overview.subtitle')}
        extra={
          <Link to="/provider/tenants/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('overview.onboard')}
            </Button>
          </Link>
        }
      />
      <QueryView state={state}>
        {(data) => {
          const live = data.tenants.items.filter((x) => x.status !== 'OFFBOARDED');
          const byUsage = [...live].sort((a, b) => b.usage.requestsToday - a.usage.requestsToday);
          const names = byUsage.map((x) => x.name);
          if (data.tenants.total === 0) {
            return (
              <Card>
                <Empty description={t('overview.empty')}>
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => void navigate('/provider/tenants/new')}
                  >
                    {t('overview.onboard')}
                  </Button>
                </Empty>
              </Card>
            );
          }
          return (
            <>
              <Row gutter={[16, 16]} className="stat-row">
                {[
                  { title: t('overview.tenants'), value: data.tenants.total },
                  { title: t('overview.active'), value: live.filter((x) => x.status === 'ACTIVE').length },
                  {
                    title: t('overview.suspended'),
                    value: live.filter((x) => x.status === 'SUSPENDED').length,
                  },
                  { title: t('overview.users'), value: sum(live, (x) => x.usage.users) },
                  { title: t('overview.requestsToday'), value: sum(live, (x) => x.usage.requestsToday) },
                  {
                    title: t('overview.rateLimitedToday'),
                    value: sum(live, (x) => x.usage.rateLimitedToday),
                  },
                ].map((stat) => (
                  <Col key={stat.title} xs={12} md={8} xl={4}>
                    <Card size="small">
                      <Statistic
                        title={stat.title}
                        value={stat.value}
                        formatter={(v) => fmt.number(Number(v))}
                      />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={12}>
                  <Card
                    title={t('overview.trafficChart')}
                    extra={<Typography.Text type="secondary">{t('overview.today')}</Typography.Text>}
                  >
                    <BarChart
                      testId="chart-traffic"
                      categories={names}
                      formatNumber={fmt.number}
                      series={[
                        {
                          name: t('overview.series.requestsToday'),
                          values: byUsage.map((x) => x.usage.requestsToday),
                          color: '#1f5fd6',
                        },
                        {
                          name: t('overview.series.rateLimitedToday'),
                          values: byUsage.map((x) => x.usage.rateLimitedToday),
                          color: '#fa8c16',
                        },
                      ]}
                    />
                  </Card>
                </Col>
                <Col xs={24} xl={12}>
                  <Card title={t('overview.accountsChart')}>
                    <BarChart
                      testId="chart-accounts"
                      categories={names}
                      formatNumber={fmt.number}
                      series={[
                        {
                          name: t('overview.series.users'),
                          values: byUsage.map((x) => x.usage.users),
                          color: '#13a8a8',
                        },
                        {
                          name: t('overview.series.apiKeys'),
                          values: byUsage.map((x) => x.usage.apiKeys),
                          color: '#722ed1',
                        },
                      ]}
                    />
                  </Card>
                </Col>
              </Row>
              {data.tenants.total > data.tenants.items.length ? (
                <Typography.Paragraph type="secondary" className="footnote">
                  {t('overview.truncated', { shown: data.tenants.items.length, total: data.tenants.total })}
                </Typography.Paragraph>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
