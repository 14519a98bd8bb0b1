import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession, useViewer } from '../session/session-context';

export function UserMenu() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { manager } = useSession();
  const navigate = useNavigate();
  const roleLabel = viewer.tenant
    ? viewer.role
      ? t(`enums.role.${viewer.role}`)
      : ''
    : viewer.providerRole
      ? t(`enums.providerRole.${viewer.providerRole}`)
      : '';

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
          { type: 'divider' },
          {
            key: 'signout',
            icon: <LogoutOutlined />,
            danger: true,
            label: <span data-testid="sign-out">{t('shell.signOut')}</span>,
          },
        ],
        onClick: ({ key }) => {
          if (key === 'account') void navigate('/account');
          if (key === 'signout') void manager.signOut();
        },
      }}
    >
      <Flex align="center" gap={8} className="header-user" data-testid="user-menu" role="button" tabIndex={0}>
        <Avatar size="small" className="header-avatar">
          {(viewer.user.name || viewer.user.email).slice(0, 1).toUpperCase()}
        </Avatar>
        <Flex vertical className="header-user-text">
          <Typography.Text strong ellipsis>
            {viewer.user.name || viewer.user.email}
          </Typography.Text>
          {roleLabel ? (
            <Typography.Text type="secondary" className="header-user-role">
              {roleLabel}
            </Typography.Text>
          ) : null}
        </Flex>
      </Flex>
    </Dropdown>
  );
}
