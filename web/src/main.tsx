import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider, RequireAuth } from './auth';
import { AppHeader } from './components/AppHeader';
import { IssuePage } from './pages/IssuePage';
import { DocumentPage } from './pages/DocumentPage';
import { SearchPage } from './pages/SearchPage';
import { PlansPage } from './pages/PlansPage';
import { PlanIndicatorPage } from './pages/PlanIndicatorPage';
import { PlanDashboardPage } from './pages/PlanDashboardPage';
import { PlanDepartmentPage } from './pages/PlanDepartmentPage';
import { LandPlanPage } from './pages/LandPlanPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { LoginPage } from './pages/LoginPage';
import { ProcedurePage } from './pages/ProcedurePage';
import { ApplyPage } from './pages/ApplyPage';
import { CasesPage } from './pages/CasesPage';
import { InboxPage } from './pages/InboxPage';
import { CasePage } from './pages/CasePage';
import { DashboardPage } from './pages/DashboardPage';
import { JiebangPage } from './pages/JiebangPage';
import { JiebangNewPage } from './pages/JiebangNewPage';
import { JiebangPaymentsPage } from './pages/JiebangPaymentsPage';
import { BaoganPage } from './pages/BaoganPage';
import { UsersPage } from './pages/UsersPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { SupervisionPage } from './pages/SupervisionPage';
import './styles.css';

dayjs.locale('zh-cn');

function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b3261e', borderRadius: 4 } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppHeader />
            <main className="app-main">
              <Routes>
                <Route path="/" element={<IssuePage />} />
                <Route path="/docs/:number" element={<DocumentPage />} />
                <Route path="/search" element={<SearchPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/homestead" element={<ProcedurePage />} />
                <Route path="/homestead/apply" element={<RequireAuth roles={['applicant', 'village']}><ApplyPage /></RequireAuth>} />
                <Route path="/cases" element={<RequireAuth><CasesPage /></RequireAuth>} />
                <Route path="/cases/:id" element={<RequireAuth><CasePage /></RequireAuth>} />
                <Route path="/inbox" element={<RequireAuth><InboxPage /></RequireAuth>} />
                <Route path="/dashboard" element={<RequireAuth roles={['village', 'township', 'county', 'admin']}><DashboardPage /></RequireAuth>} />
                <Route path="/jiebang" element={<JiebangPage />} />
                <Route path="/jiebang/new" element={<RequireAuth roles={['enterprise']}><JiebangNewPage /></RequireAuth>} />
                <Route path="/jiebang/payments" element={<RequireAuth roles={['science_bureau', 'admin']}><JiebangPaymentsPage /></RequireAuth>} />
                <Route path="/baogan" element={<BaoganPage />} />
                <Route path="/plans" element={<PlansPage />} />
                <Route path="/plans/indicators/:id" element={<PlanIndicatorPage />} />
                <Route path="/plans/dashboard" element={<RequireAuth roles={['department', 'plan_office', 'admin']}><PlanDashboardPage /></RequireAuth>} />
                <Route path="/plans/departments/:unit" element={<RequireAuth roles={['department', 'plan_office', 'admin']}><PlanDepartmentPage /></RequireAuth>} />
                <Route path="/plans/land" element={<LandPlanPage />} />
                <Route path="/notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
                <Route path="/supervision" element={<RequireAuth roles={['township', 'county', 'science_bureau', 'admin']}><SupervisionPage /></RequireAuth>} />
                <Route path="/admin/users" element={<RequireAuth roles={['admin']}><UsersPage /></RequireAuth>} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
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
