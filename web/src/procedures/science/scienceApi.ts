// Fetch helpers for the science bureau's procedures: 揭榜挂帅 (src/procedures/jiebang/routes.ts)
// and 包干制 (src/procedures/baogan/routes.ts). Shapes come from the server with `import type`.
import { json as requestJson } from '../../caseApi';
import type { Agreement, FundingResult } from '../../../../src/procedures/jiebang/funding';
import type { Challenge, Demand } from '../../../../src/procedures/jiebang/form';
import type { ChallengerRecord } from '../../../../src/procedures/jiebang/procedure';
import type { BaoganProject } from '../../../../src/procedures/baogan/procedure';
import type { Expense } from '../../../../src/procedures/baogan/rules';

export type { Agreement, FundingResult, Challenge, Demand, ChallengerRecord, BaoganProject, Expense };
export type FundingInput = Partial<Agreement> & Pick<Agreement, 'type' | 'agreementAmount'>;

/** One published demand on the public 榜单 (GET /api/jiebang/list). */
export interface ListItem {
  id: string;
  version: number;
  /** For a signed-in unit: its own demand, or one it has already taken up. */
  mine: 'demander' | 'challenger' | null;
  status: string;
  state: string;
  title: string;
  type: Demand['type'];
  typeLabel: string;
  demander: string;
  county: string;
  background: string;
  content: string;
  keyTechnologies: { name: string; indicator: string }[];
  transferForm: string;
  timeLimitMonths: number;
  challengerRequirements: string;
  ipOwnership: string;
  benefitSharing: string;
  publishedOn: string | null;
  deadline: string | null;
  applicants: number;
  winner: string | null;
}

export interface Payment {
  caseId: string;
  project: string;
  kind: 'first' | 'remainder';
  date: string;
  amount: number;
  recipient: string;
  cites: string;
  explanation?: string;
}

export interface BaoganRules {
  categories: { id: string; label: string; cites: string; link: string }[];
  natures: Record<string, string>;
  negativeList: { id: string; summary: string; cites: string; link: string }[];
  commitmentText: string;
}

export interface SpotCheckDraw {
  drawId: string;
  date: string;
  poolSize: number;
  drawn: string[];
  method: string;
}

const call = <T>(path: string, body?: unknown, signal?: AbortSignal) => requestJson<T>(path, { body, signal });

export const scienceApi = {
  list: (signal?: AbortSignal) => call<{ items: ListItem[] }>('/api/jiebang/list', undefined, signal),
  funding: (input: FundingInput, signal?: AbortSignal) => call<FundingResult>('/api/jiebang/funding', input, signal),
  payments: (signal?: AbortSignal) => call<{ items: Payment[]; total: number }>('/api/jiebang/payments', undefined, signal),
  baoganRules: (signal?: AbortSignal) => call<BaoganRules>('/api/baogan/rules', undefined, signal),
  spotCheck: (count: number) => call<SpotCheckDraw>('/api/baogan/spot-checks', { count }),
};

/** 1234567.8 → "1,234,567.80 元（123.4568 万元）". */
export function yuan(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const s = n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return n >= 10000 ? `${s} 元（${(n / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 万元）` : `${s} 元`;
}

export const JIEBANG_DOCUMENT = '承市科规〔2022〕1号';
export const BAOGAN_DOCUMENT = '承市科规〔2022〕2号';
/** A link to an article of a document in the library. */
export const articleLink = (doc: string, article?: string) => `/docs/${encodeURIComponent(doc)}${article ? `#${encodeURIComponent(article)}` : ''}`;

export const TYPE_LABELS: Record<Demand['type'], string> = { tech_breakthrough: '技术攻关类', achievement_transfer: '成果转化类' };
export const CHALLENGER_STATUS: Record<ChallengerRecord['status'], { label: string; color: string }> = {
  applied: { label: '已揭榜', color: 'blue' },
  negotiating: { label: '对接中', color: 'processing' },
  racing: { label: '赛马中', color: 'orange' },
  winner: { label: '揭榜成功', color: 'green' },
  eliminated: { label: '未中选', color: 'default' },
};
