import { KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CurrentTenantQuery } from './documents';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { TenantStatusBadge, TierTag } from '../../components/tags';
import { useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';
import { useViewer } from '../../session/session-context';

export function TenantOverviewPage() {
  const { t } = useTranslation('tenant-overview');
  const fmt = useFormatters();
  const viewer = useViewer();
  const state = useQuery(CurrentTenantQuery, {});
  const isAdmin = viewer.role === 'TENANT_ADMIN';

  return (
    <QueryView state={state}>
      {({ currentTenant: tenant }) => (
        <>
          <PageHeader
            title={tenant.name}
            subtitle={t('tenantHome.subtitle', { name: viewer.user.name || viewer.user.email })}
            tags={
              <>
                <TenantStatusBadge status={tenant.status} />
                <TierTag tier={tenant.tier} />
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card className="full-height">
                <Statistic
                  title={t('tenantHome.members')}
                  value={tenant.usage.users}
                  suffix={`/ ${fmt.number(tenant.plan.seats)}`}
                  prefix={<TeamOutlined />}
                  formatter={(v) => fmt.number(Number(v))}
                />
                <Progress
                  percent={
                    tenant.plan.seats
                      ? Math.min(100, Math.round((tenant.usage.users / tenant.plan.seats) * 100))
                      : 0
                  }
                  showInfo={false}
                  size="small"
                />
                <Link to="/tenant/users">{t('tenantHome.manageUsers')}</Link>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card className="full-height">
                <Statistic
                  title={t('tenantHome.apiKeys')}
                  value={tenant.usage.apiKeys}
                  prefix={<KeyOutlined />}
                  formatter={(v) => fmt.number(Number(v))}
                />
                <Typography.Paragraph type="secondary" className="card-note">
                  {t('tenantHome.apiRate', { rate: fmt.number(tenant.plan.apiRatePerMinute) })}
                </Typography.Paragraph>
                {isAdmin ? <Link to="/tenant/api-keys">{t('tenantHome.manageKeys')}</Link> : null}
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card className="full-height">
                <Statistic
                  title={t('tenantHome.requestsToday')}
                  value={tenant.usage.requestsToday}
                  formatter={(v) => fmt.number(Number(v))}
                />
                <Typography.Paragraph type="secondary" className="card-note">
                  {t('tenantHome.rateLimitedToday', { value: fmt.number(tenant.usage.rateLimitedToday) })}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col span={24}>
              <Card title={t('tenantHome.details')}>
                <Descriptions
                  column={{ xs: 1, md: 2, xl: 3 }}
                  items={[
                    {
                      key: 'slug',
                      label: t('tenantHome.slug'),
                      children: <span className="mono">{tenant.slug}</span>,
                    },
                    { key: 'tier', label: t('tenantHome.tier'), children: <TierTag tier={tenant.tier} /> },
                    {
                      key: 'locale',
                      label: t('tenantHome.locale'),
                      children: t(`enums.locale.${tenant.locale === 'en' ? 'en' : 'zh-CN'}`),
                    },
                    { key: 'tz', label: t('tenantHome.timeZone'), children: tenant.timeZone },
                    {
                      key: 'storage',
                      label: t('tenantHome.storageMb'),
                      children: fmt.storage(tenant.plan.storageMb),
                    },
                    {
                      key: 'created',
                      label: t('common.createdAt'),
                      children: fmt.dateTime(tenant.createdAt),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card>
                <Flex vertical gap={4}>
                  <Typography.Text strong>{t('tenantHome.comingTitle')}</Typography.Text>
                  <Typography.Text type="secondary">{t('tenantHome.comingBody')}</Typography.Text>
                </Flex>
              </Card>
            </Col>
          </Row>
        </>
      )}
    </QueryView>
  );
}
