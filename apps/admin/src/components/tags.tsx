import { Badge, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ApiScope,
  IsolationTier,
  ProviderRole,
  TenantRole,
  TenantStatus,
  UserStatus,
} from '../api/schema-types';

const STATUS_BADGE: Record<TenantStatus, 'success' | 'warning' | 'default'> = {
  ACTIVE: 'success',
  SUSPENDED: 'warning',
  OFFBOARDED: 'default',
};

export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      status={STATUS_BADGE[status]}
      text={t(`enums.tenantStatus.${status}`)}
      data-testid="tenant-status"
    />
  );
}

export function TierTag({ tier }: { tier: IsolationTier }) {
  const { t } = useTranslation();
  return (
    <Tag color={tier === 'SILOED' ? 'purple' : 'blue'} variant="outlined">
      {t(`enums.tier.${tier}`)}
    </Tag>
  );
}

const ROLE_COLOR: Record<TenantRole, string> = { TENANT_ADMIN: 'gold', SUPERVISOR: 'cyan', AGENT: 'default' };

export function RoleTag({ role }: { role: TenantRole }) {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLOR[role]}>{t(`enums.role.${role}`)}</Tag>;
}

export function ProviderRoleTag({ role }: { role: ProviderRole }) {
  const { t } = useTranslation();
  return (
    <Tag color={role === 'PROVIDER_ADMIN' ? 'geekblue' : 'green'}>{t(`enums.providerRole.${role}`)}</Tag>
  );
}

const USER_STATUS_BADGE: Record<UserStatus, 'success' | 'processing' | 'default'> = {
  ACTIVE: 'success',
  INVITED: 'processing',
  DISABLED: 'default',
};

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation();
  return <Badge status={USER_STATUS_BADGE[status]} text={t(`enums.userStatus.${status}`)} />;
}

export function ScopeTag({ scope }: { scope: ApiScope }) {
  const { t } = useTranslation();
  return <Tag>{t(`enums.scope.${scope}`)}</Tag>;
}
