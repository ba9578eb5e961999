// 揭榜挂帅 funding, table-driven at and around the caps (承市科规〔2022〕1号 第十三–十八条).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgreementSchema, checkUse, computeFunding } from '../../src/procedures/jiebang/funding.js';

const cases = JSON.parse(readFileSync('src/procedures/jiebang/cases/funding.json', 'utf8')) as { name: string; input: unknown; expect: Record<string, any> }[];

describe('funding ceilings and tranches', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = computeFunding(AgreementSchema.parse(c.input));
    const e = c.expect;
    expect(r.eligible).toBe(e.eligible ?? true);
    expect(r.ceiling.amount).toBeCloseTo(e.ceiling, 2);
    if (e.cites) expect(r.ceiling.cites).toBe(`承市科规〔2022〕1号 ${e.cites}`);
    if (e.firstTranche !== undefined) expect(r.firstTranche!.amount).toBeCloseTo(e.firstTranche, 2);
    if (e.remainder !== undefined) expect(r.remainder!.amount).toBeCloseTo(e.remainder, 2);
    if (r.firstTranche) expect(r.firstTranche.amount + r.remainder!.amount).toBeCloseTo(r.ceiling.amount, 2);
    if (e.recipient) expect(r.recipient.party).toBe(e.recipient);
    if (e.recipientName) expect(r.recipient.name).toBe(e.recipientName);
    expect(r.recipient.cites).toBe('承市科规〔2022〕1号 第十三条');
  });

  it('refuses impossible agreements with the field named', () => {
    const bad = AgreementSchema.safeParse({ type: 'tech_breakthrough', agreementAmount: 100, firstPayment: 200 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['firstPayment'] });
    const caseByCase = AgreementSchema.safeParse({ type: 'tech_breakthrough', agreementAmount: 100, caseByCaseAmount: 50 });
    expect(caseByCase.error!.issues[0].path).toEqual(['caseByCaseAmount']);
    expect(AgreementSchema.safeParse({ type: 'grant', agreementAmount: 1 }).success).toBe(false);
  });

  it('forbids fines, donations, sponsorship, investment and debt (第十八条)', () => {
    for (const p of ['支付环保罚款', '对外捐款', '赞助活动', '股权投资', '偿还债务'])
      expect(checkUse(p)).toMatchObject({ allowed: false, cites: '承市科规〔2022〕1号 第十八条' });
    expect(checkUse('中间试验材料费').allowed).toBe(true);
  });
});
