import { defineFeature } from '../feature';
import { AcceptInvitePage } from './accept-invite-page';
import { LoginPage } from './login-page';
import { en, zhCN } from './messages';

/** Sign-in and invitation acceptance: the only pages without a session. */
export const authFeature = defineFeature({
  namespace: 'auth',
  messages: { en, 'zh-CN': zhCN },
  routes: [
    { path: '/login', element: <LoginPage />, public: true },
    { path: '/invite/:token', element: <AcceptInvitePage />, public: true },
  ],
});
