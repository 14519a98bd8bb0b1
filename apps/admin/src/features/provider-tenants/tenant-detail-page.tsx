import {
  EditOutlined,
  ExclamationCircleOutlined,
  KeyOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Progress,
  Row,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ResumeTenantMutation, TenantActivityQuery, TenantQuery } from './documents';
import type { Tenant, TenantActivityEntry } from './types';
import { AuditAction } from '../audit';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { RefreshButton } from '../../components/table-toolbar';
import { TenantStatusBadge, TierTag } from '../../components/tags';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';
import { OffboardModal, PlanModal, RotateKeysModal, SuspendTenantModal } from './tenant-modals';

type OpenModal = 'suspend' | 'plan' | 'rotate' | 'offboard' | null;

function percent(used: number, limit: number): number {
  return limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 0;
}

/** The tenant's latest audit entries; `version` changes whenever the page reloads the tenant. */
function RecentActivity({ tenantId, version }: { tenantId: string; version: number }) {
  const { t } = useTranslation('provider-tenants');
  const fmt = useFormatters();
  const state = useQuery(TenantActivityQuery, { tenantId, pageSize: 8 });
  const { refetch } = state;
  useEffect(() => {
    if (version > 0) refetch();
  }, [version, refetch]);
  return (
    <Card
      data-testid="recent-activity"
      title={t('tenantDetail.recentActivity')}
      extra={
        <Link to={`/provider/audit?tenantId=${encodeURIComponent(tenantId)}`}>{t('common.viewAll')}</Link>
      }
    >
      <QueryView state={state} bare skeletonRows={4}>
        {(data) => (
          <Table<TenantActivityEntry>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.auditLog.items}
            locale={{ emptyText: t('tenantDetail.activityEmpty') }}
            columns={[
              {
                title: t('tenantDetail.activityAt'),
                dataIndex: 'at',
                width: 190,
                className: 'col-time',
                render: (v: string) => fmt.dateTime(v),
              },
              {
                title: t('tenantDetail.activityAction'),
                dataIndex: 'action',
                render: (v: string) => <AuditAction action={v} compact />,
              },
              {
                title: t('tenantDetail.activityActor'),
                key: 'actor',
                render: (_v, row) => row.actor.display,
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

export function TenantDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('provider-tenants');
  const fmt = useFormatters();
  const { modal } = App.useApp();
  const feedback = useFeedback();
  const state = useQuery(TenantQuery, { id });
  const resume = useMutation(ResumeTenantMutation);
  const [open, setOpen] = useState<OpenModal>(null);
  const [version, setVersion] = useState(0);
  const tenant = state.data?.tenant;

  // Mutations return the updated tenant, but refetching keeps usage figures and the recent
  // activity (which has the action just taken) current too.
  const reload = () => {
    state.refetch();
    setVersion((n) => n + 1);
  };
  const done = () => {
    setOpen(null);
    reload();
  };

  const confirmResume = (current: Tenant) => {
    modal.confirm({
      title: t('tenantDetail.resumeTitle', { name: current.name }),
      content: t('tenantDetail.resumeBody'),
      okText: t('tenantDetail.resume'),
      cancelText: t('common.cancel'),
      icon: <ExclamationCircleOutlined />,
      onOk: async () => {
        try {
          await resume.run({ id: current.id });
          feedback.success(t('tenantDetail.resumed', { name: current.name }));
          done();
        } catch (err) {
          feedback.error(err);
        }
      },
    });
  };

  const crumbs = [
    { title: t('nav.tenants'), to: '/provider/tenants' },
    { title: tenant?.name ?? t('common.loading') },
  ];

  return (
    <QueryView state={state}>
      {({ tenant: current }) => {
        const offboarded = current.status === 'OFFBOARDED';
        return (
          <>
            <PageHeader
              crumbs={crumbs}
              title={current.name}
              subtitle={<span className="mono">{current.slug}</span>}
              tags={
                <>
                  <TenantStatusBadge status={current.status} />
                  <TierTag tier={current.tier} />
                </>
              }
              extra={
                offboarded ? null : (
                  <>
                    <RefreshButton onClick={reload} />
                    <Button icon={<EditOutlined />} onClick={() => setOpen('plan')} data-testid="edit-plan">
                      {t('tenantDetail.editPlan')}
                    </Button>
                    <Button
                      icon={<KeyOutlined />}
                      onClick={() => setOpen('rotate')}
                      data-testid="rotate-keys"
                    >
                      {t('tenantDetail.rotate')}
                    </Button>
                    {current.status === 'SUSPENDED' ? (
                      <Button
                        type="primary"
                        icon={<PlayCircleOutlined />}
                        onClick={() => confirmResume(current)}
                        data-testid="resume-tenant"
                      >
                        {t('tenantDetail.resume')}
                      </Button>
                    ) : (
                      <Button
                        danger
                        icon={<PauseCircleOutlined />}
                        onClick={() => setOpen('suspend')}
                        data-testid="suspend-tenant"
                      >
                        {t('tenantDetail.suspend')}
                      </Button>
                    )}
                  </>
                )
              }
            />
            {current.status === 'SUSPENDED' ? (
              <Alert
                className="page-alert"
                type="warning"
                showIcon
                title={t('tenantDetail.suspendedBanner', { at: fmt.dateTime(current.suspendedAt) })}
                description={
                  current.suspendedReason
                    ? t('tenantDetail.suspendedReason', { reason: current.suspendedReason })
                    : undefined
                }
                data-testid="suspended-banner"
              />
            ) : null}
            {offboarded ? (
              <Alert
                className="page-alert"
                type="info"
                showIcon
                title={t('tenantDetail.offboardedBanner')}
                data-testid="offboarded-banner"
              />
            ) : null}
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card title={t('tenantDetail.profile')} className="full-height">
                  <Descriptions
                    column={1}
                    size="small"
                    items={[
                      {
                        key: 'id',
                        label: t('tenantDetail.id'),
                        children: (
                          <Typography.Text copyable className="mono">
                            {current.id}
                          </Typography.Text>
                        ),
                      },
                      {
                        key: 'slug',
                        label: t('onboard.slug'),
                        children: <span className="mono">{current.slug}</span>,
                      },
                      {
                        key: 'tier',
                        label: t('onboard.steps.tier'),
                        children: <TierTag tier={current.tier} />,
                      },
                      {
                        key: 'locale',
                        label: t('onboard.locale'),
                        children: t(`enums.locale.${current.locale === 'en' ? 'en' : 'zh-CN'}`),
                      },
                      { key: 'tz', label: t('onboard.timeZone'), children: current.timeZone },
                      {
                        key: 'created',
                        label: t('common.createdAt'),
                        children: fmt.dateTime(current.createdAt, current.timeZone),
                      },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t('tenantDetail.planUsage')} className="full-height" data-testid="plan-usage">
                  <Flex vertical gap={16}>
                    <div>
                      <Flex justify="space-between">
                        <Typography.Text>{t('plan.seats')}</Typography.Text>
                        <Typography.Text type="secondary">
                          {fmt.number(current.usage.users)} / {fmt.number(current.plan.seats)}
                        </Typography.Text>
                      </Flex>
                      <Progress
                        percent={percent(current.usage.users, current.plan.seats)}
                        status={current.usage.users >= current.plan.seats ? 'exception' : 'normal'}
                        showInfo={false}
                      />
                    </div>
                    <Row gutter={16}>
                      <Col span={8}>
                        <Statistic
                          title={t('plan.apiRatePerMinute')}
                          value={current.plan.apiRatePerMinute}
                          suffix={t('plan.unitPerMinute')}
                          formatter={(v) => fmt.number(Number(v))}
                        />
                      </Col>
                      <Col span={8}>
                        <Statistic
                          title={t('plan.storageMb')}
                          value={current.plan.storageMb}
                          formatter={(v) => fmt.storage(Number(v))}
                        />
                      </Col>
                      <Col span={8}>
                        <Statistic
                          title={t('tenantDetail.usageApiKeys')}
                          value={current.usage.apiKeys}
                          formatter={(v) => fmt.number(Number(v))}
                        />
                      </Col>
                    </Row>
                    <Row gutter={16}>
                      <Col span={8}>
                        <Statistic
                          title={t('tenantDetail.usageRequestsToday')}
                          value={current.usage.requestsToday}
                          formatter={(v) => fmt.number(Number(v))}
                        />
                      </Col>
                      <Col span={8}>
                        <Statistic
                          title={t('tenantDetail.usageRateLimitedToday')}
                          value={current.usage.rateLimitedToday}
                          formatter={(v) => fmt.number(Number(v))}
                          styles={
                            current.usage.rateLimitedToday > 0 ? { content: { color: '#d46b08' } } : undefined
                          }
                        />
                      </Col>
                    </Row>
                  </Flex>
                </Card>
              </Col>
              <Col span={24}>
                <RecentActivity tenantId={current.id} version={version} />
              </Col>
              {offboarded ? null : (
                <Col span={24}>
                  <Card title={t('tenantDetail.dangerZone')} className="danger-zone">
                    <Flex justify="space-between" align="center" gap={16} wrap>
                      <Flex vertical>
                        <Typography.Text strong>{t('tenantDetail.offboard')}</Typography.Text>
                        <Typography.Text type="secondary">{t('tenantDetail.offboardHelp')}</Typography.Text>
                      </Flex>
                      <Button danger onClick={() => setOpen('offboard')} data-testid="offboard-tenant">
                        {t('tenantDetail.offboard')}
                      </Button>
                    </Flex>
                  </Card>
                </Col>
              )}
            </Row>
            <SuspendTenantModal
              tenant={current}
              open={open === 'suspend'}
              onClose={() => setOpen(null)}
              onDone={done}
            />
            <PlanModal tenant={current} open={open === 'plan'} onClose={() => setOpen(null)} onDone={done} />
            <RotateKeysModal
              tenant={current}
              open={open === 'rotate'}
              onClose={() => {
                setOpen(null);
                reload();
              }}
            />
            <OffboardModal
              tenant={current}
              open={open === 'offboard'}
              onClose={() => setOpen(null)}
              onDone={done}
            />
          </>
        );
      }}
    </QueryView>
  );
}
