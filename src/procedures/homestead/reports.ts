// The township ledger (宅基地用地建房审批管理台账) and the quarterly report to the
// county (第十六条第四款第（五）项: 每个季度末将审批办理情况报县有关部门备案).
import { addSheet, toBuffer, workbook } from '../../reports/xlsx.js';
import type { CaseEngine } from '../../engine/cases.js';
import type { Actor } from '../../auth/service.js';

type Row = Awaited<ReturnType<CaseEngine['rows']>>[number];

export const LEDGER_COLUMNS: { key: string; header: string; width: number; value: (r: Row) => string | number | null }[] = [
  { key: 'id', header: '案件编号', width: 22, value: (r) => r.id },
  { key: 'applicant', header: '申请人', width: 10, value: (r) => r.application.applicant.name },
  { key: 'township', header: '乡镇（街道）', width: 12, value: (r) => r.jurisdiction.township },
  { key: 'village', header: '村', width: 12, value: (r) => r.jurisdiction.village },
  { key: 'applicationDate', header: '申请日期', width: 12, value: (r) => r.applicationDate },
  { key: 'owner', header: '土地所有权', width: 10, value: (r) => (r.application.plot.owner === 'group' ? '村民小组' : '村集体') },
  { key: 'type', header: '建房类型', width: 10, value: (r) => r.application.building.type },
  { key: 'plotArea', header: '用地面积（㎡）', width: 12, value: (r) => r.application.plot.area },
  { key: 'floorArea', header: '建筑面积（㎡）', width: 12, value: (r) => r.application.building.floorArea },
  { key: 'floors', header: '层数', width: 6, value: (r) => r.application.building.floors },
  { key: 'state', header: '当前环节', width: 18, value: (r) => r.state.label },
  { key: 'approvedOn', header: '批准日期', width: 12, value: (r) => r.record.approval?.date ?? null },
  { key: 'refusedOn', header: '不予批准日期', width: 12, value: (r) => r.record.refusal?.date ?? null },
  { key: 'stakeout', header: '开工查验（二到场）', width: 14, value: (r) => r.record.stakeout?.date ?? null },
  { key: 'acceptance', header: '竣工验收（三到场）', width: 14, value: (r) => r.record.acceptance?.date ?? null },
  { key: 'due', header: '本环节期限', width: 12, value: (r) => (r.deadline as { due?: string } | null)?.due ?? null },
  {
    key: 'dueStatus',
    header: '期限状态',
    width: 10,
    value: (r) =>
      (({ overdue: '逾期', due_soon: '临期', on_time: '正常', unknown: '无法计算' }) as Record<string, string>)[
        (r.deadline as { status?: string } | null)?.status ?? ''
      ] ?? '',
  },
  { key: 'flags', header: '提示', width: 30, value: (r) => r.flags.map((f) => `${f.message}（${f.cites}）`).join('；') },
];

export async function ledger(engine: CaseEngine, actor: Actor) {
  const rows = await engine.rows(actor, 'homestead');
  return {
    columns: LEDGER_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    rows: rows.map((r) => Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.value(r)]))),
  };
}

const inQuarter = (date: string | undefined | null, year: number, quarter: number) => {
  if (!date) return false;
  const m = Number(date.slice(5, 7));
  return Number(date.slice(0, 4)) === year && Math.ceil(m / 3) === quarter;
};

export async function quarterlyReport(engine: CaseEngine, actor: Actor, year: number, quarter: number) {
  const rows = await engine.rows(actor, 'homestead');
  const by = new Map<
    string,
    {
      township: string;
      received: number;
      approved: number;
      refused: number;
      villageRefused: number;
      accepted: number;
      registered: number;
      overdueOpen: number;
      approvedArea: number;
    }
  >();
  for (const r of rows) {
    const t = r.jurisdiction.township;
    const e = by.get(t) ?? {
      township: t,
      received: 0,
      approved: 0,
      refused: 0,
      villageRefused: 0,
      accepted: 0,
      registered: 0,
      overdueOpen: 0,
      approvedArea: 0,
    };
    if (inQuarter(r.applicationDate, year, quarter)) e.received++;
    if (inQuarter(r.record.approval?.date, year, quarter)) {
      e.approved++;
      e.approvedArea += r.application.plot.area;
    }
    if (inQuarter(r.record.refusal?.date, year, quarter)) e.refused++;
    if (r.state.id === 'refused_by_village' && inQuarter(r.applicationDate, year, quarter)) e.villageRefused++;
    if (r.record.acceptance?.passed && inQuarter(r.record.acceptance.date, year, quarter)) e.accepted++;
    if (inQuarter(r.record.registrationHandoff, year, quarter)) e.registered++;
    if ((r.deadline as { status?: string } | null)?.status === 'overdue') e.overdueOpen++;
    by.set(t, e);
  }
  const townships = [...by.values()].sort((a, b) => a.township.localeCompare(b.township, 'zh'));
  const approvals = rows.filter((r) => inQuarter(r.record.approval?.date, year, quarter));
  return {
    year,
    quarter,
    title: `${year}年第${quarter}季度农村宅基地审批办理情况`,
    townships,
    approvals: approvals.map((r) => Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.value(r)]))),
  };
}

export async function ledgerXlsx(engine: CaseEngine, actor: Actor): Promise<Buffer> {
  const l = await ledger(engine, actor);
  const wb = workbook();
  addSheet(
    wb,
    '审批管理台账',
    LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    l.rows,
  );
  return toBuffer(wb);
}

export async function quarterlyXlsx(engine: CaseEngine, actor: Actor, year: number, quarter: number): Promise<Buffer> {
  const q = await quarterlyReport(engine, actor, year, quarter);
  const wb = workbook();
  addSheet(
    wb,
    '分乡镇统计',
    [
      { header: '乡镇（街道）', key: 'township', width: 14 },
      { header: '本季受理', key: 'received', width: 10 },
      { header: '本季批准', key: 'approved', width: 10 },
      { header: '批准用地面积（㎡）', key: 'approvedArea', width: 16 },
      { header: '本季不予批准', key: 'refused', width: 12 },
      { header: '村组审查未通过', key: 'villageRefused', width: 14 },
      { header: '竣工验收合格', key: 'accepted', width: 12 },
      { header: '移交不动产登记', key: 'registered', width: 14 },
      { header: '在办逾期', key: 'overdueOpen', width: 10 },
    ],
    q.townships,
  );
  addSheet(
    wb,
    '本季批准明细',
    LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    q.approvals,
  );
  return toBuffer(wb);
}
