import { UserSwitchOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { ProviderPeoplePage } from './provider-people-page';

/** The provider's own admins and agents, and which tenants each agent is staffed on. */
export const providerPeopleFeature = defineFeature({
  namespace: 'provider-people',
  messages: { en, 'zh-CN': zhCN },
  routes: [{ path: '/provider/people', element: <ProviderPeoplePage />, areas: ['provider'] }],
  menu: [
    {
      key: 'provider-people',
      path: '/provider/people',
      label: 'nav.providerUsers',
      icon: <UserSwitchOutlined />,
      areas: ['provider'],
      order: 30,
    },
  ],
});
