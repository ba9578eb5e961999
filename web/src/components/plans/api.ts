// Typed fetch helpers for plan monitoring (src/plans/routes.ts), with the bearer token of the signed-in user.
import { json as requestJson } from '../../caseApi';
import type { Indicator, Task } from '../../../../src/plans/extract';
import type { LandPlan } from '../../../../src/plans/land';
import type { IndicatorView, ReportRow } from '../../../../src/plans/service';
import type { Status, StatusResult } from '../../../../src/plans/status';
import type { ComputedIndicator } from '../../../../src/procedures/shared/module';
import type { Deadline } from '../../../../src/plans/deadlines';
import type {
  departmentTasks,
  OverdueItem,
  SupervisionView,
  taskDashboard,
  taskDetail,
  TaskProgress,
  TaskReportRow,
  TaskStatusKey,
  TaskWithProgress,
} from '../../../../src/plans/tasks';

export type {
  Deadline,
  Indicator,
  IndicatorView,
  LandPlan,
  OverdueItem,
  ReportRow,
  Status,
  StatusResult,
  SupervisionView,
  Task,
  TaskProgress,
  TaskReportRow,
  TaskStatusKey,
  TaskWithProgress,
};
export type TaskDetail = Awaited<ReturnType<typeof taskDetail>>;
export type TaskDashboard = Awaited<ReturnType<typeof taskDashboard>>;
export type DepartmentTasks = Awaited<ReturnType<typeof departmentTasks>>;

export const STATUS_LABEL: Record<Status, string> = { achieved: '已达标', on_track: '进度正常', at_risk: '存在风险', off_track: '进度滞后', no_data: '未报送' };
export const STATUS_COLOR: Record<Status, string> = { achieved: '#389e0d', on_track: '#1677ff', at_risk: '#d46b08', off_track: '#cf1322', no_data: '#8c8c8c' };
export const STATUS_ORDER: Status[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];
export const ROLE_LABEL: Record<string, string> = { lead: '牵头', co: '配合', implementing: '落实' };

/** Task progress (承市政办字〔2022〕49号 四、（一）年度任务清单和工作台账). */
export const TASK_STATUS_LABEL: Record<TaskStatusKey, string> = { not_started: '未启动', in_progress: '推进中', done: '已完成', late: '滞后', none: '未报送' };
export const TASK_STATUS_COLOR: Record<TaskStatusKey, string> = {
  done: '#389e0d',
  in_progress: '#1677ff',
  not_started: '#d46b08',
  late: '#cf1322',
  none: '#8c8c8c',
};
export const TASK_STATUS_ORDER: TaskStatusKey[] = ['done', 'in_progress', 'not_started', 'late', 'none'];
export const SUPERVISION_STATE_COLOR: Record<string, string> = { open: 'red', answered: 'orange', closed: 'green' };

export interface PlanInfo {
  number: string;
  short: string;
  owner: string;
  ownerBasis: string;
  indicators: number;
  tasks: number;
  flagged: number;
}
export interface IndicatorDetail extends IndicatorView {
  history: ReportRow[];
  mayReport: boolean;
  computed: ComputedIndicator | null;
}
export interface DashboardData {
  year: number;
  total: number;
  counts: Record<Status, number>;
  byPlan: { document: string; plan: string; counts: Record<Status, number>; total: number }[];
  byUnit: { unit: string; counts: Record<Status, number>; total: number }[];
  attention: { id: string; document: string; plan: string; name: string; attribute: string | null; reporter: string; status: StatusResult }[];
  trends: {
    id: string;
    name: string;
    unit: string | null;
    attribute: string | null;
    baseline: Indicator['baseline'];
    target: Indicator['target'];
    points: { year: number; value: number | null }[];
  }[];
  tasks: TaskDashboard;
}
export interface TaskReportInput {
  year: number;
  status: string;
  note: string;
  evidence?: { name: string; mime: string; base64: string } | null;
  basedOnVersion?: number;
}
export interface SupervisionActionInput {
  action: 'answer' | 'extend' | 'close' | 'reopen';
  version: number;
  note?: string;
  dueDate?: string;
}
export interface DepartmentData {
  unit: string;
  year: number;
  indicators: (IndicatorView & { mayReport: boolean })[];
  tasks: DepartmentTasks['tasks'];
  counts: { lead: number; co: number; implementing: number };
  taskCounts: DepartmentTasks['taskCounts'];
  overdueTasks: DepartmentTasks['overdueTasks'];
  supervisions: SupervisionView[];
}
export interface ReportInput {
  year: number;
  value?: number | null;
  assessment?: string | null;
  note: string;
  evidence?: { name: string; mime: string; base64: string } | null;
  basedOnVersion?: number;
}

const json = <T>(path: string, body?: unknown, signal?: AbortSignal) => requestJson<T>(path, { body, signal });

const enc = encodeURIComponent;
const q = (p: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams(
    Object.entries(p)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  return s ? `?${s}` : '';
};

export const plansApi = {
  plans: (signal?: AbortSignal) => json<{ plans: PlanInfo[]; years: number[] }>('/api/plans', undefined, signal),
  indicators: (p: { document?: string; unit?: string; year?: number }, signal?: AbortSignal) =>
    json<{ year: number; indicators: IndicatorView[] }>(`/api/plans/indicators${q(p)}`, undefined, signal),
  indicator: (id: string, year: number, signal?: AbortSignal) => json<IndicatorDetail>(`/api/plans/indicators/${enc(id)}${q({ year })}`, undefined, signal),
  file: (id: string, input: ReportInput) => json<ReportRow>(`/api/plans/indicators/${enc(id)}/reports`, input),
  tasks: (p: { document?: string; unit?: string; year?: number }, signal?: AbortSignal) =>
    json<{ year: number; tasks: TaskWithProgress[]; units: string[] }>(`/api/plans/tasks${q(p)}`, undefined, signal),
  task: (id: string, year: number, signal?: AbortSignal) => json<TaskDetail>(`/api/plans/tasks/${enc(id)}${q({ year })}`, undefined, signal),
  fileTask: (id: string, input: TaskReportInput) => json<TaskReportRow>(`/api/plans/tasks/${enc(id)}/reports`, input),
  openSupervision: (id: string, input: { reason: string; dueDate: string; basis: string }) =>
    json<SupervisionView>(`/api/plans/tasks/${enc(id)}/supervisions`, input),
  actOnSupervision: (id: string, input: SupervisionActionInput) => json<SupervisionView>(`/api/plans/supervisions/${enc(id)}/actions`, input),
  department: (unit: string, year: number, signal?: AbortSignal) =>
    json<DepartmentData>(`/api/plans/departments/${enc(unit)}${q({ year })}`, undefined, signal),
  dashboard: (p: { year: number; document?: string; unit?: string }, signal?: AbortSignal) =>
    json<DashboardData>(`/api/plans/dashboard${q(p)}`, undefined, signal),
  land: (signal?: AbortSignal) => json<LandPlan>('/api/plans/land', undefined, signal),
  reportPath: (year: number) => `/api/plans/report.xlsx?year=${year}`,
};

/** A file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取文件。'));
    r.readAsDataURL(file);
  });
}
