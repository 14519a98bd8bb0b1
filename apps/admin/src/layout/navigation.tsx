import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  DesktopOutlined,
  HomeOutlined,
  KeyOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Area } from './areas';

/** Menu entries per area. A later capability adds its screen here and a route in routes.tsx. */
export interface NavItem {
  key: string;
  path: string;
  labelKey:
    | 'nav.overview'
    | 'nav.tenants'
    | 'nav.providerUsers'
    | 'nav.auditLog'
    | 'nav.tenantOverview'
    | 'nav.users'
    | 'nav.apiKeys'
    | 'nav.workspace';
  icon: ReactNode;
  areas: readonly Area[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  {
    key: 'provider-overview',
    path: '/provider/overview',
    labelKey: 'nav.overview',
    icon: <DashboardOutlined />,
    areas: ['provider'],
  },
  {
    key: 'provider-tenants',
    path: '/provider/tenants',
    labelKey: 'nav.tenants',
    icon: <ApartmentOutlined />,
    areas: ['provider'],
  },
  {
    key: 'provider-people',
    path: '/provider/people',
    labelKey: 'nav.providerUsers',
    icon: <UserSwitchOutlined />,
    areas: ['provider'],
  },
  {
    key: 'provider-audit',
    path: '/provider/audit',
    labelKey: 'nav.auditLog',
    icon: <AuditOutlined />,
    areas: ['provider'],
  },
  {
    key: 'tenant-overview',
    path: '/tenant/overview',
    labelKey: 'nav.tenantOverview',
    icon: <HomeOutlined />,
    areas: ['tenantAdmin', 'supervisor'],
  },
  {
    key: 'workspace',
    path: '/workspace',
    labelKey: 'nav.workspace',
    icon: <DesktopOutlined />,
    areas: ['agent', 'workspace', 'supervisor'],
  },
  {
    key: 'tenant-users',
    path: '/tenant/users',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    areas: ['tenantAdmin', 'supervisor'],
  },
  {
    key: 'tenant-api-keys',
    path: '/tenant/api-keys',
    labelKey: 'nav.apiKeys',
    icon: <KeyOutlined />,
    areas: ['tenantAdmin'],
  },
  {
    key: 'tenant-audit',
    path: '/tenant/audit',
    labelKey: 'nav.auditLog',
    icon: <AuditOutlined />,
    areas: ['tenantAdmin'],
  },
];

export function navFor(area: Area): NavItem[] {
  return NAV_ITEMS.filter((item) => item.areas.includes(area));
}

/** The menu entry a path belongs to (longest matching prefix). */
export function navKeyOf(pathname: string, items: readonly NavItem[]): string | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    if (pathname === item.path || pathname.startsWith(`${item.path}/`)) {
      if (!best || item.path.length > best.path.length) best = item;
    }
  }
  return best?.key;
}

/** Whether a page may stay on screen after a tenant switch into `area` (else the shell goes home). */
export function pathAllowedIn(pathname: string, area: Area): boolean {
  if (pathname === '/account' || pathname === '/workspace') return true;
  const key = navKeyOf(pathname, NAV_ITEMS);
  const item = NAV_ITEMS.find((i) => i.key === key);
  return item ? item.areas.includes(area) && pathname === item.path : false;
}
