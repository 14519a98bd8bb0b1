import { AuditOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { en, zhCN } from './messages';
import { ProviderAuditPage } from './provider-audit-page';
import { TenantAuditPage } from './tenant-audit-page';

/** The audit trail: every tenant's for provider admins, its own for a tenant admin. */
export const auditFeature = defineFeature({
  namespace: 'audit',
  messages: { en, 'zh-CN': zhCN },
  routes: [
    { path: '/provider/audit', element: <ProviderAuditPage />, areas: ['provider'] },
    { path: '/tenant/audit', element: <TenantAuditPage />, areas: ['tenantAdmin'] },
  ],
  menu: [
    {
      key: 'provider-audit',
      path: '/provider/audit',
      label: 'nav.auditLog',
      icon: <AuditOutlined />,
      areas: ['provider'],
      order: 90,
    },
    {
      key: 'tenant-audit',
      path: '/tenant/audit',
      label: 'nav.auditLog',
      icon: <AuditOutlined />,
      areas: ['tenantAdmin'],
      order: 90,
    },
  ],
});

// Other features show audit records too (a tenant's recent activity); they take the action label from here.
export { AuditAction } from './audit-action';
