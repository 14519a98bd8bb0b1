import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { type Area, HOME_OF, areaOf } from './layout/areas';
import { AccountPage } from './pages/account/account-page';
import { AcceptInvitePage } from './pages/auth/accept-invite-page';
import { LoginPage } from './pages/auth/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { ProviderAuditPage } from './pages/provider/provider-audit-page';
import { ProviderOverviewPage } from './pages/provider/provider-overview-page';
import { ProviderPeoplePage } from './pages/provider/provider-people-page';
import { TenantDetailPage } from './pages/provider/tenant-detail-page';
import { TenantOnboardPage } from './pages/provider/tenant-onboard-page';
import { TenantsPage } from './pages/provider/tenants-page';
import { TenantApiKeysPage } from './pages/tenant/tenant-api-keys-page';
import { TenantAuditPage } from './pages/tenant/tenant-audit-page';
import { TenantOverviewPage } from './pages/tenant/tenant-overview-page';
import { TenantUsersPage } from './pages/tenant/tenant-users-page';
import { WorkspacePage } from './pages/workspace/workspace-page';
import { useSession } from './session/session-context';

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session)
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

/** A screen for some areas only; others get a 403 page (the server enforces the same). */
function Allow({ areas, children }: { areas: readonly Area[]; children: ReactNode }) {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session) return null;
  if (!areas.includes(areaOf(session.viewer))) {
    return <Result status="403" title={t('states.forbiddenTitle')} subTitle={t('states.forbiddenBody')} />;
  }
  return <>{children}</>;
}

function Home() {
  const { session } = useSession();
  if (!session) return <Navigate to="/login" replace />;
  return <Navigate to={HOME_OF[areaOf(session.viewer)]} replace />;
}

const TENANT_STAFF: readonly Area[] = ['tenantAdmin', 'supervisor'];

/**
 * The route table. Provider screens live under /provider, a tenant's under /tenant, people who
 * work conversations under /workspace. A later capability adds its pages under pages/<area>/ and
 * its entries here and in layout/navigation.tsx.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invite/:token" element={<AcceptInvitePage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route
          path="provider/overview"
          element={
            <Allow areas={['provider']}>
              <ProviderOverviewPage />
            </Allow>
          }
        />
        <Route
          path="provider/tenants"
          element={
            <Allow areas={['provider']}>
              <TenantsPage />
            </Allow>
          }
        />
        <Route
          path="provider/tenants/new"
          element={
            <Allow areas={['provider']}>
              <TenantOnboardPage />
            </Allow>
          }
        />
        <Route
          path="provider/tenants/:id"
          element={
            <Allow areas={['provider']}>
              <TenantDetailPage />
            </Allow>
          }
        />
        <Route
          path="provider/people"
          element={
            <Allow areas={['provider']}>
              <ProviderPeoplePage />
            </Allow>
          }
        />
        <Route
          path="provider/audit"
          element={
            <Allow areas={['provider']}>
              <ProviderAuditPage />
            </Allow>
          }
        />
        <Route
          path="tenant/overview"
          element={
            <Allow areas={TENANT_STAFF}>
              <TenantOverviewPage />
            </Allow>
          }
        />
        <Route
          path="tenant/users"
          element={
            <Allow areas={TENANT_STAFF}>
              <TenantUsersPage />
            </Allow>
          }
        />
        <Route
          path="tenant/api-keys"
          element={
            <Allow areas={['tenantAdmin']}>
              <TenantApiKeysPage />
            </Allow>
          }
        />
        <Route
          path="tenant/audit"
          element={
            <Allow areas={['tenantAdmin']}>
              <TenantAuditPage />
            </Allow>
          }
        />
        <Route path="workspace" element={<WorkspacePage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
