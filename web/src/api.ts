// Typed fetch helpers for the Zhengwu API (see src/gazette/routes.ts).
// The shapes come from the server's own types (type-only imports, erased at build).
import type { TocEntry, TocSection, Unit, Table as DocTableData } from '../../src/gazette/types';
import type { DocumentSummary } from '../../src/gazette/library';
import type { ValidityStatus } from '../../src/gazette/validity';

export type { TocEntry, TocSection, Unit, DocTableData, DocumentSummary, ValidityStatus };
export type Validity = DocumentSummary['validity'];

export interface Issue {
  id: string;
  number: string;
  title: string;
  editor: string | null;
  toc: TocSection[];
  warnings: string[];
}

export interface IssueWithDocuments extends Issue {
  documents: DocumentSummary[];
}

export interface Citation {
  number: string;
  anchor: string | null;
  inLibrary: boolean;
  link: string | null;
}

export interface DocRef {
  id: string;
  title: string;
}

export interface FullDocument {
  seq: number;
  id: string;
  kind: 'notice' | 'interpretation';
  number: string | null;
  title: string;
  documentTitle: string | null;
  issuer: string | null;
  date: string | null;
  recipients: string | null;
  noticeText: string | null;
  interprets: string | null;
  validFrom: string | null;
  validUntil: string | null;
  validityText: string | null;
  validity: Validity;
  units: Unit[];
  tables: DocTableData[];
  attachments: { label: string; title: string }[];
  citations: Citation[];
  interpretations: DocRef[];
  citedBy: DocRef[];
  truncated: boolean;
  articleCount: number;
  issueId: string;
}

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface SearchHit {
  docId: string;
  docTitle: string;
  number: string | null;
  issuer: string | null;
  anchor: string | null;
  label: string | null;
  snippet: string;
  score: number;
  validity: Validity;
  link: string;
}

export interface SearchResponse extends Paged<SearchHit> {
  query: string;
}

/** An API error carrying the server's Chinese message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string) {
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
  documents: (
    params: { issue?: string; issuer?: string; kind?: string; validity?: string; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ) => getJson<Paged<DocumentSummary>>(`/api/documents${query(params)}`, signal),
  document: (id: string, signal?: AbortSignal) => getJson<FullDocument>(`/api/documents/${encodeURIComponent(id)}`, signal),
  search: (
    params: { q: string; document?: string; issuer?: string; validity?: string; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ) => getJson<SearchResponse>(`/api/search${query(params)}`, signal),
};
