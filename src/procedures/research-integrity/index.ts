// 科研诚信记录 (承市政办字〔2022〕46号 三、（二）：将科技成果评价失信行为纳入科研诚信管理体系): one case per record, entered
// by 市科技局 (or opened by a science evaluation that finds misconduct), withdrawn only with a reason. The science
// procedures consult it: 揭榜挂帅's "近 3 年无不良信用记录" (承市科规〔2022〕1号 第五条、第六条) is read from these
// records where one exists for the unit, not only from the unit's own declaration.
import { z } from 'zod';
import { addYears, isoDate } from '../../calendar/dates.js';
import type { ProcedureDefinition, RelatedCase } from '../../engine/procedure.js';
import type { Citation, RuleSet } from '../../engine/rules.js';
import type { ProcedureModule } from '../shared/module.js';
import { EXPERT, SCIENCE_BUREAU } from '../shared/science-roles.js';

export const INTEGRITY = 'research-integrity';
export const EVALUATION_DOCUMENT = '承市政办字〔2022〕46号';
const cite = (article: string): Citation => ({ document: EVALUATION_DOCUMENT, article, item: null });

export const CONDUCTS = {
  fabrication: '在评价中弄虚作假',
  assisting_fraud: '协助他人骗取评价',
  benefit_transfer: '利益输送',
  undeclared_conflict: '隐瞒利益关联、应回避未回避',
  other: '其他违法违规行为',
} as const;
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const RecordSchema = z
  .object({
    subject: z
      .object({
        kind: z.enum(['unit', 'person'], { error: '请选择单位或个人' }).meta({ title: '对象', 'x-labels': { unit: '单位', person: '个人' } }),
        name: z.string().trim().min(2, '请填写单位或个人名称').max(100).meta({ title: '名称（单位全称或姓名）' }),
        unit: z.string().trim().max(100).default('').meta({ title: '所在单位（个人）' }),
      })
      .meta({ title: '失信对象' }),
    conduct: z.enum(keys(CONDUCTS), { error: '请选择失信行为' }).meta({ title: '失信行为', 'x-labels': CONDUCTS }),
    finding: z.string().trim().min(10, '请写明查实的事实（至少 10 字）').max(2000).meta({ title: '查实的事实', 'x-widget': 'textarea' }),
    decidedOn: isoDate('认定日期').meta({ title: '认定日期', format: 'date' }),
    basis: z.string().trim().min(4, '请填写认定文书').max(200).meta({ title: '认定文书（文号）' }),
    source: z.string().trim().max(60).default('').meta({ title: '来源案件（科技成果评价编号）' }),
  })
  .meta({ title: '科研诚信失信记录' });
export type IntegrityRecord = z.infer<typeof RecordSchema>;

const NO_RULES: RuleSet<IntegrityRecord> = {
  id: 'integrity-2022',
  governingDocument: EVALUATION_DOCUMENT,
  period: { from: '2022-06-20', until: null },
  validityCitation: null,
  rules: [],
};

export const integrityProcedure: ProcedureDefinition<IntegrityRecord, object> = {
  id: INTEGRITY,
  name: '科研诚信失信记录',
  idPrefix: 'KYCX',
  version: 1,
  applicationSchema: RecordSchema,
  recordSchema: z.object({ revocation: z.object({ date: z.string(), reason: z.string() }).optional() }).strict(),
  filedBy: ['science_bureau'],
  access: { read: { science_bureau: 'all' }, upload: ['science_bureau'] },
  ruleSets: [NO_RULES],
  applicationDate: (a) => a.decidedOn,
  jurisdiction: () => ({ county: '', township: '', village: '' }),
  initialState: () => 'recorded',
  assess: () => ({ decision: 'eligible', findings: [] }),
  states: [
    { id: 'recorded', label: '在册', actor: null },
    { id: 'revoked', label: '已撤销', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'revoke',
      label: '撤销记录（复核纠正）',
      from: ['recorded'],
      roles: ['science_bureau'],
      citation: cite('三、（二）'),
      payload: z.object({ reason: z.string().trim().min(4, '请写明撤销理由').max(1000).meta({ title: '撤销理由', 'x-widget': 'textarea' }) }),
      to: 'revoked',
      record: (c, p: { reason: string }) => ({ revocation: { date: c.date, reason: p.reason } }),
    },
  ],
  documentKinds: [{ kind: 'decision', label: '认定文书' }],
  certificates: [],
  title: (a) => `${a.subject.name}：${CONDUCTS[a.conduct]}（${a.decidedOn}）`,
};

const norm = (s: string) => s.replace(/\s/g, '');
/**
 * The records in force against a unit (or a person of it) within the 3 years before a day — what 揭榜挂帅's
 * "近 3 年无不良信用记录" rests on. `related`: the cases of INTEGRITY an action read (states ['recorded']).
 */
export function recordsAgainst(related: RelatedCase[], unit: string, on: string): { id: string; record: IntegrityRecord }[] {
  return related
    .filter((r) => r.procedure === INTEGRITY && r.state === 'recorded')
    .map((r) => ({ id: r.id, record: r.application as IntegrityRecord }))
    .filter(
      ({ record }) =>
        (norm(record.subject.name) === norm(unit) || norm(record.subject.unit) === norm(unit)) && record.decidedOn <= on && addYears(record.decidedOn, 3) > on,
    );
}

export const integrityModule: ProcedureModule = {
  definition: integrityProcedure,
  roles: [SCIENCE_BUREAU, EXPERT],
  ui: { summary: '市科技局登记科技成果评价等活动中查实的失信行为，纳入科研诚信管理（承市政办字〔2022〕46号 三、（二））', group: '科技' },
  example: {
    filer: 'kjj',
    application: {
      subject: { kind: 'unit', name: '承德某失信评价咨询有限公司', unit: '' },
      conduct: 'fabrication',
      finding: '在科技成果评价中提供虚假的技术交易合同，经核查属实。',
      decidedOn: '2026-10-15',
      basis: '承市科信〔2026〕1号',
      source: '',
    },
  },
};
