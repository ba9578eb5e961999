// Typed fetch helpers for sign-in and the case engine (see src/auth/routes.ts, src/engine/routes.ts).
// Every case request carries the bearer token kept in localStorage; a 401 signs the user out
// and sends them to the login page with the server's message.
import type { Actor } from '../../src/auth/service';
import type { CaseEngine } from '../../src/engine/cases';
import type { GoverningDocumentStatus } from '../../src/engine/governance';
import type { Role, StateDef } from '../../src/engine/procedure';
import { ROLE_NAMES } from './platform/registry';
import type { Finding } from '../../src/engine/rules';
import type { HomesteadApplication } from '../../src/procedures/homestead/form';
import { ApiError } from './api';

export type { Actor, Role, Finding, GoverningDocumentStatus, HomesteadApplication };
export type CaseView = Awaited<ReturnType<CaseEngine['get']>>;
export type CaseSummary = Awaited<ReturnType<CaseEngine['list']>>['items'][number];
export type CaseList = Awaited<ReturnType<CaseEngine['list']>>;
export type Dashboard = Awaited<ReturnType<CaseEngine['dashboard']>>;
export type Deadline = NonNullable<CaseView['deadline']>;
export type CaseAction = CaseView['actions'][number];
export type TimelineEvent = CaseView['timeline'][number];

export interface CitedLimit {
  /** Working days, or calendar days / full years when the text counts those (calendarDays / calendarYears). */
  workdays: number;
  calendarDays?: boolean;
  calendarYears?: boolean;
  kind: 'due' | 'minimum';
  label: string;
  cites: string;
  link: string;
}
export interface ProcedureState extends Omit<StateDef, 'limit'> {
  actorLabel: string | null;
  limit: CitedLimit | null;
}
export interface ProcedureInfo {
  id: string;
  name: string;
  governingDocumentStatus: GoverningDocumentStatus;
  states: ProcedureState[];
  rules: { id: string; summary: string; cites: string; link: string }[];
  /** The figures the rules read (values at /parameters). */
  parameters: { key: string; label: string; unit: string; local: boolean }[];
  schema: unknown;
  recordSchema?: unknown;
  materials?: { label: string; note: string | null; cites: string; link: string }[];
  actions?: { id: string; label: string; from: string[]; roles: string[]; cites: string; link: string; decides: boolean; payloadSchema: unknown }[];
}
export interface Assessment {
  decision: 'eligible' | 'ineligible';
  findings: Finding[];
  needsConstructionPermit: boolean;
  governingDocumentStatus: GoverningDocumentStatus;
  ruleSet?: string;
}
export interface FieldIssue {
  field: string;
  message: string;
}
export interface CaseDocument {
  sha256: string;
  kind: string;
  name: string;
  size: number;
  mime: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** An API error that may name the fields at fault (400 with details). */
export class CaseApiError extends ApiError {
  constructor(
    status: number,
    message: string,
    code?: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(status, message, code);
  }
}

export { ROLE_NAMES };

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  county: string | null;
  township: string | null;
  village: string | null;
  unit: string | null;
  demo: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}
export interface UserList {
  total: number;
  page: number;
  pageSize: number;
  items: UserRow[];
}

const TOKEN_KEY = 'zhengwu.token';
export const UNAUTHORIZED_EVENT = 'zhengwu:unauthorized';

export const tokenStore = {
  get: () => {
    try {
      // sessionStorage: the sign-in ends with the browser tab and is not shared with other tabs or kept on disk.
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set: (t: string | null) => {
    try {
      if (t) sessionStorage.setItem(TOKEN_KEY, t);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* private mode: the session lasts as long as the page */
    }
  },
};

export interface RequestOptions {
  method?: string;
  body?: unknown;
  raw?: Blob | ArrayBuffer;
  contentType?: string;
  signal?: AbortSignal;
  /** Do not sign out on 401 (e.g. the login request itself). */
  noAuthRedirect?: boolean;
}

async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body, signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new CaseApiError(0, '无法连接服务器，请检查网络后重试。');
  }
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    const message = data && typeof data.message === 'string' ? data.message : `请求失败（HTTP ${res.status}）`;
    const details: FieldIssue[] = Array.isArray(data?.details) ? data.details.filter((d: unknown) => d && typeof d === 'object') : [];
    if (res.status === 401 && !opts.noAuthRedirect) {
      tokenStore.set(null);
      window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: message }));
    }
    throw new CaseApiError(res.status, message, data?.error, details);
  }
  return res;
}

/** JSON from the API with the signed-in user's token; errors carry the server's Chinese message. */
export async function json<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  return (await res.json()) as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Fetches a protected file and saves it under `fileName` (bearer token, so no plain link). */
/** `body`: a POST whose answer is the file (a 测算 exported as Excel). */
export async function downloadFile(path: string, fileName: string, body?: unknown): Promise<Blob> {
  const res = await send(path, { noAuthRedirect: false, ...(body !== undefined ? { body } : {}) });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return blob;
}

const enc = encodeURIComponent;

export type Progress = Awaited<ReturnType<CaseEngine['progress']>>;

export const caseApi = {
  /** 办件进度查询 (public). */
  progress: (caseId: string, idTail: string) => json<Progress>('/api/progress', { body: { caseId, idTail }, noAuthRedirect: true }),
  login: (username: string, password: string) =>
    json<{ token: string; expiresAt: string; actor: Actor }>('/api/auth/login', { body: { username, password }, noAuthRedirect: true }),
  logout: () => json<{ ok: boolean }>('/api/auth/logout', { method: 'POST', body: {}, noAuthRedirect: true }),
  me: (signal?: AbortSignal) => json<Actor>('/api/me', { signal }),
  changePassword: (current: string, next: string) => json<{ ok: boolean }>('/api/me/password', { body: { current, next }, noAuthRedirect: true }),
  users: (params: { q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => json<UserList>(`/api/users${query(params)}`, { signal }),
  addUser: (u: Record<string, unknown>) => json<UserRow>('/api/users', { body: u }),
  updateUser: (id: number, patch: Record<string, unknown>) => json<UserRow>(`/api/users/${id}`, { method: 'PATCH', body: patch }),
  resetPassword: (id: number, password: string) => json<{ ok: boolean }>(`/api/users/${id}/password`, { body: { password } }),
  removeUser: (id: number) => json<{ result: string; message: string }>(`/api/users/${id}`, { method: 'DELETE' }),

  procedure: (id: string, signal?: AbortSignal) => json<ProcedureInfo>(`/api/procedures/${enc(id)}`, { signal }),
  assess: (id: string, application: unknown, signal?: AbortSignal) =>
    json<Assessment>(`/api/procedures/${enc(id)}/assess`, { body: application, signal, noAuthRedirect: true }),
  /** `paperReason`: an official entering a paper application received before today says when and where. */
  submit: (id: string, application: unknown, paperReason?: string) =>
    json<CaseView>(`/api/procedures/${enc(id)}/cases${paperReason ? `?paperReason=${encodeURIComponent(paperReason)}` : ''}`, { body: application }),

  cases: (params: { procedure?: string; state?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    json<CaseList>(`/api/cases${query(params)}`, { signal }),
  case: (id: string, signal?: AbortSignal) => json<CaseView>(`/api/cases/${enc(id)}`, { signal }),
  act: (id: string, action: string, body: { version: number; date?: string; payload?: unknown }) =>
    json<CaseView>(`/api/cases/${enc(id)}/actions/${enc(action)}`, { body }),
  inbox: (signal?: AbortSignal) => json<{ items: CaseSummary[] }>('/api/inbox', { signal }),
  dashboard: (signal?: AbortSignal) => json<Dashboard>('/api/dashboard', { signal }),

  documents: (id: string, signal?: AbortSignal) => json<{ items: CaseDocument[] }>(`/api/cases/${enc(id)}/documents`, { signal }),
  upload: (id: string, kind: string, file: File) =>
    json<Omit<CaseDocument, 'uploadedAt' | 'uploadedBy'>>(`/api/cases/${enc(id)}/documents${query({ kind, name: file.name })}`, {
      method: 'POST',
      raw: file,
      contentType: file.type || 'application/octet-stream',
    }),
  documentPath: (id: string, sha256: string) => `/api/cases/${enc(id)}/documents/${enc(sha256)}`,
  certificatePath: (id: string, kind: 'planning-permit' | 'homestead-approval') => `/api/cases/${enc(id)}/certificates/${kind}`,
  ledgerPath: () => '/api/homestead/ledger.xlsx',
  quarterlyPath: (year: number, quarter: number) => `/api/homestead/quarterly.xlsx${query({ year, quarter })}`,
};

/** "field.path.0.x" → ['field', 'path', 0, 'x'] for AntD Form. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export interface NotificationItem {
  id: number;
  caseId: string | null;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
export interface NotificationList {
  total: number;
  unread: number;
  page: number;
  pageSize: number;
  items: NotificationItem[];
}
export interface SupervisionItem {
  id: number;
  caseId: string;
  caseTitle: string;
  procedure: string;
  state: string;
  breachedDue: string;
  supervisorLabel: string;
  openedOn: string;
  status: 'open' | 'answered' | 'closed';
  newDue: string | null;
  comments: { at: string; by: string; text: string; newDue?: string | null }[];
  closedOn: string | null;
  closingNote: string | null;
  citation: string;
  ageDays: number;
  canHandle: boolean;
}

export const timeApi = {
  notifications: (params: { page?: number; unread?: '1' }, signal?: AbortSignal) => json<NotificationList>(`/api/notifications${query(params)}`, { signal }),
  markRead: (id: number | 'all') =>
    json<{ marked: number }>(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`, { method: 'POST', body: {} }),
  supervision: (params: { status?: string; page?: number }, signal?: AbortSignal) =>
    json<{ total: number; page: number; pageSize: number; items: SupervisionItem[] }>(`/api/supervision${query(params)}`, { signal }),
  handleSupervision: (id: number, body: { action: 'comment' | 'close' | 'reopen'; text: string; newDue?: string | null }) =>
    json<SupervisionItem>(`/api/supervision/${id}`, { body }),
};

/** An instant as a person in China reads it: YYYY-MM-DD HH:mm, Beijing time (the server stores UTC). */
export function beijingTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
