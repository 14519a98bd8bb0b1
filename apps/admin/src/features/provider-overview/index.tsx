import { DashboardOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { ProviderOverviewPage } from './provider-overview-page';

/** The provider's home: every tenant's accounts and API traffic. */
export const providerOverviewFeature = defineFeature({
  namespace: 'provider-overview',
  messages: { en, 'zh-CN': zhCN },
  routes: [{ path: '/provider/overview', element: <ProviderOverviewPage />, areas: ['provider'] }],
  menu: [
    {
      key: 'provider-overview',
      path: '/provider/overview',
      label: 'nav.overview',
      icon: <DashboardOutlined />,
      areas: ['provider'],
      order: 10,
    },
  ],
});
