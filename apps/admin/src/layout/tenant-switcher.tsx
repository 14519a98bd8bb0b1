import {
  ApartmentOutlined,
  CheckOutlined,
  CloudServerOutlined,
  DownOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Flex, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleTag } from '../components/tags';
import { useFeedback } from '../components/use-feedback';
import { useSession, useViewer } from '../session/session-context';

const PROVIDER_KEY = '__provider__';

/**
 * Switches the tenant the session acts for. The server issues a new token for the other tenant;
 * the manager then bumps its generation, which remounts every page (no state survives a switch).
 */
export function TenantSwitcher({ onSwitched }: { onSwitched: () => void }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { manager } = useSession();
  const feedback = useFeedback();
  const [switching, setSwitching] = useState(false);

  const canGoProvider = viewer.providerRole !== null;
  const destinations = viewer.memberships.length + (canGoProvider ? 1 : 0);
  const currentKey = viewer.tenant?.id ?? PROVIDER_KEY;
  const currentLabel = viewer.tenant?.name ?? t('shell.providerLevel');

  if (destinations <= 1) {
    return (
      <Flex align="center" gap={8} className="header-context" data-testid="current-tenant">
        {viewer.tenant ? <ApartmentOutlined /> : <CloudServerOutlined />}
        <Typography.Text strong>{currentLabel}</Typography.Text>
      </Flex>
    );
  }

  const items: MenuProps['items'] = [];
  if (canGoProvider) {
    items.push({
      key: PROVIDER_KEY,
      icon: <CloudServerOutlined />,
      label: (
        <Flex justify="space-between" gap={16} data-testid="switch-to-provider">
          <span>{t('shell.providerLevel')}</span>
          {currentKey === PROVIDER_KEY ? <CheckOutlined /> : null}
        </Flex>
      ),
    });
    if (viewer.memberships.length > 0) items.push({ type: 'divider' });
  }
  if (viewer.memberships.length > 0) {
    items.push({
      type: 'group',
      label: t('shell.tenants'),
      children: viewer.memberships.map((m) => ({
        key: m.tenantId,
        icon: <ApartmentOutlined />,
        label: (
          <Flex justify="space-between" align="center" gap={16} data-testid={`switch-to-${m.tenantSlug}`}>
            <span>{m.tenantName}</span>
            <Flex gap={4} align="center">
              <RoleTag role={m.role} />
              {currentKey === m.tenantId ? <CheckOutlined /> : null}
            </Flex>
          </Flex>
        ),
      })),
    });
  }

  const switchTo = async (key: string) => {
    if (key === currentKey || switching) return;
    setSwitching(true);
    try {
      await manager.switchTenant(key === PROVIDER_KEY ? null : key);
      const name =
        key === PROVIDER_KEY
          ? t('shell.providerLevel')
          : viewer.memberships.find((m) => m.tenantId === key)?.tenantName;
      feedback.success(t('shell.switchedTo', { name: name ?? '' }));
      onSwitched();
    } catch (error) {
      feedback.error(error);
    } finally {
      setSwitching(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, selectable: true, selectedKeys: [currentKey], onClick: ({ key }) => void switchTo(key) }}
    >
      <Button loading={switching} data-testid="tenant-switcher" icon={<SwapOutlined />}>
        <span className="tenant-switcher-label">{currentLabel}</span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
