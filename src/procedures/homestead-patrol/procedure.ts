// 动态巡查 (隆政发〔2022〕11号 第三十一条): patrol records by grid, and the
// handling of violations found (未批先建, 不按规划许可证和批准书要求建设).
import { isoDate } from '../../calendar/dates.js';
import { z } from 'zod';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import type { Citation } from '../../engine/rules.js';
import { HOMESTEAD_RULES_2022 } from '../homestead/rules.js';

const DOC = '隆政发〔2022〕11号';
const art31: Citation = { document: DOC, article: '第三十一条', item: null };
const art30: Citation = { document: DOC, article: '第三十条', item: null };

export const VIOLATION_TYPES = ['未批先建', '不按照规划许可证和批准书要求建设', '超面积占用宅基地', '其他'] as const;

export const PatrolRecordSchema = z.object({
  applicationDate: isoDate('巡查日期').meta({ 'x-widget': 'receipt-date' }),
  county: z.string().trim().min(1, '请填写县').max(40).meta({ title: '县（市、区）' }),
  township: z.string().trim().min(1, '请填写乡镇').max(40).meta({ title: '乡镇' }),
  village: z.string().trim().min(1, '请填写村').max(40).meta({ title: '村' }),
  grid: z.string().trim().min(1, '请填写责任网格').max(100).meta({ title: '责任网格' }),
  patrollers: z.array(z.string().trim().min(1).max(30)).min(1, '请填写巡查人员').max(20).meta({ title: '巡查人员' }),
  findings: z.string().trim().min(2, '请填写巡查情况').max(2000).meta({ title: '巡查情况' }),
  violations: z
    .array(
      z.object({
        type: z.enum(VIOLATION_TYPES, { error: `违法类型应为：${VIOLATION_TYPES.join('、')}` }).meta({ title: '违法类型' }),
        location: z.string().trim().min(1, '请填写位置').max(200).meta({ title: '位置' }),
        party: z.string().trim().min(1, '请填写当事人').max(50).meta({ title: '当事人' }),
        description: z.string().trim().min(2, '请描述违法行为').max(1000).meta({ title: '违法行为描述' }),
        source: z
          .enum(['patrol', 'report'], { error: '来源应为 patrol（巡查发现）或 report（举报）' })
          .default('patrol')
          .meta({ title: '来源', 'x-labels': { patrol: '巡查发现', report: '群众举报' } }),
      }),
    )
    .max(50)
    .default([])
    .meta({ title: '发现的违法违规建房', description: '未批先建、不按规划许可证和批准书要求建设等（第三十一条）；没有则不填' }),
});
export type PatrolRecord = z.infer<typeof PatrolRecordSchema>;

const text = z.object({ note: z.string().trim().min(2, '请填写情况说明').max(2000).meta({ title: '情况说明' }) });

export const patrolProcedure: ProcedureDefinition<PatrolRecord, object> = {
  id: 'homestead-patrol',
  name: '农村用地建房动态巡查',
  idPrefix: 'XC',
  applicationSchema: PatrolRecordSchema,
  recordSchema: z
    .object({
      stopOrder: z
        .object({ date: isoDate('责令日期'), note: z.string().meta({ title: '情况说明' }) })
        .optional()
        .meta({ title: '责令停止建设' }),
      penalty: z
        .object({ date: isoDate('决定日期'), note: z.string().meta({ title: '情况说明' }) })
        .optional()
        .meta({ title: '行政处罚决定' }),
      unfounded: z
        .object({ date: isoDate('结案日期'), note: z.string().meta({ title: '核查情况' }) })
        .optional()
        .meta({ title: '经查不属实' }),
    })
    .strict(),
  filedBy: ['village', 'township'],
  access: { read: { village: 'village', township: 'township', county: 'county' }, upload: ['village', 'township'] },
  ruleSets: [
    { id: 'patrol-2022', governingDocument: DOC, period: HOMESTEAD_RULES_2022.period, validityCitation: HOMESTEAD_RULES_2022.validityCitation, rules: [] },
  ],
  applicationDate: (a) => a.applicationDate,
  jurisdiction: (a) => ({ county: a.county, township: a.township, village: a.village }),
  initialState: (a) => (a.violations.length ? 'investigation' : 'recorded'),
  startStates: ['investigation', 'recorded'],
  assess: (a) => ({
    decision: 'eligible',
    findings: [
      {
        rule: 'patrol_record',
        outcome: a.violations.length ? 'fail' : 'pass',
        citation: art31,
        cites: `${DOC} 第三十一条`,
        link: `/docs/${encodeURIComponent(DOC)}#${encodeURIComponent('第三十一条')}`,
        message: a.violations.length
          ? `发现 ${a.violations.length} 处违法行为（${a.violations.map((v) => v.type).join('、')}），应依法查处，做到“早发现、早制止、早报告、严查处”。`
          : '巡查未发现违法用地建房行为。',
      },
    ],
  }),
  states: [
    { id: 'recorded', label: '巡查已记录（无违法行为）', actor: null, terminal: true },
    { id: 'investigation', label: '违法行为查处', actor: 'township' },
    { id: 'stopped', label: '已责令停止建设', actor: 'township' },
    { id: 'handled', label: '已依法查处', actor: null, terminal: true },
    { id: 'unfounded', label: '经查不属实', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'order_stop',
      label: '责令停止建设（在建工程经审批后再施工）',
      from: ['investigation'],
      roles: ['township'],
      citation: art31,
      payload: text,
      to: 'stopped',
      record: (c, p) => ({ stopOrder: { date: c.date, note: p.note } }),
    },
    {
      id: 'penalize',
      decides: true,
      label: '作出行政处罚决定',
      from: ['investigation', 'stopped'],
      roles: ['township'],
      citation: art30,
      payload: text,
      to: 'handled',
      record: (c, p) => ({ penalty: { date: c.date, note: p.note } }),
    },
    {
      id: 'close_unfounded',
      label: '经查不属实，结案',
      from: ['investigation'],
      roles: ['township'],
      citation: art31,
      payload: text,
      to: 'unfounded',
      record: (c, p) => ({ unfounded: { date: c.date, note: p.note } }),
    },
  ],
  documentKinds: [
    { kind: 'photo', label: '现场照片' },
    { kind: 'decision', label: '处罚决定书' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  title: (a) => `巡查 · ${a.village} · ${a.grid}${a.violations.length ? ` · 违法 ${a.violations.length} 处` : ''}`,
};
