import { ApartmentOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { TenantDetailPage } from './tenant-detail-page';
import { TenantOnboardPage } from './tenant-onboard-page';
import { TenantsPage } from './tenants-page';

/** Tenants for provider admins: list, onboarding wizard, detail with plan, suspension, keys, offboarding. */
export const providerTenantsFeature = defineFeature({
  namespace: 'provider-tenants',
  messages: { en, 'zh-CN': zhCN },
  routes: [
    { path: '/provider/tenants', element: <TenantsPage />, areas: ['provider'] },
    { path: '/provider/tenants/new', element: <TenantOnboardPage />, areas: ['provider'] },
    { path: '/provider/tenants/:id', element: <TenantDetailPage />, areas: ['provider'] },
  ],
  menu: [
    {
      key: 'provider-tenants',
      path: '/provider/tenants',
      label: 'nav.tenants',
      icon: <ApartmentOutlined />,
      areas: ['provider'],
      order: 20,
    },
  ],
});
