// 年度监测报告 (annual monitoring report) as an Excel workbook: a summary by
// plan and department, every indicator with its figure, path value and status,
// the data-quality flags, the tasks with their units, and each task's progress
// for the year (承市政办字〔2022〕49号 四、（一）：年度任务清单和工作台账) with 逾期 and 督办.
import { addSheet, toBuffer, workbook } from '../reports/xlsx.js';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { COMPARISON_LABEL } from './figures.js';
import { todayIso } from '../calendar/dates.js';
import { catalogue, dashboard, indicatorViews, visibleTo } from './service.js';
import { STATUS_LABEL } from './status.js';
import { leadUnits, progressOf, taskVisibleTo } from './tasks.js';
import { bracketGroups, isResponsibility } from './units.js';

/**
 * The plans require yearly monitoring plus a mid-term and a final evaluation
 * (e.g. 51号 三、（三）"开展残疾预防中期及终期评估") without dating them; for
 * 2021—2025 plans the mid-term is taken as 2023 and the final as 2025.
 */
export function evaluationOf(year: number): string | null {
  return year === 2023 ? '中期评估' : year === 2025 ? '终期评估' : null;
}

/** A task's text for a table cell: one line, without the printed responsibility note, at most `max` characters. */
export function shortTaskText(text: string, max = 80): string {
  let t = text.replace(/\s+/g, '');
  for (const g of bracketGroups(t).reverse()) if (isResponsibility(g.inner)) t = t.slice(0, g.start) + t.slice(g.end);
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

export async function annualReport(db: Db, actor: Actor, year: number, today = todayIso()) {
  const views = (await indicatorViews(db, actor, year)).filter((v) => v.period === '十四五' && !v.restates && visibleTo(actor, v));
  const dash = await dashboard(db, actor, year, {}, today);
  const cat = await catalogue(db);
  const visibleTasks = cat.tasks.filter((t) => taskVisibleTo(actor, t));
  const progress = await progressOf(db, visibleTasks, year, today);
  const openSupervisions = dash.tasks.supervisions;
  return {
    title: `承德市规划实施${year}年度监测报告${evaluationOf(year) ? `（${evaluationOf(year)}）` : ''}`,
    year,
    dash,
    indicators: views.map((v) => ({
      id: v.id,
      document: v.document,
      plan: v.plan,
      category: v.category ?? '',
      name: v.name,
      unit: v.unit ?? '',
      attribute: v.attribute ?? '未标注',
      baseline: v.baseline.text ? `${v.baseline.text}（${v.baseline.year ?? ''}年）` : '—',
      target: v.target.text ? `${v.target.text}（${v.target.year}年）` : '（空白）',
      comparison: COMPARISON_LABEL[v.comparison],
      value:
        v.status.value ??
        (v.reports.find((r) => r.year === year)?.assessment
          ? STATUS_LABEL[v.reports.find((r) => r.year === year)!.assessment as keyof typeof STATUS_LABEL]
          : ''),
      expected: v.status.expected ?? '',
      status: STATUS_LABEL[v.status.status],
      reason: v.status.reason,
      note: v.reports.find((r) => r.year === year)?.note ?? '',
      version: v.reports.find((r) => r.year === year)?.version ?? '',
      reporter: v.reporter,
      citation: v.citation.text,
      flags: v.flags.map((f) => f.message).join('；'),
    })),
    tasks: cat.tasks.map((t) => ({
      document: t.document,
      plan: t.plan,
      anchor: t.anchor,
      title: t.title,
      dueYear: t.dueYear,
      lead: t.units
        .filter((u) => u.role === 'lead')
        .map((u) => u.unit)
        .join('、'),
      co: t.units
        .filter((u) => u.role === 'co')
        .map((u) => u.unit)
        .join('、'),
      implementing: t.units
        .filter((u) => u.role === 'implementing')
        .map((u) => u.unit)
        .join('、'),
      note: t.note ?? '',
    })),
    taskProgress: visibleTasks.map((t) => {
      const p = progress.get(t.id)!;
      const sup = openSupervisions.filter((x) => x.taskId === t.id);
      return {
        plan: `${t.plan}（${t.document}）`,
        citation: t.citation,
        text: shortTaskText(t.text),
        lead: leadUnits(t).join('、'),
        status: p.statusLabel,
        note: p.lead?.note ?? '',
        version: p.lead?.version ?? '',
        co: p.co.map((c) => `${c.unit}：${c.statusLabel}`).join('；'),
        overdue: p.overdue.length ? `逾期（${p.overdue.map((o) => `${o.year}年：${o.quote}`).join('；')}）` : '',
        supervision: sup.map((x) => `${x.stateLabel}，期限 ${x.dueDate}${x.overdue ? '（已超期）' : ''}：${x.reason}`).join('；'),
      };
    }),
  };
}

export async function annualReportWorkbook(db: Db, actor: Actor, year: number, today = todayIso()): Promise<Buffer> {
  const r = await annualReport(db, actor, year, today);
  const wb = workbook();
  wb.title = r.title;
  const statusCols = (Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((s) => ({ header: STATUS_LABEL[s], key: s, width: 10 }));
  const summary = addSheet(
    wb,
    '总体情况',
    [{ header: '规划（文号）', key: 'plan', width: 44 }, { header: '指标数', key: 'total', width: 8 }, ...statusCols],
    [
      ...r.dash.byPlan.map((p) => ({ plan: `${p.plan}（${p.document}）`, total: p.total, ...p.counts })),
      { plan: '合计', total: r.dash.total, ...r.dash.counts },
    ],
  );
  summary.insertRow(1, [r.title]);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.getRow(2).font = { bold: true };
  summary.views = [{ state: 'frozen', ySplit: 2 }];
  addSheet(
    wb,
    '按报送单位',
    [{ header: '报送单位', key: 'unit', width: 26 }, { header: '指标数', key: 'total', width: 8 }, ...statusCols],
    r.dash.byUnit.map((u) => ({ unit: u.unit, total: u.total, ...u.counts })),
  );
  addSheet(
    wb,
    '约束性及风险指标',
    [
      { header: '指标', key: 'name', width: 40 },
      { header: '规划', key: 'plan', width: 30 },
      { header: '属性', key: 'attribute', width: 8 },
      { header: '状态', key: 'status', width: 10 },
      { header: '报送单位', key: 'reporter', width: 20 },
    ],
    r.dash.attention.map((a) => ({
      name: a.name,
      plan: a.plan,
      attribute: a.attribute ?? '未标注',
      status: STATUS_LABEL[a.status.status],
      reporter: a.reporter,
    })),
  );
  addSheet(
    wb,
    '指标监测明细',
    [
      { header: '编号', key: 'id', width: 16 },
      { header: '文号', key: 'document', width: 22 },
      { header: '类别', key: 'category', width: 16 },
      { header: '指标', key: 'name', width: 40 },
      { header: '单位', key: 'unit', width: 8 },
      { header: '属性', key: 'attribute', width: 8 },
      { header: '基期', key: 'baseline', width: 18 },
      { header: '目标', key: 'target', width: 22 },
      { header: '比较', key: 'comparison', width: 10 },
      { header: `${r.year}年数值`, key: 'value', width: 10 },
      { header: '路径值', key: 'expected', width: 10 },
      { header: '状态', key: 'status', width: 10 },
      { header: '判定依据', key: 'reason', width: 40 },
      { header: '情况说明', key: 'note', width: 30 },
      { header: '版本', key: 'version', width: 6 },
      { header: '报送单位', key: 'reporter', width: 18 },
      { header: '出处', key: 'citation', width: 50 },
      { header: '数据质量提示', key: 'flags', width: 60 },
    ],
    r.indicators,
  );
  addSheet(
    wb,
    '任务与责任单位',
    [
      { header: '文号', key: 'document', width: 22 },
      { header: '条目', key: 'anchor', width: 14 },
      { header: '任务', key: 'title', width: 40 },
      { header: '完成年份', key: 'dueYear', width: 8 },
      { header: '牵头单位', key: 'lead', width: 40 },
      { header: '配合单位', key: 'co', width: 50 },
      { header: '落实单位', key: 'implementing', width: 30 },
      { header: '说明', key: 'note', width: 40 },
    ],
    r.tasks,
  );
  addSheet(
    wb,
    '任务进展',
    [
      { header: '规划', key: 'plan', width: 40 },
      { header: '出处', key: 'citation', width: 30 },
      { header: '任务', key: 'text', width: 60 },
      { header: '牵头单位', key: 'lead', width: 30 },
      { header: `${r.year}年进展`, key: 'status', width: 10 },
      { header: '情况说明', key: 'note', width: 40 },
      { header: '版本', key: 'version', width: 6 },
      { header: '配合单位报告', key: 'co', width: 30 },
      { header: `逾期（截至 ${today}）`, key: 'overdue', width: 40 },
      { header: '未销号督办', key: 'supervision', width: 40 },
    ],
    r.taskProgress,
  );
  return toBuffer(wb);
}
