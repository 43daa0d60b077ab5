import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError } from './api.js';
import { AuthProvider, isChosenLogout, useAuth } from './auth.js';
import { ErrorBoundary } from './error-boundary.js';
import { ErrorBridge } from './error-bridge.js';
import { ConsoleLayout, PageSpin } from './layout.js';
import { LocaleProvider } from './locale-provider.js';
import { HOME_PATH, nav } from './nav.js';
import { hasRole } from './roles.js';

const LoginPage = lazy(() => import('../pages/auth/login-page.js'));
const SignupPage = lazy(() => import('../pages/auth/signup-page.js'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // 4xx answers will not change by asking again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});

const pages = nav.map((n) => ({ ...n, Component: lazy(n.page) as ComponentType }));

export function Shell() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <ErrorBridge />
        <BrowserRouter>
          <AuthProvider>
            <ErrorBoundary>
              <Suspense fallback={<PageSpin />}>
                <Routes>
                  <Route
                    path="/login"
                    element={
                      <PublicOnly>
                        <LoginPage />
                      </PublicOnly>
                    }
                  />
                  <Route
                    path="/signup"
                    element={
                      <PublicOnly>
                        <SignupPage />
                      </PublicOnly>
                    }
                  />
                  <Route
                    element={
                      <RequireAuth>
                        <ConsoleLayout />
                      </RequireAuth>
                    }
                  >
                    <Route index element={<Navigate to={HOME_PATH} replace />} />
                    {pages.map(({ path, Component, minRole }) => (
                      <Route
                        key={path}
                        path={path}
                        element={
                          <RoleGate minRole={minRole}>
                            <Component />
                          </RoleGate>
                        }
                      />
                    ))}
                    <Route path="*" element={<NotFound />} />
                  </Route>
                </Routes>
              </Suspense>
            </ErrorBoundary>
          </AuthProvider>
        </BrowserRouter>
      </LocaleProvider>
    </QueryClientProvider>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { status, loading } = useAuth();
  const location = useLocation();
  if (loading || !status) return <PageSpin />;
  if (!status.authenticated) {
    return (
      <Navigate
        to={status.signupAllowed ? '/signup' : '/login'}
        replace
        state={isChosenLogout() ? null : { from: location.pathname + location.search }}
      />
    );
  }
  return children;
}

function PublicOnly({ children }: { children: ReactNode }) {
  const { status, loading } = useAuth();
  const location = useLocation();
  if (loading || !status) return <PageSpin />;
  if (status.authenticated) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/' ? from : HOME_PATH} replace />;
  }
  return children;
}

function RoleGate({
  minRole,
  children,
}: {
  minRole: Parameters<typeof hasRole>[1] | undefined;
  children: ReactNode;
}) {
  const { role } = useAuth();
  const { t } = useTranslation();
  if (minRole && !hasRole(role, minRole))
    return <Result status="403" title="403" subTitle={t('errors.FORBIDDEN')} />;
  return children;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('notFound.title')}
      extra={
        <Link to={HOME_PATH}>
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}
