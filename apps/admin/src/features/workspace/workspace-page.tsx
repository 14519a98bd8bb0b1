import { ApartmentOutlined, CustomerServiceOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { RoleTag } from '../../components/tags';
import { useFeedback } from '../../components/use-feedback';
import { useSession, useViewer } from '../../session/session-context';
import { InboxSummary } from './inbox-summary';

/**
 * Home for agents and supervisors (and provider agents at provider level): the tenants they work
 * for, and, inside a tenant, the ticket views with their counts leading into the queue.
 */
export function WorkspacePage() {
  const { t } = useTranslation('workspace');
  const viewer = useViewer();
  const { manager } = useSession();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [switching, setSwitching] = useState<string | null>(null);

  const open = async (tenantId: string) => {
    setSwitching(tenantId);
    try {
      await manager.switchTenant(tenantId);
      void navigate('/');
    } catch (err) {
      feedback.error(err);
    } finally {
      setSwitching(null);
    }
  };

  return (
    <>
      <PageHeader
        title={t('workspace.title')}
        subtitle={
          viewer.tenant
            ? t('workspace.subtitleTenant', { tenant: viewer.tenant.name })
            : t('workspace.subtitle')
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('workspace.inbox')}>
            {viewer.tenant ? (
              <InboxSummary />
            ) : (
              <Empty
                image={<CustomerServiceOutlined className="empty-icon" />}
                styles={{ image: { height: 56 } }}
                description={t('workspace.inboxEmpty')}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('workspace.myTenants')}>
            {viewer.memberships.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workspace.noTenants')} />
            ) : (
              <Flex vertical className="plain-list">
                {viewer.memberships.map((m) => (
                  <Flex
                    key={m.tenantId}
                    align="center"
                    justify="space-between"
                    gap={12}
                    className="plain-list-item"
                  >
                    <Flex align="center" gap={12}>
                      <ApartmentOutlined className="list-icon" />
                      <Flex vertical gap={4}>
                        <Typography.Text strong>{m.tenantName}</Typography.Text>
                        <Flex gap={6} align="center">
                          <RoleTag role={m.role} />
                          {m.staffed ? (
                            <Typography.Text type="secondary">{t('workspace.staffed')}</Typography.Text>
                          ) : null}
                        </Flex>
                      </Flex>
                    </Flex>
                    {viewer.tenant?.id === m.tenantId ? (
                      <Typography.Text type="secondary">{t('workspace.current')}</Typography.Text>
                    ) : (
                      <Button
                        size="small"
                        loading={switching === m.tenantId}
                        onClick={() => void open(m.tenantId)}
                      >
                        {t('workspace.open')}
                      </Button>
                    )}
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
