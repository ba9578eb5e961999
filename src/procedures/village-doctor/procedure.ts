// 乡村医生免试执业注册 (隆政办规〔2022〕1号 一、（二）): the township health centre files for a fresh medical
// graduate it means to place in a village clinic; the county health bureau reviews and registers or refuses.
// The text sets no time limit for the review, so the state has none. Registration opens the doctor's entry in the register.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { evaluate, type Rule, type RuleSet } from '../../engine/rules.js';
import { PersonSchema } from './person.js';
import { entryFor, PostingSchema, ROSTER } from './roster.js';
import { cite, VILLAGE_DOCTOR_PARAMETERS, VILLAGE_DOCTOR_RULES_2022 } from './rules.js';

export const ApplicationSchema = z.object({ candidate: PersonSchema, posting: PostingSchema });
export type VillageDoctorApplication = z.infer<typeof ApplicationSchema>;
type A = VillageDoctorApplication;

// The person's rules, read on the candidate; the application date is the candidate's asOf.
export const APPLICATION_RULES: RuleSet<A> = {
  ...VILLAGE_DOCTOR_RULES_2022,
  rules: VILLAGE_DOCTOR_RULES_2022.rules.map((r): Rule<A> => ({ ...r, check: (a, ctx) => r.check(a.candidate, ctx) })),
};

const withoutExamCite = cite('一、（二）');
const reason = z.object({ reason: z.string().trim().min(2, '请填写理由').max(1000).meta({ title: '不予注册的理由', 'x-widget': 'textarea' }) });

export const villageDoctorProcedure: ProcedureDefinition<A, object> = {
  id: 'village-doctor',
  name: '乡村医生免试执业注册',
  idPrefix: 'XCY',
  version: 1,
  applicationSchema: ApplicationSchema,
  recordSchema: z
    .object({
      registeredOn: isoDate('注册日期').optional(),
      refusal: z
        .object({ date: isoDate('决定日期'), reason: z.string().meta({ title: '理由' }) })
        .optional()
        .meta({ title: '不予注册' }),
    })
    .strict(),
  filedBy: ['health_centre'],
  access: { read: { health_centre: 'township', county_health: 'county' } },
  ruleSets: [APPLICATION_RULES],
  parameters: Object.values(VILLAGE_DOCTOR_PARAMETERS),
  applicationDate: (a) => a.candidate.asOf,
  jurisdiction: (a) => ({ county: a.posting.county, township: a.posting.township, village: a.posting.village }),
  initialState: () => 'county_review',
  assess: (a, set, parameter) => {
    const findings = evaluate(set.rules, a, { date: a.candidate.asOf, parameter });
    return { decision: findings.some((f) => f.outcome === 'fail') ? 'ineligible' : 'eligible', findings };
  },
  states: [
    { id: 'county_review', label: '县卫健审核', actor: 'county_health' },
    { id: 'registered', label: '准予注册', actor: null, terminal: true },
    { id: 'refused', label: '不予注册', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'approve',
      label: '准予免试注册',
      from: ['county_review'],
      roles: ['county_health'],
      citation: withoutExamCite,
      consultsRules: true,
      decides: true,
      guard: (c) => {
        const a = c.assessment();
        return a.decision === 'ineligible'
          ? `不符合免试注册条件：${a.findings
              .filter((f) => f.outcome === 'fail')
              .map((f) => `${f.cites}（${f.message}）`)
              .join('；')}`
          : null;
      },
      payload: z.object({ certificateNo: z.string().trim().min(1, '请填写乡村医生执业证书编号').max(40).meta({ title: '乡村医生执业证书编号' }) }),
      to: 'registered',
      record: (c) => ({ registeredOn: c.date }),
      // The registered doctor enters the county's register (花名册), posted where the application said.
      opens: (c, p: { certificateNo: string }) => ({
        procedure: ROSTER,
        application: entryFor({
          person: c.application.candidate,
          certificateNo: p.certificateNo,
          basis: 'without_exam',
          posting: c.application.posting,
          date: c.date,
        }),
      }),
    },
    {
      id: 'refuse',
      label: '不予注册',
      from: ['county_review'],
      roles: ['county_health'],
      citation: withoutExamCite,
      decides: true,
      payload: reason,
      to: 'refused',
      record: (c, p) => ({ refusal: { date: c.date, reason: p.reason } }),
    },
  ],
  documentKinds: [
    { kind: 'diploma', label: '毕业证书' },
    { kind: 'id_card', label: '身份证' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  title: (a) => `${a.candidate.name} · ${a.posting.township}${a.posting.village}`,
};
