import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InviteUserMutation, RemoveUserMutation, UpdateUserRoleMutation, UsersQuery } from './documents';
import { TENANT_ROLES, type TenantRole } from '../../api/schema-types';
import type { TenantUser } from './types';
import { InviteModal } from '../../components/invite-modal';
import { PageHeader } from '../../components/page-header';
import { QueryTable } from '../../components/query-table';
import { RefreshButton, SearchBox } from '../../components/table-toolbar';
import { RoleTag, UserStatusBadge } from '../../components/tags';
import { useFeedback } from '../../components/use-feedback';
import { useUrlPagination } from '../../components/use-url-pagination';
import { useMutation, useQuery } from '../../data/use-query';
import { useSearchState } from '../../data/use-search-state';
import { useFormatters } from '../../i18n/format';
import { useViewer } from '../../session/session-context';

const FILTER_KEYS = ['search'] as const;

export function TenantUsersPage() {
  const { t } = useTranslation('tenant-users');
  const fmt = useFormatters();
  const viewer = useViewer();
  const feedback = useFeedback();
  const canManage = viewer.role === 'TENANT_ADMIN';
  const { values, page, pageSize, update } = useSearchState(FILTER_KEYS);
  const state = useQuery(UsersQuery, { search: values.search || null, page, pageSize });
  const pagination = useUrlPagination({ page, pageSize, update }, state.data?.users.total ?? 0);
  const updateRole = useMutation(UpdateUserRoleMutation);
  const remove = useMutation(RemoveUserMutation);
  const [inviting, setInviting] = useState(false);

  const changeRole = async (user: TenantUser, role: TenantRole) => {
    try {
      await updateRole.run({ userId: user.id, role });
      feedback.success(t('users.roleChanged', { name: user.name, role: t(`enums.role.${role}`) }));
      state.refetch();
    } catch (err) {
      feedback.error(err);
    }
  };

  const removeUser = async (user: TenantUser) => {
    try {
      await remove.run({ userId: user.id });
      feedback.success(t('users.removed', { name: user.name }));
      state.refetch();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={canManage ? t('users.subtitle') : t('users.subtitleReadOnly')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setInviting(true)}
              data-testid="invite-user"
            >
              {t('users.invite')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} className="table-toolbar">
          <SearchBox
            value={values.search}
            onSearch={(search) => update({ search })}
            placeholder={t('users.searchPlaceholder')}
            width={280}
            testId="users-search"
          />
          <RefreshButton onClick={state.refetch} style={{ marginLeft: 'auto' }} />
        </Flex>
        <QueryTable<TenantUser>
          state={state}
          empty={t('users.empty')}
          rowKey="id"
          dataSource={state.data?.users.items ?? []}
          scroll={{ x: 900 }}
          data-testid="users-table"
          pagination={pagination}
          columns={[
            {
              title: t('common.name'),
              key: 'name',
              width: 260,
              render: (_v, row) => (
                <Flex vertical>
                  <Flex gap={6} align="center">
                    <Typography.Text strong>{row.name}</Typography.Text>
                    {row.id === viewer.user.id ? <Tag>{t('users.you')}</Tag> : null}
                    {row.staffedOn.some((m) => m.staffed && m.tenantId === viewer.tenant?.id) ? (
                      <Tag color="geekblue">{t('users.staffed')}</Tag>
                    ) : null}
                  </Flex>
                  <Typography.Text type="secondary" className="small">
                    {row.email}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('common.role'),
              key: 'role',
              width: 180,
              render: (_v, row) =>
                canManage && row.id !== viewer.user.id && row.role ? (
                  <Select<TenantRole>
                    size="small"
                    value={row.role}
                    style={{ width: 140 }}
                    onChange={(role) => void changeRole(row, role)}
                    options={TENANT_ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
                    data-testid={`role-select-${row.email}`}
                  />
                ) : row.role ? (
                  <RoleTag role={row.role} />
                ) : null,
            },
            {
              title: t('common.status'),
              key: 'status',
              width: 110,
              render: (_v, row) => <UserStatusBadge status={row.status} />,
            },
            {
              title: t('common.lastLogin'),
              dataIndex: 'lastLoginAt',
              width: 190,
              className: 'col-time',
              render: (v: string | null) => (v ? fmt.dateTime(v) : t('common.never')),
            },
            {
              title: t('users.joined'),
              dataIndex: 'createdAt',
              width: 190,
              className: 'col-time',
              render: (v: string) => fmt.dateTime(v),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 100,
                    fixed: 'right' as const,
                    render: (_v: unknown, row: TenantUser) =>
                      row.id === viewer.user.id ? null : (
                        <Popconfirm
                          title={t('users.removeConfirm', { name: row.name })}
                          description={t('users.removeHelp')}
                          okText={t('common.remove')}
                          cancelText={t('common.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => removeUser(row)}
                        >
                          <Button type="link" danger size="small">
                            {t('common.remove')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <InviteModal
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={state.refetch}
        mutation={InviteUserMutation}
        linkOf={(data) => data.inviteUser}
        title={t('users.inviteTitle')}
        submitText={t('users.sendInvite')}
        roleOptions={TENANT_ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
        defaultRole="AGENT"
        roleHelp={t('users.roleHelp')}
      />
    </>
  );
}
