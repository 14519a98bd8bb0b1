import { DesktopOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { WorkspacePage } from './workspace-page';

/** Home of agents and supervisors: the tenants they work for (the inbox lands here). */
export const workspaceFeature = defineFeature({
  namespace: 'workspace',
  messages: { en, 'zh-CN': zhCN },
  routes: [{ path: '/workspace', element: <WorkspacePage /> }],
  menu: [
    {
      key: 'workspace',
      path: '/workspace',
      label: 'nav.workspace',
      icon: <DesktopOutlined />,
      areas: ['agent', 'workspace', 'supervisor'],
      order: 20,
    },
  ],
});
