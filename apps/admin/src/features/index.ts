/**
 * Every capability of the console, one line each. Routes, menu and i18n resources are derived
 * from this list (routes.tsx, layout/navigation.tsx, i18n/resources.ts); nothing scans folders.
 */
import { accountFeature } from './account';
import { auditFeature } from './audit';
import { authFeature } from './auth';
import { providerOverviewFeature } from './provider-overview';
import { providerPeopleFeature } from './provider-people';
import { providerTenantsFeature } from './provider-tenants';
import { tenantApiKeysFeature } from './tenant-api-keys';
import { tenantBusinessHoursFeature } from './tenant-business-hours';
import { tenantOverviewFeature } from './tenant-overview';
import { tenantTicketSettingsFeature } from './tenant-ticket-settings';
import { tenantUsersFeature } from './tenant-users';
import { tenantWebhooksFeature } from './tenant-webhooks';
import { workspaceFeature } from './workspace';

export const FEATURES = [
  authFeature,
  accountFeature,
  providerOverviewFeature,
  providerTenantsFeature,
  providerPeopleFeature,
  tenantOverviewFeature,
  tenantUsersFeature,
  tenantApiKeysFeature,
  tenantWebhooksFeature,
  tenantTicketSettingsFeature,
  tenantBusinessHoursFeature,
  auditFeature,
  workspaceFeature,
] as const;
