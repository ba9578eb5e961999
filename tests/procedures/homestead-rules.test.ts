// Table-driven: each file in src/procedures/homestead/cases is an application
// and the decision with the articles that decide it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessApplication, InputError, parseApplication } from '../../src/engine/assess.js';
import { governingStatus } from '../../src/engine/governance.js';
import { parseGazette } from '../../src/gazette/parse.js';
import { findUnit } from '../../src/gazette/structure.js';
import { baseApplication, deepMerge, ruleCases } from '../../src/procedures/homestead/fixtures.js';
import { homesteadProcedure, HOMESTEAD_STATES, HOMESTEAD_ACTIONS } from '../../src/procedures/homestead/procedure.js';
import { HOMESTEAD_RULES_2022 } from '../../src/procedures/homestead/rules.js';

const assess = (input: unknown, records = []) => assessApplication(homesteadProcedure, parseApplication(homesteadProcedure, input), records);

describe('homestead rule cases', () => {
  const cases = ruleCases();
  it('has cases for every article that decides something', () => {
    const cited = new Set(cases.flatMap((c) => c.expect.fails.map((f) => f.replace(/第（.）项$/, ''))));
    for (const article of ['第十条', '第十二条', '第十四条', '第十五条', '第十七条', '第十八条', '第十九条', '第二十条第二款'])
      expect(cited).toContain(article);
  });
  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const r = assess(c.input);
    const fails = r.findings.filter((f) => f.outcome === 'fail').map((f) => `${f.citation.article}${f.citation.item ?? ''}`);
    expect(r.decision, c.name).toBe(c.expect.decision);
    expect([...new Set(fails)].sort()).toEqual([...c.expect.fails].sort());
    if (c.expect.needsConstructionPermit !== undefined) expect(r.needsConstructionPermit).toBe(c.expect.needsConstructionPermit);
    for (const f of r.findings) {
      expect(f.citation.document).toBe('隆政发〔2022〕11号');
      expect(f.message.length).toBeGreaterThan(3);
    }
  });
});

describe('citations point at real articles of the library', () => {
  const doc = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents.find((d) => d.number === '隆政发〔2022〕11号')!;
  const anchors = [
    ...HOMESTEAD_RULES_2022.rules.map((r) => r.citation),
    ...HOMESTEAD_STATES.flatMap((s) => (s.limit ? [s.limit.citation] : [])),
    ...HOMESTEAD_ACTIONS.map((a) => a.citation),
  ].map((c) => c.article + (c.item ?? ''));
  it.each([...new Set(anchors)])('%s exists', (anchor) => {
    expect(findUnit(doc.units, anchor), anchor).not.toBeNull();
  });
  it('time limits match the text of the cited units', () => {
    for (const s of HOMESTEAD_STATES) {
      if (!s.limit) continue;
      const unit = findUnit(doc.units, s.limit.citation.article + (s.limit.citation.item ?? ''))!;
      expect(unit.text, s.id).toContain(`${s.limit.workdays}个工作日`);
    }
  });
});

describe('validity of the governing document', () => {
  it('judges a 2023 application under rules in force, and a 2025 one as expired unless extended', () => {
    expect(assess(baseApplication()).governingDocumentStatus.status).toBe('in_force');
    const late = deepMerge(baseApplication(), { applicationDate: '2025-03-03' });
    const s = assess(late).governingDocumentStatus;
    expect(s.status).toBe('expired');
    expect(s.message).toContain('已于 2024-07-03 失效');
    const extended = assess(late, [
      { kind: 'extension', document: '隆政发〔2024〕9号', validUntil: '2026-07-03', note: null, recordedAt: 'x' },
    ] as any).governingDocumentStatus;
    expect(extended).toMatchObject({ status: 'in_force', effectiveUntil: '2026-07-03' });
    expect(governingStatus(HOMESTEAD_RULES_2022, [], '2022-07-01').status).toBe('not_yet');
  });
});

describe('bad input names the field', () => {
  const bad = (patch: unknown) => {
    try {
      parseApplication(homesteadProcedure, deepMerge(baseApplication(), patch));
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).issues;
    }
    throw new Error('accepted');
  };
  it('rejects an ID number with a wrong check digit', () => {
    const issues = bad({ applicant: { idNumber: '130825198503152012' } });
    expect(issues.some((i) => i.field === 'applicant.idNumber' && /校验位/.test(i.message))).toBe(true);
  });
  it('rejects a phone number, a floor-height list that does not match the floors, and a footprint larger than the plot', () => {
    const issues = bad({ applicant: { phone: '12345' }, building: { floors: 3, footprint: 500 } });
    const fields = issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['applicant.phone']));
    const more = bad({ building: { floors: 3, footprint: 500 } }).map((i) => i.field);
    expect(more).toEqual(expect.arrayContaining(['building.floorHeights', 'building.footprint']));
  });
});
