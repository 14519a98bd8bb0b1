import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  InviteProviderUserMutation,
  ProviderUsersQuery,
  StaffAgentMutation,
  UnstaffAgentMutation,
} from './documents';
import { PROVIDER_ROLES, TENANT_ROLES, type TenantRole } from '../../api/schema-types';
import type { ProviderUser } from './types';
import { InviteModal } from '../../components/invite-modal';
import { PageHeader } from '../../components/page-header';
import { QueryTable } from '../../components/query-table';
import { RefreshButton, SearchBox } from '../../components/table-toolbar';
import { ProviderRoleTag, UserStatusBadge } from '../../components/tags';
import { TenantPicker } from '../../components/tenant-picker';
import { useFeedback } from '../../components/use-feedback';
import { useUrlPagination } from '../../components/use-url-pagination';
import { useMutation, useQuery } from '../../data/use-query';
import { useSearchState } from '../../data/use-search-state';
import { useFormatters } from '../../i18n/format';

const FILTER_KEYS = ['search'] as const;

function StaffModal({
  user,
  onClose,
  onStaffed,
}: {
  user: ProviderUser | null;
  onClose: () => void;
  onStaffed: () => void;
}) {
  const { t } = useTranslation('provider-people');
  const [form] = Form.useForm<{ tenantId: string; role: TenantRole }>();
  const staff = useMutation(StaffAgentMutation);
  const feedback = useFeedback();
  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields();
    try {
      await staff.run({ userId: user.id, tenantId: values.tenantId, role: values.role });
      feedback.success(t('people.staffed', { name: user.name }));
      onStaffed();
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <Modal
      open={user !== null}
      title={t('people.staffTitle', { name: user?.name ?? '' })}
      okText={t('people.staff')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: staff.loading, 'data-testid': 'staff-submit' }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('people.staffHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: 'AGENT' }}
        requiredMark={false}
        preserve={false}
      >
        <Form.Item
          name="tenantId"
          label={t('people.tenant')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <TenantPicker excludeIds={user?.staffedOn.map((m) => m.tenantId) ?? []} testId="staff-tenant" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('common.role')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            data-testid="staff-role"
            options={TENANT_ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ProviderPeoplePage() {
  const { t } = useTranslation('provider-people');
  const fmt = useFormatters();
  const feedback = useFeedback();
  const { values, page, pageSize, update } = useSearchState(FILTER_KEYS);
  const state = useQuery(ProviderUsersQuery, { search: values.search || null, page, pageSize });
  const pagination = useUrlPagination({ page, pageSize, update }, state.data?.providerUsers.total ?? 0);
  const unstaff = useMutation(UnstaffAgentMutation);
  const [inviting, setInviting] = useState(false);
  const [staffing, setStaffing] = useState<ProviderUser | null>(null);

  const removeStaffing = async (user: ProviderUser, tenantId: string) => {
    try {
      await unstaff.run({ userId: user.id, tenantId });
      feedback.success(t('people.unstaffed'));
      state.refetch();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('people.title')}
        subtitle={t('people.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setInviting(true)}
            data-testid="invite-provider-user"
          >
            {t('people.invite')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} className="table-toolbar">
          <SearchBox
            value={values.search}
            onSearch={(search) => update({ search })}
            placeholder={t('people.searchPlaceholder')}
            width={280}
            testId="people-search"
          />
          <RefreshButton onClick={state.refetch} style={{ marginLeft: 'auto' }} />
        </Flex>
        <QueryTable<ProviderUser>
          state={state}
          empty={t('people.empty')}
          rowKey="id"
          data-testid="people-table"
          dataSource={state.data?.providerUsers.items ?? []}
          scroll={{ x: 960 }}
          pagination={pagination}
          columns={[
            {
              title: t('common.name'),
              key: 'name',
              width: 240,
              render: (_v, row) => (
                <Flex vertical>
                  <Typography.Text strong>{row.name}</Typography.Text>
                  <Typography.Text type="secondary" className="small">
                    {row.email}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('common.role'),
              key: 'role',
              width: 140,
              render: (_v, row) => (row.providerRole ? <ProviderRoleTag role={row.providerRole} /> : null),
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 110,
              render: (_v, row) => <UserStatusBadge status={row.status} />,
            },
            {
              title: t('people.staffedOn'),
              key: 'staffedOn',
              render: (_v, row) =>
                row.providerRole !== 'PROVIDER_AGENT' ? (
                  <Typography.Text type="secondary">{t('people.allTenants')}</Typography.Text>
                ) : (
                  <Flex gap={4} wrap align="center">
                    {row.staffedOn.map((m) => (
                      <Popconfirm
                        key={m.tenantId}
                        title={t('people.unstaffConfirm', { name: row.name, tenant: m.tenantName })}
                        okText={t('common.remove')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => removeStaffing(row, m.tenantId)}
                      >
                        <Tag
                          closable
                          onClose={(e) => e.preventDefault()}
                          className="staff-tag"
                          data-testid={`staffing-${row.email}-${m.tenantSlug}`}
                        >
                          {m.tenantName} · {t(`enums.role.${m.role}`)}
                        </Tag>
                      </Popconfirm>
                    ))}
                    <Button
                      size="small"
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => setStaffing(row)}
                      data-testid={`staff-${row.email}`}
                    >
                      {t('people.staff')}
                    </Button>
                  </Flex>
                ),
            },
            {
              title: t('common.lastLogin'),
              dataIndex: 'lastLoginAt',
              width: 190,
              className: 'col-time',
              render: (v: string | null) => (v ? fmt.dateTime(v) : t('common.never')),
            },
          ]}
        />
      </Card>
      <InviteModal
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={state.refetch}
        mutation={InviteProviderUserMutation}
        linkOf={(data) => data.inviteProviderUser}
        title={t('people.inviteTitle')}
        submitText={t('people.sendInvite')}
        roleOptions={PROVIDER_ROLES.map((r) => ({ value: r, label: t(`enums.providerRole.${r}`) }))}
        defaultRole="PROVIDER_AGENT"
      />
      <StaffModal
        user={staffing}
        onClose={() => setStaffing(null)}
        onStaffed={() => {
          setStaffing(null);
          state.refetch();
        }}
      />
    </>
  );
}
