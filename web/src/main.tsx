import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, Skeleton } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider, RequireAuth } from './auth';
import { AppHeader } from './components/AppHeader';
import { ForcedPasswordChange } from './registration/ForcedPasswordChange';
import { IssuePage } from './pages/IssuePage';
import { PROCEDURE_ROUTES } from './procedures/routes';
import './styles.css';

// Every screen but the home page (the gazette library) is its own chunk, loaded when its route is first shown:
// the home page does not download ECharts or the case screens.
const PlansPage = lazy(() => import('./pages/PlansPage').then((m) => ({ default: m.PlansPage })));
const DocumentPage = lazy(() => import('./pages/DocumentPage').then((m) => ({ default: m.DocumentPage })));
const SearchPage = lazy(() => import('./pages/SearchPage').then((m) => ({ default: m.SearchPage })));
const PlanIndicatorPage = lazy(() => import('./pages/PlanIndicatorPage').then((m) => ({ default: m.PlanIndicatorPage })));
const PlanDashboardPage = lazy(() => import('./pages/PlanDashboardPage').then((m) => ({ default: m.PlanDashboardPage })));
const PlanDepartmentPage = lazy(() => import('./pages/PlanDepartmentPage').then((m) => ({ default: m.PlanDepartmentPage })));
const LandPlanPage = lazy(() => import('./pages/LandPlanPage').then((m) => ({ default: m.LandPlanPage })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const ProcedurePage = lazy(() => import('./pages/ProcedurePage').then((m) => ({ default: m.ProcedurePage })));
const CasesPage = lazy(() => import('./pages/CasesPage').then((m) => ({ default: m.CasesPage })));
const InboxPage = lazy(() => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const CasePage = lazy(() => import('./pages/CasePage').then((m) => ({ default: m.CasePage })));
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const ParametersPage = lazy(() => import('./pages/ParametersPage').then((m) => ({ default: m.ParametersPage })));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
// Generic screens of every procedure, drawn from its published schemas.
const ServicesPage = lazy(() => import('./cases/ServicesPage').then((m) => ({ default: m.ServicesPage })));
const ProgressPage = lazy(() => import('./cases/ProgressPage').then((m) => ({ default: m.ProgressPage })));
const IntakePage = lazy(() => import('./cases/IntakePage').then((m) => ({ default: m.IntakePage })));
const RegisterPage = lazy(() => import('./registration/RegisterPage').then((m) => ({ default: m.RegisterPage })));
const ForgotPasswordPage = lazy(() => import('./registration/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })));
const SupervisionPage = lazy(() => import('./pages/SupervisionPage').then((m) => ({ default: m.SupervisionPage })));

dayjs.locale('zh-cn');

function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b3261e', borderRadius: 4 } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppHeader />
            <ForcedPasswordChange />
            <main className="app-main">
              <Suspense fallback={<Skeleton active />}>
                <Routes>
                  <Route path="/" element={<IssuePage />} />
                  <Route path="/docs/:number" element={<DocumentPage />} />
                  <Route path="/search" element={<SearchPage />} />
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/register" element={<RegisterPage />} />
                  <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                  <Route path="/services" element={<ServicesPage />} />
                  <Route path="/progress" element={<ProgressPage />} />
                  <Route path="/procedures/:id" element={<ProcedurePage />} />
                  {PROCEDURE_ROUTES.map(({ path, page: Page, roles }) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        roles ? (
                          <RequireAuth roles={roles}>
                            <Page />
                          </RequireAuth>
                        ) : (
                          <Page />
                        )
                      }
                    />
                  ))}
                  <Route
                    path="/procedures/:id/apply"
                    element={
                      <RequireAuth>
                        <IntakePage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/cases"
                    element={
                      <RequireAuth>
                        <CasesPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/cases/:id"
                    element={
                      <RequireAuth>
                        <CasePage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/inbox"
                    element={
                      <RequireAuth>
                        <InboxPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/dashboard"
                    element={
                      <RequireAuth roles={['village', 'township', 'county', 'admin']}>
                        <DashboardPage />
                      </RequireAuth>
                    }
                  />
                  <Route path="/parameters" element={<ParametersPage />} />
                  <Route path="/plans" element={<PlansPage />} />
                  <Route path="/plans/indicators/:id" element={<PlanIndicatorPage />} />
                  <Route
                    path="/plans/dashboard"
                    element={
                      <RequireAuth roles={['department', 'plan_office', 'admin']}>
                        <PlanDashboardPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/plans/departments/:unit"
                    element={
                      <RequireAuth roles={['department', 'plan_office', 'admin']}>
                        <PlanDepartmentPage />
                      </RequireAuth>
                    }
                  />
                  <Route path="/plans/land" element={<LandPlanPage />} />
                  <Route
                    path="/notifications"
                    element={
                      <RequireAuth>
                        <NotificationsPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/supervision"
                    element={
                      <RequireAuth roles={['township', 'county', 'science_bureau', 'admin']}>
                        <SupervisionPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/admin/users"
                    element={
                      <RequireAuth roles={['admin']}>
                        <UsersPage />
                      </RequireAuth>
                    }
                  />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>
              </Suspense>
            </main>
            <footer className="app-footer">政务 Zhengwu · 内容来源：承德市人民政府公报</footer>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
