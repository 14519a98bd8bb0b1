import { KeyOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { TenantApiKeysPage } from './tenant-api-keys-page';

/** API keys for a brand's own backend: create (secret shown once), scopes, revoke. */
export const tenantApiKeysFeature = defineFeature({
  namespace: 'tenant-api-keys',
  messages: { en, 'zh-CN': zhCN },
  routes: [{ path: '/tenant/api-keys', element: <TenantApiKeysPage />, areas: ['tenantAdmin'] }],
  menu: [
    {
      key: 'tenant-api-keys',
      path: '/tenant/api-keys',
      label: 'nav.apiKeys',
      icon: <KeyOutlined />,
      areas: ['tenantAdmin'],
      order: 40,
    },
  ],
});
