import { ProfileOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { TicketSettingsPage } from './settings-page';

/**
 * The tenant admin's ticket settings: custom field definitions (types, options, required to
 * solve, order), the reopen window and the CSAT survey, and which personal data agents may reveal.
 * Shared ticket views belong to the workspace.
 */
export const tenantTicketSettingsFeature = defineFeature({
  namespace: 'tenant-ticket-settings',
  messages: { en, 'zh-CN': zhCN },
  routes: [{ path: '/tenant/ticket-settings', element: <TicketSettingsPage />, areas: ['tenantAdmin'] }],
  menu: [
    {
      key: 'tenant-ticket-settings',
      path: '/tenant/ticket-settings',
      label: 'nav.ticketSettings',
      icon: <ProfileOutlined />,
      areas: ['tenantAdmin'],
      order: 42,
    },
  ],
});
