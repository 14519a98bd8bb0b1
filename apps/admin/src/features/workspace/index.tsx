import { CustomerServiceOutlined, DesktopOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { TicketPage } from './ticket-page';
import { TicketsPage } from './tickets-page';
import { WorkspacePage } from './workspace-page';

/**
 * Home of agents and supervisors: the tenants they work for, and the agent workspace — ticket
 * views with counts, the queue with bulk changes, the ticket with its conversation, properties,
 * customer and who else is on it, all live and driven from the keyboard as well.
 */
export const workspaceFeature = defineFeature({
  namespace: 'workspace',
  messages: { en, 'zh-CN': zhCN },
  routes: [
    { path: '/workspace', element: <WorkspacePage /> },
    { path: '/workspace/tickets', element: <TicketsPage />, areas: ['agent', 'supervisor', 'tenantAdmin'] },
    {
      path: '/workspace/tickets/:id',
      element: <TicketPage />,
      areas: ['agent', 'supervisor', 'tenantAdmin'],
    },
  ],
  menu: [
    {
      key: 'workspace',
      path: '/workspace',
      label: 'nav.workspace',
      icon: <DesktopOutlined />,
      areas: ['agent', 'workspace', 'supervisor'],
      order: 20,
    },
    {
      key: 'workspace-tickets',
      path: '/workspace/tickets',
      label: 'nav.tickets',
      icon: <CustomerServiceOutlined />,
      areas: ['agent', 'supervisor', 'tenantAdmin'],
      order: 21,
    },
  ],
});
