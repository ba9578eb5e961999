// 承市政办字〔2022〕42号: the land tables read row by row from the sample, totals checked, uses classified.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import { classifyLandUse, LAND_DOCUMENT, readLandPlan } from '../../src/plans/land.js';

const doc = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents.find((d) => d.number === LAND_DOCUMENT)!;
const land = readLandPlan(doc);
const clean = (s: string) => s.replace(/\s+/g, '');

describe('land plan tables', () => {
  it('supply parcels: 40 rows, each as printed', () => {
    const t = doc.tables[1];
    const printed = t.rows.filter((r) => /^\d+$/.test(clean(r[0])));
    expect(land.supplyParcels.rows).toHaveLength(40);
    printed.forEach((r, i) => {
      const p = land.supplyParcels.rows[i];
      expect([p.seq, p.district, p.location, p.area, p.use]).toEqual([Number(r[0]), clean(r[1]), clean(r[2]), Number(clean(r[3])), clean(r[4])]);
      expect(p.class.code, `${p.seq} ${p.use}`).not.toBeNull();
    });
    expect(land.supplyParcels.subtotals).toEqual([
      { district: '双桥区', printed: 25.6334 },
      { district: '双滦区', printed: 26.8681 },
      { district: '高新区', printed: 30.4095 },
      { district: '营子区', printed: 78.1598 },
    ]);
  });
  it('reserve: 48 parcels with area, budget, ownership, batch, planned use, remarks', () => {
    expect(land.reserve.rows).toHaveLength(48);
    expect(land.reserve.groups.map((g) => [g.district, g.area, g.budget])).toEqual([
      ['双桥区', 83.3697, 555633],
      ['双滦区', 108.4561, 110200],
      ['营子区', 13.4, 5500],
      ['高新区', 34.41, 85165],
    ]);
    expect(land.reserve.total).toEqual({ area: 239.6358, budget: 756498 });
    const transit = land.reserve.rows.find((r) => r.name === '中营子村客运枢纽项目地块（二期）')!;
    expect(transit).toMatchObject({
      district: '双滦区',
      seq: 6,
      area: 2.4,
      budget: 500,
      ownership: '集体',
      plannedUse: '交通设施',
      remarks: '划拨',
      class: { code: '10' },
    });
    expect(land.reserve.rows.find((r) => r.plannedUse === '殡葬用地')!.class.code).toBe('09');
    expect(land.issues.some((i) => /双滦区第2宗.*资金需求预算为空白/.test(i))).toBe(true);
  });
  it('residential supply and summary', () => {
    expect(land.residential.rows.map((r) => [r.district, r.values[0]])).toEqual([
      ['合计', 29.229],
      ['双桥区', 15.4667],
      ['双滦区', 8.5675],
      ['高新区', 3.9121],
      ['营子区', 1.2827],
    ]);
    expect(land.supplySummary.rows[0]).toMatchObject({ area: '承德市本级', total: 161.0708 });
  });
  it('every printed total agrees with its rows', () => {
    expect(land.checks.filter((c) => !c.ok)).toEqual([]);
    expect(land.checks.length).toBe(43);
  });
  it('classifies free-text uses to GB/T 21010 first-level classes, and refuses to guess', () => {
    expect(classifyLandUse('住宅、配套商业')).toMatchObject({ code: '07' });
    expect(classifyLandUse('加油加气站用地').code).toBe('05');
    expect(classifyLandUse('物流仓储用地').code).toBe('06');
    expect(classifyLandUse('党政机关').code).toBe('08');
    expect(classifyLandUse('游乐场').code).toBeNull();
  });
});
