// The deadline years a task's text sets (src/plans/deadlines.ts), on the real task texts of
// the sample issue, one line per case.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import { dueYearOf, taskDeadlines } from '../../src/plans/deadlines.js';
import { extractPlans } from '../../src/plans/extract.js';

const { tasks } = extractPlans(parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents);
const textOf = (id: string) => {
  const t = tasks.find((x) => x.id === id);
  if (!t) throw new Error(`no task ${id}`);
  return t.text;
};

describe('deadline years of the real task texts', () => {
  // task id, deadline years, the quote of the first one begins with…, why
  const cases: [string, number[], string | null, string][] = [
    ['b2022-47-二、（二）6.（37）', [2022], '到2022年，培养培训75名养老院院长', '到YYYY年'],
    ['z2022-16-三、（八）2.', [2022, 2025], '到2022年底，实现农村生活污水无害化处理能力', '到YYYY年底, several milestones, earliest first'],
    ['z2022-16-三、（八）3.', [2023, 2025], '到2023年，实现垃圾焚烧处理能力', 'a 2023 milestone'],
    ['z2022-16-三、（四）2.', [2025], '到2025年底，全市各县（市、区）', '到2025年底'],
    ['z2022-16-三、（五）2.', [2025], '规划至2025年，受污染耕地', '至YYYY年'],
    ['z2022-24-三、（二）3.', [2022, 2025], '2022年所有社区日间照料服务机构均具备助餐功能', 'a bare year opening a clause'],
    ['z2022-24-三、（六）2.', [2025], '2025年前全面完成整改', 'YYYY年前; "2014年以来" is a reference'],
    ['b2022-49-三、（三）3.', [2025], '确保2025年安置社区综合服务设施实现全覆盖', '确保YYYY年'],
    ['z2022-24-三、（六）3.', [], null, '"自2022年起" starts something, no deadline'],
    ['z2022-26-三、（一）', [2025], '到2025年，规模以上工业企业', '"比2020年下降" is a base year'],
    ['z2022-26-三、（三）', [2025], '到2025年，新建装配式建筑', '"2000年底前建成的" is before the plan period'],
    ['z2022-26-三、（六）', [2025], '到2025年，按照国家和省要求', '"比2019年分别降低" is a base year'],
    ['b2022-49-三、（一）1.', [], null, 'no year in the text'],
    ['z2022-16-三、（十一）5.', [], null, 'no year in the text'],
  ];
  it.each(cases)('%s → %j (%s)', (id, years, quote) => {
    const d = taskDeadlines(textOf(id));
    expect(d.map((x) => x.year)).toEqual(years);
    if (quote) expect(d[0].quote.startsWith(quote)).toBe(true);
    expect(dueYearOf(textOf(id))).toBe(years.length ? years[years.length - 1] : null);
  });

  it('33 of the 271 tasks name a deadline; the Task dueYear is the earliest one before 2025', () => {
    expect(tasks).toHaveLength(271);
    expect(tasks.filter((t) => taskDeadlines(t.text).length)).toHaveLength(33);
    for (const t of tasks) {
      const first = taskDeadlines(t.text).find((d) => d.year < 2025)?.year ?? 2025;
      expect(t.dueYear, t.id).toBe(first);
    }
  });
});

describe('forms of a deadline', () => {
  const cases: [string, number[]][] = [
    ['2023年底前完成城区雨污分流改造', [2023]],
    ['到2024年，实现全覆盖', [2024]],
    ['2022年以前完成清查；到2025年全面达标', [2022, 2025]],
    ['2021年度完成试点', [2021]],
    ['（2021—2025年）规划期内逐步推进', []],
    ['比2021年提高5个百分点', []],
    ['从2023年开始实行年度考核', []],
    ['到2030年，基本实现现代化', []],
    ['2022 年\n底前完成', [2022]],
  ];
  it.each(cases)('%s → %j', (text, years) => {
    expect(taskDeadlines(text).map((d) => d.year)).toEqual(years);
  });

  it('quotes at most 60 characters of the clause', () => {
    const q = taskDeadlines(`到2025年，${'全面推进'.repeat(30)}。`)[0].quote;
    expect(q.length).toBe(61);
    expect(q.endsWith('…')).toBe(true);
  });
});
