import { HomeOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { TenantOverviewPage } from './tenant-overview-page';

/** A tenant's home for its admins and supervisors: seats, keys, traffic and profile. */
export const tenantOverviewFeature = defineFeature({
  namespace: 'tenant-overview',
  messages: { en, 'zh-CN': zhCN },
  routes: [
    { path: '/tenant/overview', element: <TenantOverviewPage />, areas: ['tenantAdmin', 'supervisor'] },
  ],
  menu: [
    {
      key: 'tenant-overview',
      path: '/tenant/overview',
      label: 'nav.tenantOverview',
      icon: <HomeOutlined />,
      areas: ['tenantAdmin', 'supervisor'],
      order: 10,
    },
  ],
});
