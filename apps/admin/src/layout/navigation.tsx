import { useTranslation } from 'react-i18next';
import { FEATURES } from '../features';
import type { FeatureMenuEntry } from '../features/feature';
import type { Area } from './areas';

/** A menu entry with the namespace its label lives in. */
export interface NavItem extends FeatureMenuEntry {
  namespace: string;
}

/** Every feature's menu entries, in menu order. */
export const NAV_ITEMS: readonly NavItem[] = FEATURES.flatMap((feature) =>
  feature.menu.map((entry) => ({ ...entry, namespace: feature.namespace })),
).sort((a, b) => a.order - b.order);

/** Routes open to every signed-in area, with no parameters (account, workspace). */
const OPEN_PATHS: ReadonlySet<string> = new Set(
  FEATURES.flatMap((feature) => feature.routes)
    .filter((route) => !route.public && !route.areas && !route.path.includes(':'))
    .map((route) => route.path),
);

export function navFor(area: Area): NavItem[] {
  return NAV_ITEMS.filter((item) => item.areas.includes(area));
}

/** Where an area lands after sign-in: its first menu entry. */
export function homeOf(area: Area): string {
  return navFor(area)[0]?.path ?? '/account';
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
  if (OPEN_PATHS.has(pathname)) return true;
  return NAV_ITEMS.some((item) => item.path === pathname && item.areas.includes(area));
}

/** A menu label, read from its feature's namespace in the current language. */
export function NavLabel({ item }: { item: NavItem }) {
  const { i18n } = useTranslation();
  const text: unknown =
    i18n.getResource(i18n.language, item.namespace, item.label) ??
    i18n.getResource('zh-CN', item.namespace, item.label);
  return <>{typeof text === 'string' ? text : item.label}</>;
}
