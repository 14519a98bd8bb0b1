import { ApartmentOutlined, CustomerServiceOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, List, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { RoleTag } from '../../components/tags';
import { useFeedback } from '../../components/use-feedback';
import { useSession, useViewer } from '../../session/session-context';

/**
 * Home for agents and supervisors (and provider agents at provider level): the tenants they work
 * for, and the place the inbox will live once tickets and conversations land.
 */
export function WorkspacePage() {
  const { t } = useTranslation();
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
        subtitle={viewer.tenant ? t('workspace.subtitleTenant', { tenant: viewer.tenant.name }) : t('workspace.subtitle')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('workspace.inbox')}>
            <Empty image={<CustomerServiceOutlined className="empty-icon" />} description={t('workspace.inboxEmpty')} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('workspace.myTenants')}>
            <List
              dataSource={viewer.memberships}
              locale={{ emptyText: t('workspace.noTenants') }}
              renderItem={(m) => (
                <List.Item
                  actions={[
                    viewer.tenant?.id === m.tenantId ? (
                      <Typography.Text type="secondary" key="current">
                        {t('workspace.current')}
                      </Typography.Text>
                    ) : (
                      <Button key="open" size="small" loading={switching === m.tenantId} onClick={() => void open(m.tenantId)}>
                        {t('workspace.open')}
                      </Button>
                    ),
                  ]}
                >
                  <List.Item.Meta
                    avatar={<ApartmentOutlined className="list-icon" />}
                    title={m.tenantName}
                    description={
                      <Flex gap={6} align="center">
                        <RoleTag role={m.role} />
                        {m.staffed ? <Typography.Text type="secondary">{t('workspace.staffed')}</Typography.Text> : null}
                      </Flex>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
