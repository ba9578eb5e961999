// What-if (a "reform", as OpenFisca calls it): changed values of a procedure's parameters with an effective date,
// applied to existing cases without touching them — each case is assessed as it stands and again with the
// changes added to the recorded values, and the differences are reported (decision, the findings that change).
// Nothing is written: a reform is a question, not a record.
import { z } from 'zod';
import { isoDate } from '../calendar/dates.js';
import { assessApplication } from './assess.js';
import type { GovernanceRecord } from './governance.js';
import type { LocalRow } from './parameters.js';
import type { Assessment, ProcedureDefinition } from './procedure.js';

export const ReformSchema = z.object({
  procedure: z.string().trim().min(1, '请选择办事事项').max(60),
  changes: z
    .array(
      z.object({
        key: z.string().trim().min(1, '请选择参数').max(100),
        scope: z.string().trim().max(40).default(''),
        value: z.union([z.number(), z.string().trim().min(1).max(4000)], { error: '请填写新值' }),
        effectiveFrom: isoDate('生效日期'),
      }),
      { error: '请填写要改变的参数（changes）' },
    )
    .min(1, '请至少改变一个参数')
    .max(20, '一次最多改变 20 个参数'),
  caseIds: z.array(z.string().trim().min(1).max(60)).max(500, '一次最多测算 500 件').optional(),
});
export type Reform = z.infer<typeof ReformSchema>;

export interface ReformLine {
  id: string;
  title: string;
  state: string;
  applicationDate: string;
  before: string;
  after: string;
  changed: boolean;
  /** The findings whose outcome or message differs: the rule, its article, before and after. */
  differences: { rule: string; cites: string; before: string; after: string }[];
}

const DECISION = { eligible: '符合', ineligible: '不符合' } as const;

/** The rows the changes add, as if recorded now (they win over earlier entries of the same date). */
export function hypotheticalRows(changes: Reform['changes']): LocalRow[] {
  return changes.map((c, i) => ({
    id: Number.MAX_SAFE_INTEGER - changes.length + i,
    key: c.key,
    scope: c.scope,
    effective_from: c.effectiveFrom,
    value_json: JSON.stringify(c.value),
    source: '测算（未生效）',
    entered_at: '9999-12-31T00:00:00Z',
  }));
}

export function reassess(
  p: ProcedureDefinition<any, any>,
  cases: { id: string; title: string; state: string; application: unknown }[],
  records: GovernanceRecord[],
  recorded: LocalRow[],
  changes: Reform['changes'],
): { lines: ReformLine[]; total: number; changed: number } {
  // Recorded rows keep their order; the hypothetical ones come last, so on the same effective date they win.
  const withChanges = [...recorded, ...hypotheticalRows(changes)].sort((a, b) =>
    a.effective_from < b.effective_from ? -1 : a.effective_from > b.effective_from ? 1 : 0,
  );
  const lines = cases.map((c) => {
    const before: Assessment = assessApplication(p, c.application, records, recorded);
    const after: Assessment = assessApplication(p, c.application, records, withChanges);
    const differences = after.findings
      .map((f) => {
        const b = before.findings.find((x) => x.rule === f.rule);
        return !b || b.outcome !== f.outcome || b.message !== f.message
          ? { rule: f.rule, cites: f.cites, before: b ? b.message : '（不适用）', after: f.message }
          : null;
      })
      .filter((d): d is NonNullable<typeof d> => d !== null);
    return {
      id: c.id,
      title: c.title,
      state: c.state,
      applicationDate: p.applicationDate(c.application as any),
      before: DECISION[before.decision],
      after: DECISION[after.decision],
      changed: before.decision !== after.decision,
      differences,
    };
  });
  return { lines, total: lines.length, changed: lines.filter((l) => l.changed).length };
}
