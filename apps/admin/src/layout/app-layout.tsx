import { ClockCircleOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '../components/brand-mark';
import { useFormatters } from '../i18n/format';
import { useSession, useViewer } from '../session/session-context';
import { areaOf } from './areas';
import { LanguageSwitch } from './language-switch';
import { NavLabel, homeOf, navFor, navKeyOf, pathAllowedIn } from './navigation';
import { useSessionWatch } from './session-watch';
import { TenantSwitcher } from './tenant-switcher';
import { UserMenu } from './user-menu';

const COLLAPSED_KEY = 'tandem.sider.collapsed';

function initialCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function AppLayout() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { scopeKey, generation, manager } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { timeZone } = useFormatters();
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  useSessionWatch();

  const area = areaOf(viewer);
  const items = navFor(area);
  const selected = navKeyOf(location.pathname, items);

  // Stay on a list page the new tenant also has (its data reloads, nothing of the old tenant
  // survives the remount below); anything tenant-specific goes back home.
  const afterSwitch = () => {
    const next = manager.getSnapshot().session;
    if (!next || !pathAllowedIn(location.pathname, areaOf(next.viewer))) void navigate('/');
  };

  const toggle = () => {
    setCollapsed((c) => {
      try {
        window.localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      } catch {
        // ignore
      }
      return !c;
    });
  };

  return (
    <Layout className="app-shell">
      <Layout.Sider
        width={224}
        collapsedWidth={64}
        collapsed={collapsed}
        theme="dark"
        className="app-sider"
        trigger={null}
      >
        <Flex align="center" gap={10} className="app-brand" onClick={() => void navigate(homeOf(area))}>
          <BrandMark />
          {collapsed ? null : (
            <Flex vertical>
              <span className="app-brand-name">Tandem</span>
              <span className="app-brand-sub">
                {area === 'provider' ? t('app.providerConsole') : t('app.tagline')}
              </span>
            </Flex>
          )}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items.map((item) => ({
            key: item.key,
            icon: item.icon,
            label: <NavLabel item={item} />,
            onClick: () => void navigate(item.path),
            'data-testid': `nav-${item.key}`,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" justify="space-between" style={{ height: '100%' }} gap={16}>
            <Flex align="center" gap={12}>
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={toggle}
                aria-label={t('shell.toggleMenu')}
              />
              <TenantSwitcher onSwitched={afterSwitch} />
            </Flex>
            <Flex align="center" gap={8}>
              <Tooltip title={t('shell.timeZoneHint')}>
                <Typography.Text type="secondary" className="header-tz" data-testid="header-time-zone">
                  <ClockCircleOutlined /> {timeZone}
                </Typography.Text>
              </Tooltip>
              <LanguageSwitch />
              <UserMenu />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          {/* Keyed by who acts for which tenant: a switch remounts every page and drops its data. */}
          <div key={`${scopeKey}#${generation}`} className="app-page" data-scope={scopeKey}>
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
