// 承市政办字〔2022〕42号: the 2022 supply plan of state-owned construction land
// and the land reserve plan of the city proper, read from the library's
// tables. Every printed total is checked against its rows, and the free-text
// land uses are mapped to the first-level classes of GB/T 21010-2017.
import type { Db } from '../db/connection.js';
import { parsedFromRow } from '../gazette/store.js';
import type { GazetteDocument, Table } from '../gazette/types.js';
import { cleanText } from './figures.js';

export const LAND_DOCUMENT = '承市政办字〔2022〕42号';

/** GB/T 21010-2017 第一级类. */
export const GB21010: { code: string; name: string }[] = [
  { code: '01', name: '耕地' },
  { code: '02', name: '园地' },
  { code: '03', name: '林地' },
  { code: '04', name: '草地' },
  { code: '05', name: '商服用地' },
  { code: '06', name: '工矿仓储用地' },
  { code: '07', name: '住宅用地' },
  { code: '08', name: '公共管理与公共服务用地' },
  { code: '09', name: '特殊用地' },
  { code: '10', name: '交通运输用地' },
  { code: '11', name: '水域及水利设施用地' },
  { code: '12', name: '其他土地' },
];

/**
 * Printed land uses → GB/T 21010 first-level class. The plan writes uses
 * freely (商业用地, 商业, 居住, 物流仓储用地, 党政机关 …); which class each
 * belongs to is given by the standard's second-level classes, so this table is
 * written by hand. A use not listed here is reported as unmapped, never guessed.
 */
export const LAND_USE_CLASSES: { pattern: RegExp; code: string; note?: string }[] = [
  { pattern: /^(商业|商服)(用地)?$|^加油加气站(用地)?$/, code: '05' },
  { pattern: /^(工业|仓储|物流仓储)(用地)?$|^工矿仓储用地$/, code: '06' },
  { pattern: /^(住宅|居住)(用地)?$/, code: '07' },
  { pattern: /^住宅、配套商业$/, code: '07', note: '住宅兼配套商业，按主用途计入住宅用地（与附件1、附件3的合计一致）' },
  { pattern: /^商住用地$/, code: '07', note: '商住混合，按住宅用地计' },
  { pattern: /^(公用设施|医疗卫生|教育|文化设施|公共管理与公共服务|公共管理和公共设施)(用地)?$|^党政机关$|^消防$/, code: '08' },
  { pattern: /^殡葬用地$/, code: '09' },
  { pattern: /^(交通|交通设施|交通运输)(用地)?$/, code: '10' },
  { pattern: /^水域及水利设施用地$/, code: '11' },
  { pattern: /^其他(用地|土地)$/, code: '12' },
];

export function classifyLandUse(use: string): { code: string | null; name: string | null; note: string | null } {
  const u = cleanText(use);
  const hit = LAND_USE_CLASSES.find((c) => c.pattern.test(u));
  if (!hit) return { code: null, name: null, note: null };
  return { code: hit.code, name: GB21010.find((g) => g.code === hit.code)!.name, note: hit.note ?? null };
}

export interface Check {
  what: string;
  printed: number | null;
  computed: number;
  ok: boolean;
  citation: string;
}

const num = (s: string | undefined): number | null => {
  const t = cleanText(s ?? '').replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
};
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const check = (what: string, printed: number | null, computed: number, citation: string): Check => ({
  what,
  printed,
  computed: r4(computed),
  ok: printed !== null && Math.abs(printed - computed) < 0.00005 + 1e-9,
  citation,
});

function findTable(doc: GazetteDocument, re: RegExp): Table | undefined {
  return doc.tables.find((t) => re.test(t.caption ?? ''));
}

export function readLandPlan(doc: GazetteDocument) {
  const cite = (t: Table | undefined, extra = '') => `${LAND_DOCUMENT} ${t?.unitAnchor ?? ''}《${t?.caption ?? ''}》${extra}`;
  const checks: Check[] = [];
  const issues: string[] = [];

  // 附件1 供应计划（汇总）
  const sumT = findTable(doc, /供应计划表$/)!;
  const sumHeader = sumT.header.map(cleanText);
  const summary = sumT.rows.map((row) => ({
    area: cleanText(row[0]),
    total: num(row[1]),
    byColumn: sumHeader.slice(2).map((h, i) => ({ column: h, class: classifyLandUse(h), area: num(row[i + 2]) ?? 0 })),
  }));
  for (const s of summary)
    checks.push(
      check(
        `供应计划汇总：${s.area}各用途之和 = 合计`,
        s.total,
        s.byColumn.reduce((a, c) => a + c.area, 0),
        cite(sumT),
      ),
    );

  // 附件2 供应明细
  const detT = findTable(doc, /供应计划明细表$/)!;
  const parcels: { seq: number; district: string; location: string; area: number | null; use: string; class: ReturnType<typeof classifyLandUse> }[] = [];
  const subtotals: { district: string; printed: number | null }[] = [];
  for (const row of detT.rows) {
    const first = cleanText(row[0]);
    const sub = /^(.+?)合计([\d.]+)公顷$/.exec(first);
    if (sub) subtotals.push({ district: sub[1], printed: Number(sub[2]) });
    else if (/^\d+$/.test(first))
      parcels.push({
        seq: Number(first),
        district: cleanText(row[1]),
        location: cleanText(row[2]),
        area: num(row[3]),
        use: cleanText(row[4]),
        class: classifyLandUse(row[4]),
      });
  }
  for (const s of subtotals)
    checks.push(
      check(
        `供应明细：${s.district}地块面积之和 = ${s.district}合计`,
        s.printed,
        parcels.filter((p) => p.district === s.district).reduce((a, p) => a + (p.area ?? 0), 0),
        cite(detT),
      ),
    );
  const detailTotal = parcels.reduce((a, p) => a + (p.area ?? 0), 0);
  if (summary[0]) {
    checks.push(check('供应明细全部地块面积之和 = 附件1合计', summary[0].total, detailTotal, `${cite(detT)}；${cite(sumT)}`));
    for (const c of summary[0].byColumn) {
      const rolled = parcels.filter((p) => p.class.code && p.class.code === c.class.code).reduce((a, p) => a + (p.area ?? 0), 0);
      checks.push(
        check(`附件1"${c.column}" = 明细中归入 GB/T 21010 "${c.class.name ?? '未归类'}"的地块面积之和`, c.area, rolled, `${cite(sumT)}；${cite(detT)}`),
      );
    }
  }
  for (const p of parcels) if (!p.class.code) issues.push(`供应明细第${p.seq}宗的用地性质"${p.use}"未能归入 GB/T 21010 一级类。`);

  // 附件3 住宅用地
  const resT = findTable(doc, /住宅用地供应计划表$/)!;
  const colNames = [
    '总量',
    '商品住宅用地',
    '共有产权住宅用地',
    '产权住宅用地小计',
    '保障性租赁住宅用地',
    '市场化租赁住宅用地',
    '租赁住宅用地小计',
    '其他住宅用地',
  ];
  const resRows = resT.rows
    .filter((r) => cleanText(r[0]) && !/^[①-⑧]/.test(cleanText(r[1] ?? '')))
    .map((r) => ({ district: cleanText(r[0]), values: colNames.map((_, i) => num(r[i + 1])) }));
  const resTotal = resRows.find((r) => r.district === '合计');
  const resDistricts = resRows.filter((r) => r.district !== '合计');
  const v = (x: number | null) => x ?? 0;
  if (resTotal)
    colNames.forEach((c, i) => {
      if (resTotal.values[i] === null && resDistricts.every((d) => d.values[i] === null)) return;
      checks.push(
        check(
          `住宅用地：各区"${c}"之和 = 合计`,
          resTotal.values[i] ?? 0,
          resDistricts.reduce((a, d) => a + v(d.values[i]), 0),
          cite(resT),
        ),
      );
    });
  for (const d of resRows) {
    checks.push(check(`住宅用地 ${d.district}：④ = ② + ③`, v(d.values[3]), v(d.values[1]) + v(d.values[2]), cite(resT)));
    checks.push(check(`住宅用地 ${d.district}：① = ④ + ⑦ + ⑧`, v(d.values[0]), v(d.values[3]) + v(d.values[6]) + v(d.values[7]), cite(resT)));
    if (d.district !== '合计') {
      const rolled = parcels.filter((p) => p.district === d.district && p.class.code === '07').reduce((a, p) => a + (p.area ?? 0), 0);
      checks.push(check(`住宅用地 ${d.district}总量 = 供应明细中该区住宅类地块之和`, v(d.values[0]), rolled, `${cite(resT)}；${cite(detT)}`));
    }
  }
  if (resTotal && summary[0]) {
    const col = summary[0].byColumn.find((c) => c.class.code === '07');
    if (col) checks.push(check('附件3住宅用地总量 = 附件1住宅用地', col.area, v(resTotal.values[0]), `${cite(resT)}；${cite(sumT)}`));
  }

  // 土地储备计划
  const resvT = findTable(doc, /土地储备计划$/)!;
  type Reserve = {
    district: string;
    seq: number;
    name: string;
    batch: string;
    area: number | null;
    budget: number | null;
    ownership: string;
    plannedUse: string;
    remarks: string;
    class: ReturnType<typeof classifyLandUse>;
  };
  const reserves: Reserve[] = [];
  const groups: { district: string; area: number | null; budget: number | null }[] = [];
  let grand: { area: number | null; budget: number | null } | null = null;
  let district = '';
  for (const row of resvT.rows) {
    const seq = cleanText(row[0]);
    const name = cleanText(row[1]);
    if (!seq && name === '总计') grand = { area: num(row[3]), budget: num(row[4]) };
    else if (/^[一二三四五六七八九十]+$/.test(seq)) {
      district = name;
      groups.push({ district, area: num(row[3]), budget: num(row[4]) });
    } else if (/^\d+$/.test(seq)) {
      const r: Reserve = {
        district,
        seq: Number(seq),
        name,
        batch: cleanText(row[2]),
        area: num(row[3]),
        budget: num(row[4]),
        ownership: cleanText(row[5]),
        plannedUse: cleanText(row[6]),
        remarks: cleanText(row[7] ?? ''),
        class: classifyLandUse(row[6]),
      };
      reserves.push(r);
      if (r.budget === null) issues.push(`储备计划 ${district}第${r.seq}宗"${r.name}"的资金需求预算为空白（原表可能与上一行合并），按 0 计入核对。`);
      if (!r.batch) issues.push(`储备计划 ${district}第${r.seq}宗"${r.name}"的征收批次为空白（原表可能与上一行合并）。`);
      if (!r.class.code) issues.push(`储备计划 ${district}第${r.seq}宗的规划方向"${r.plannedUse}"未能归入 GB/T 21010 一级类。`);
    }
  }
  for (const g of groups) {
    const rows = reserves.filter((r) => r.district === g.district);
    checks.push(
      check(
        `储备计划：${g.district}各宗收储面积之和 = ${g.district}小计`,
        g.area,
        rows.reduce((a, r) => a + (r.area ?? 0), 0),
        cite(resvT),
      ),
    );
    checks.push(
      check(
        `储备计划：${g.district}各宗资金预算之和 = ${g.district}小计`,
        g.budget,
        rows.reduce((a, r) => a + (r.budget ?? 0), 0),
        cite(resvT),
      ),
    );
  }
  if (grand) {
    checks.push(
      check(
        '储备计划：各区收储面积小计之和 = 总计',
        grand.area,
        groups.reduce((a, g) => a + (g.area ?? 0), 0),
        cite(resvT),
      ),
    );
    checks.push(
      check(
        '储备计划：各区资金预算小计之和 = 总计',
        grand.budget,
        groups.reduce((a, g) => a + (g.budget ?? 0), 0),
        cite(resvT),
      ),
    );
    checks.push(
      check(
        '储备计划：全部地块收储面积之和 = 总计',
        grand.area,
        reserves.reduce((a, r) => a + (r.area ?? 0), 0),
        cite(resvT),
      ),
    );
  }

  // Roll-ups by district and class
  const rollup = <T extends { district: string; area: number | null; class: { code: string | null } }>(rows: T[]) => {
    const districts = [...new Set(rows.map((r) => r.district))];
    const classes = GB21010.filter((g) => rows.some((r) => r.class.code === g.code));
    return {
      classes,
      rows: districts.map((d) => ({
        district: d,
        byClass: Object.fromEntries(
          classes.map((c) => [c.code, r4(rows.filter((r) => r.district === d && r.class.code === c.code).reduce((a, r) => a + (r.area ?? 0), 0))]),
        ),
        total: r4(rows.filter((r) => r.district === d).reduce((a, r) => a + (r.area ?? 0), 0)),
      })),
    };
  };

  return {
    document: LAND_DOCUMENT,
    title: doc.documentTitle,
    unit: '公顷',
    supplySummary: { caption: sumT.caption, citation: cite(sumT), rows: summary },
    supplyParcels: { caption: detT.caption, citation: cite(detT), rows: parcels, subtotals, rollup: rollup(parcels) },
    residential: { caption: resT.caption, citation: cite(resT), columns: colNames, rows: resRows },
    reserve: { caption: resvT.caption, citation: cite(resvT), budgetUnit: '万元', total: grand, groups, rows: reserves, rollup: rollup(reserves) },
    checks,
    checksPassed: checks.filter((c) => c.ok).length,
    checksFailed: checks.filter((c) => !c.ok).length,
    issues,
    classes: GB21010,
  };
}

export type LandPlan = ReturnType<typeof readLandPlan>;

export async function landPlan(db: Db): Promise<LandPlan | null> {
  const row = await db.kysely.selectFrom('documents').select(['id', 'data_json']).where('id', '=', LAND_DOCUMENT).executeTakeFirst();
  return row ? readLandPlan(parsedFromRow(row)) : null;
}
