import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';
import type { SessionManager } from './session/session-manager';
import { SessionProvider } from './session/session-context';

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#1f5fd6',
    colorInfo: '#1f5fd6',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    colorBgLayout: '#f3f5f9',
  },
  components: {
    Layout: {
      siderBg: '#0f1c33',
      headerBg: '#ffffff',
      bodyBg: '#f3f5f9',
      headerPadding: '0 20px',
      headerHeight: 56,
    },
    Menu: { darkItemBg: '#0f1c33', darkSubMenuItemBg: '#0b1628', darkItemSelectedBg: '#1f5fd6' },
    Table: { headerBg: '#f7f8fa' },
  },
};

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const THEME_STILL = { ...THEME, token: { ...THEME.token, motion: false } };

/** Whether the person asked their system for less motion; the console then opens dialogs and drawers without animating them. */
function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}

export function App({ manager }: { manager: SessionManager }) {
  const { i18n } = useTranslation();
  const still = useReducedMotion();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={still ? THEME_STILL : THEME}>
      <AntApp>
        <SessionProvider manager={manager}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
