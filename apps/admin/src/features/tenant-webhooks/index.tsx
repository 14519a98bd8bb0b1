import { ApiOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { WebhookDetailPage } from './webhook-detail-page';
import { WebhooksPage } from './webhooks-page';

/**
 * Webhooks for a brand's own systems: subscriptions to catalogue events (signing secret shown
 * once, rotation with an overlap), activate/pause, test pings, and each webhook's delivery log
 * with replays.
 */
export const tenantWebhooksFeature = defineFeature({
  namespace: 'tenant-webhooks',
  messages: { en, 'zh-CN': zhCN },
  routes: [
    { path: '/tenant/webhooks', element: <WebhooksPage />, areas: ['tenantAdmin'] },
    { path: '/tenant/webhooks/:id', element: <WebhookDetailPage />, areas: ['tenantAdmin'] },
  ],
  menu: [
    {
      key: 'tenant-webhooks',
      path: '/tenant/webhooks',
      label: 'nav.webhooks',
      icon: <ApiOutlined />,
      areas: ['tenantAdmin'],
      order: 45,
    },
  ],
});
