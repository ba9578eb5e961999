// The registration API (src/registration/routes.ts) as the web calls it.
import { json } from '../caseApi';

export interface Place {
  code: string;
  name: string;
}

export interface RegistrationItem {
  id: number;
  userId: number;
  kind: 'applicant' | 'enterprise';
  name: string;
  phone: string;
  county: string;
  township: string | null;
  village: string | null;
  unit: string | null;
  creditCode: string | null;
  idNumber: string | null;
  status: 'pending_code' | 'pending' | 'active' | 'rejected';
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  mustChangePassword?: boolean;
}

export interface Registered {
  id: number;
  status: 'pending_code' | 'pending';
  username: string;
  message: string;
  resendAfter: number | null;
}

const quiet = { noAuthRedirect: true };

export const registrationApi = {
  channel: (signal?: AbortSignal) => json<{ sms: boolean }>('/api/auth/channel', { signal }),
  counties: (signal?: AbortSignal) => json<{ items: Place[] }>('/api/areas', { signal }),
  townships: (county: string, signal?: AbortSignal) => json<{ items: Place[] }>(`/api/areas/${encodeURIComponent(county)}`, { signal }),
  villages: (county: string, township: string, signal?: AbortSignal) =>
    json<{ items: Place[] }>(`/api/areas/${encodeURIComponent(county)}/${encodeURIComponent(township)}`, { signal }),
  register: (body: object) => json<Registered>('/api/register', { body, ...quiet }),
  verify: (phone: string, code: string) => json<{ status: string; message: string }>('/api/register/verify', { body: { phone, code }, ...quiet }),
  resend: (phone: string) => json<{ message: string }>('/api/register/resend', { body: { phone }, ...quiet }),
  requestReset: (phone: string) => json<{ message: string }>('/api/auth/reset/request', { body: { phone }, ...quiet }),
  confirmReset: (phone: string, code: string, password: string) =>
    json<{ message: string }>('/api/auth/reset/confirm', { body: { phone, code, password }, ...quiet }),
  list: (status?: string, signal?: AbortSignal) => json<{ items: RegistrationItem[] }>(`/api/registrations${status ? `?status=${status}` : ''}`, { signal }),
  accounts: (signal?: AbortSignal) => json<{ items: RegistrationItem[] }>('/api/registrations/accounts', { signal }),
  confirm: (id: number) => json<{ message: string }>(`/api/registrations/${id}/confirm`, { method: 'POST', body: {} }),
  reject: (id: number, reason: string) => json<{ message: string }>(`/api/registrations/${id}/reject`, { body: { reason } }),
  temporaryPassword: (userId: number) =>
    json<{ temporaryPassword: string; message: string }>(`/api/users/${userId}/temporary-password`, { method: 'POST', body: {} }),
};
