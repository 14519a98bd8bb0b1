import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { FEATURES } from './features';
import { AppLayout } from './layout/app-layout';
import { type Area, areaOf } from './layout/areas';
import { homeOf } from './layout/navigation';
import { NotFoundPage } from './layout/not-found-page';
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
  return <Navigate to={homeOf(areaOf(session.viewer))} replace />;
}

const ROUTES = FEATURES.flatMap((feature) => feature.routes);

/**
 * The route table, derived from the features list: public pages (sign-in, invitation) outside
 * the shell, every other page inside it behind its areas. Add a capability in features/, not here.
 */
export function AppRoutes() {
  return (
    <Routes>
      {ROUTES.filter((route) => route.public).map((route) => (
        <Route key={route.path} path={route.path} element={route.element} />
      ))}
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        {ROUTES.filter((route) => !route.public).map((route) => (
          <Route
            key={route.path}
            path={route.path}
            element={route.areas ? <Allow areas={route.areas}>{route.element}</Allow> : route.element}
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
