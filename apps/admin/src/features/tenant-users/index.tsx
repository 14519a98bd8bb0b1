import { TeamOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { TenantUsersPage } from './tenant-users-page';

/** A tenant's users and roles (supervisors read, tenant admins invite, change and remove). */
export const tenantUsersFeature = defineFeature({
  namespace: 'tenant-users',
  messages: { en, 'zh-CN': zhCN },
  routes: [{ path: '/tenant/users', element: <TenantUsersPage />, areas: ['tenantAdmin', 'supervisor'] }],
  menu: [
    {
      key: 'tenant-users',
      path: '/tenant/users',
      label: 'nav.users',
      icon: <TeamOutlined />,
      areas: ['tenantAdmin', 'supervisor'],
      order: 30,
    },
  ],
});
