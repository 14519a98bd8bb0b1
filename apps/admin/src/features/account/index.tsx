import { defineFeature } from '../feature';
import { AccountPage } from './account-page';
import { en, zhCN } from './messages';

/** The signed-in person's profile and password (reached from the user menu). */
export const accountFeature = defineFeature({
  namespace: 'account',
  messages: { en, 'zh-CN': zhCN },
  routes: [{ path: '/account', element: <AccountPage /> }],
});
