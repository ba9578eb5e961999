// Typed fetch helpers for the Zhengwu API (see src/gazette/routes.ts).
// The shapes come from the server's own types (type-only imports, erased at build).
import type { TocEntry, TocSection, Unit, Table as DocTableData } from '../../src/gazette/types';
import type { DocumentDetail, DocumentSummary, IssueDetail, SearchResult } from '../../src/gazette/library';
import type { ValidityStatus } from '../../src/gazette/validity';

export type { TocEntry, TocSection, Unit, DocTableData, DocumentSummary, ValidityStatus };
export type Validity = DocumentSummary['validity'];

export type Issue = Omit<IssueDetail, 'documents'>;
export type IssueWithDocuments = IssueDetail;
export type FullDocument = DocumentDetail;
export type Citation = DocumentDetail['citations'][number];
export type DocRef = DocumentDetail['citedBy'][number];
export type SearchResponse = SearchResult;
export type SearchHit = SearchResult['items'][number];
export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

/** An API error carrying the server's Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, '无法连接服务器，请检查网络后重试。');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body.message === 'string' ? body.message : `请求失败（HTTP ${res.status}）`;
    throw new ApiError(res.status, message, body?.error);
  }
  return body as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Path of a document page in the web app. */
export function docPath(id: string, anchor?: string | null): string {
  return `/docs/${encodeURIComponent(id)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}

export const api = {
  issues: (signal?: AbortSignal) => getJson<{ items: Issue[] }>('/api/issues', signal),
  issue: (id: string, signal?: AbortSignal) => getJson<IssueWithDocuments>(`/api/issues/${encodeURIComponent(id)}`, signal),
  documents: (params: { issue?: string; issuer?: string; kind?: string; validity?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    getJson<Paged<DocumentSummary>>(`/api/documents${query(params)}`, signal),
  document: (id: string, signal?: AbortSignal) => getJson<FullDocument>(`/api/documents/${encodeURIComponent(id)}`, signal),
  search: (params: { q: string; document?: string; issuer?: string; validity?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    getJson<SearchResponse>(`/api/search${query(params)}`, signal),
};
