// The archive side of the library API: issues by year and page, a document as of a date.
import { api, type FullDocument, type Issue } from '../api';

export interface IssuePage {
  total: number;
  page: number;
  pageSize: number;
  year: number | null;
  years: { year: number; issues: number }[];
  items: Issue[];
}

export type Relation = FullDocument['relations']['outgoing'][number];

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body && typeof body.message === 'string' ? body.message : `请求失败（HTTP ${res.status}）`);
  return body as T;
}

export const libraryApi = {
  issues: (params: { page?: number; pageSize?: number; year?: number | null }, signal?: AbortSignal) => {
    const sp = new URLSearchParams();
    if (params.page) sp.set('page', String(params.page));
    if (params.pageSize) sp.set('pageSize', String(params.pageSize));
    if (params.year) sp.set('year', String(params.year));
    const q = sp.toString();
    return getJson<IssuePage>(`/api/issues${q ? `?${q}` : ''}`, signal);
  },
  /** A document, its status as of `asOf` when given (else today). */
  document: (id: string, asOf: string | null, signal?: AbortSignal) =>
    asOf ? getJson<FullDocument>(`/api/documents/${encodeURIComponent(id)}?asOf=${encodeURIComponent(asOf)}`, signal) : api.document(id, signal),
};
