// Pages a procedure has beyond the generic screens (its public page, an intake page with live checks, a
// ledger), each in its own chunk. The app's router adds these; it names no procedure itself.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ProcedureRoute {
  path: string;
  page: LazyExoticComponent<ComponentType<Record<string, never>>>;
  /** Signed-in roles only (omitted: public). */
  roles?: string[];
}

const page = <K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] as ComponentType<Record<string, never>> })));

const HomesteadGuide = lazy(() => import('../pages/ProcedurePage').then((m) => ({ default: () => <m.ProcedurePage procedureId="homestead" /> })));

export const PROCEDURE_ROUTES: ProcedureRoute[] = [
  // 宅基地审批: the guide at its old address and the application form with live checks against the articles.
  { path: '/homestead', page: HomesteadGuide },
  { path: '/homestead/apply', page: page(() => import('./homestead/ApplyPage'), 'ApplyPage'), roles: ['applicant', 'village'] },
  // 揭榜挂帅: the public 榜单, the demand form, the bureau's payment ledger.
  { path: '/jiebang', page: page(() => import('./jiebang/JiebangPage'), 'JiebangPage') },
  { path: '/jiebang/new', page: page(() => import('./jiebang/JiebangNewPage'), 'JiebangNewPage'), roles: ['enterprise'] },
  { path: '/jiebang/payments', page: page(() => import('./jiebang/JiebangPaymentsPage'), 'JiebangPaymentsPage'), roles: ['science_bureau', 'admin'] },
  // 包干制: the negative list, the commitment and the spot-check draw.
  { path: '/baogan', page: page(() => import('./baogan/BaoganPage'), 'BaoganPage') },
  // 乡村医生 (隆政办规〔2022〕1号): the register's township views and export.
  {
    path: '/village-doctor',
    page: page(() => import('./village-doctor/VillageDoctorPage'), 'VillageDoctorPage'),
    roles: ['health_centre', 'county_health', 'admin'],
  },
  // 保障性租赁住房 (承市政办字〔2022〕48号): plans against recognised units, the county's parameters, spot checks.
  {
    path: '/rental-housing',
    page: page(() => import('./rental-housing/RentalHousingPage'), 'RentalHousingPage'),
    roles: ['county_housing', 'city_housing', 'admin'],
  },
  // 养老服务 (承市政字〔2022〕24号, 承市政办字〔2022〕47号): visits this month and the 高龄津贴 roster.
  {
    path: '/elderly',
    page: page(() => import('./elderly/ElderlyPage'), 'ElderlyPage'),
    roles: ['village', 'township', 'county_civil_affairs', 'city_civil_affairs', 'admin'],
  },
  // 养老服务机构备案信用承诺 and the 基本养老服务清单: public.
  { path: '/elderly/commitments', page: page(() => import('./elderly/CommitmentsPage'), 'CommitmentsPage') },
];
