// 乡村一体化管理准入退出 (隆政办规〔2022〕1号): the rule cases of src/procedures/village-doctor/cases (ages at
// the 35/45 limits, 29 February, retirement, the 2-year suspension, 户籍, majors), the CLI contract, and
// 乡村医生免试执业注册 through the HTTP API on both databases.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseGazette } from '../../src/gazette/parse.js';
import { governingStatus } from '../../src/engine/governance.js';
import { findUnit } from '../../src/gazette/structure.js';
import { PersonSchema } from '../../src/procedures/village-doctor/person.js';
import { villageDoctorProcedure } from '../../src/procedures/village-doctor/procedure.js';
import { rosterProcedure } from '../../src/procedures/village-doctor/roster.js';
import { candidateProcedure, examProcedure } from '../../src/procedures/village-doctor/exam.js';
import { clinicProcedure } from '../../src/procedures/village-doctor/clinic.js';
import {
  examRoute,
  EXAM_RULES,
  QUOTES,
  REGISTRATION_RULES,
  registrationStatus,
  retirementDate,
  VILLAGE_DOCTOR_RULES_2022,
  withoutExam,
} from '../../src/procedures/village-doctor/rules.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const DOC = '隆政办规〔2022〕1号';
const CASES_DIR = 'src/procedures/village-doctor/cases';

/** Merges a patch into the base person; null removes a field. */
function merge(base: any, patch: any): any {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object') out[k] = merge(base[k], v);
    else out[k] = v;
  }
  return out;
}
interface RouteExpect {
  eligible: boolean;
  fails: string[];
}
interface Case {
  file: string;
  name: string;
  input: unknown;
  expect: { retirementDate?: string; withoutExam?: RouteExpect; examRoute?: RouteExpect; registration?: string };
}
const base = JSON.parse(readFileSync(join(CASES_DIR, '_base.json'), 'utf8'));
const CASES: Case[] = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
  .sort()
  .map((file) => {
    const c = JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8'));
    return { file, name: c.name, input: merge(base, c.patch), expect: c.expect };
  });
const anchor = (f: { citation: { article: string; item: string | null } }) => f.citation.article + (f.citation.item ?? '');
const failed = (r: { findings: { outcome: string; citation: any }[] }) => [...new Set(r.findings.filter((f) => f.outcome === 'fail').map(anchor))].sort();

describe('village-doctor rule cases', () => {
  it('cover every condition that decides, every status and every major', () => {
    const fails = new Set(CASES.flatMap((c) => [...(c.expect.withoutExam?.fails ?? []), ...(c.expect.examRoute?.fails ?? [])]));
    for (const a of ['一、（二）', '一、（三）1.', '一、（三）2.', '一、（三）3.', '二、（一）']) expect(fails, a).toContain(a);
    expect(new Set(CASES.map((c) => c.expect.registration).filter(Boolean))).toEqual(new Set(['none', 'registered', 'to_cancel', 'cancelled']));
    const majors = new Set(CASES.map((c) => (c.input as any).education.major));
    expect(majors).toEqual(new Set(['clinical', 'tcm', 'integrated', 'other_medical', 'non_medical']));
  });

  it.each(CASES.map((c) => [`${c.file} ${c.name}`, c] as const))('%s', (_n, c) => {
    const p = PersonSchema.parse(c.input);
    const e = c.expect;
    if (e.retirementDate) expect(retirementDate(p)).toBe(e.retirementDate);
    for (const [key, fn] of [
      ['withoutExam', withoutExam],
      ['examRoute', examRoute],
    ] as const) {
      const want = e[key];
      if (!want) continue;
      const r = fn(p);
      expect(failed(r), key).toEqual([...want.fails].sort());
      expect(r.eligible, key).toBe(want.eligible);
    }
    const reg = registrationStatus(p);
    if (e.registration) expect(reg.status).toBe(e.registration);
    for (const f of [...withoutExam(p).findings, ...examRoute(p).findings, ...reg.findings]) {
      expect(f.citation.document).toBe(DOC);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('reads sex and birth date from the 身份证号 (GB 11643) when they are not given', () => {
    const p = (over: object) => PersonSchema.parse({ ...base, ...over });
    expect(retirementDate(p({ idNumber: '130825197109152027' }))).toBe('2026-09-15'); // 17th digit 2: woman, 55
    expect(retirementDate(p({ idNumber: '130825196609152010' }))).toBe('2026-09-15'); // 17th digit 1: man, 60
    expect(PersonSchema.safeParse({ ...base, idNumber: '130825196609152011' }).success).toBe(false); // check digit
  });

  it('refuses a resumption before the suspension, naming the field', () => {
    const r = PersonSchema.safeParse({ ...base, registration: { registeredOn: '2023-01-01', suspendedOn: '2024-01-01', resumedOn: '2023-06-01' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['registration', 'resumedOn'], message: expect.stringMatching(/恢复执业活动日期/) });
  });
});

describe('citations and validity against the library', () => {
  const doc = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents.find((d) => d.number === DOC)!;
  const rules = [...VILLAGE_DOCTOR_RULES_2022.rules, ...EXAM_RULES, ...REGISTRATION_RULES];
  const actions = (
    [villageDoctorProcedure, rosterProcedure, examProcedure, candidateProcedure, clinicProcedure] as {
      actions: { citation: { article: string; item: string | null } }[];
    }[]
  ).flatMap((p) => p.actions);
  const anchors = [...new Set([...rules.map((r) => anchor(r)), ...actions.map((a) => anchor(a)), ...Object.keys(QUOTES), '四、'])];
  it.each(anchors)('%s exists and its quote is the text', (a) => {
    const unit = findUnit(doc.units, a);
    expect(unit, a).not.toBeNull();
    expect(unit!.text).toContain(QUOTES[a]);
  });
  it('the quoted numbers are the standards the rules use', () => {
    expect(QUOTES['一、（三）3.']).toMatch(/35岁以下.*不超过45周岁/);
    expect(QUOTES['二、（一）']).toMatch(/男村医60周岁退休；女村医55周岁退休/);
    expect(QUOTES['一、（五）']).toMatch(/满2年/);
  });
  it('is in force from 2022-06-15 for 5 years (四、), as the parser reads it', () => {
    expect(VILLAGE_DOCTOR_RULES_2022.period).toEqual({ from: doc.validFrom, until: doc.validUntil });
    expect(VILLAGE_DOCTOR_RULES_2022.period).toEqual({ from: '2022-06-15', until: '2027-06-14' });
    expect(anchor({ citation: VILLAGE_DOCTOR_RULES_2022.validityCitation! })).toBe(doc.validityAnchor);
    expect(PROCEDURES.get('village-doctor')!.ruleSets[0].period).toEqual(VILLAGE_DOCTOR_RULES_2022.period);
  });
});

describe('zhengwu village-doctor (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-vd-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/zhengwu.js', ...args], { env, encoding: 'utf8' });
  const write = (name: string, person: unknown) => {
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(person));
    return f;
  };

  it('assess --json prints the retirement date, both routes and the registration, each finding with its citation', () => {
    // A woman born 1990-03-15 (36: over 35, within 45 with her clinic years) with a 中专 in 中医学, 户籍 outside,
    // spouse in 隆化县 and living there, suspended 2 years ago.
    const person = merge(base, {
      idNumber: '130825199003152028',
      medicalInstitutionExperience: true,
      education: { level: 'secondary', major: 'tcm', graduatedOn: '2010-07-01' },
      hukouCounty: '滦平县',
      spouseHukouCounty: '隆化县',
      longTermResident: true,
      registration: { registeredOn: '2015-01-05', suspendedOn: '2024-06-30' },
      asOf: '2026-06-30',
    });
    const r = run('village-doctor', 'assess', write('p1.json', person), '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['retirementDate', 'withoutExam', 'examRoute', 'registration']);
    expect(out.retirementDate).toBe('2045-03-15');
    expect(out.withoutExam.eligible).toBe(false);
    expect(out.examRoute.eligible).toBe(true);
    expect(out.registration.status).toBe('to_cancel');
    const all = [...out.withoutExam.findings, ...out.examRoute.findings, ...out.registration.findings];
    for (const f of all) {
      expect(typeof f.passed).toBe('boolean');
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(Object.keys(f.citation).sort()).toEqual(['article', 'document', 'item', 'text']);
      expect(f.citation.document).toBe(DOC);
      expect(f.citation.text.length).toBeGreaterThan(5);
    }
    const residence = out.examRoute.findings.find((f: any) => f.citation.item === '2.');
    expect(residence).toMatchObject({ passed: true, citation: { article: '一、（三）', text: '户籍应在本县，或者配偶户籍在本县且长期居住。' } });
    const cancel = out.registration.findings.find((f: any) => f.citation.article === '一、（五）');
    expect(cancel.passed).toBe(false);
    expect(cancel.message).toMatch(/2024-06-30 中止执业活动，2026-06-30 满 2 年.*注销/);
    expect(out.withoutExam.findings.filter((f: any) => !f.passed).map((f: any) => f.citation.article)).toContain('一、（二）');
  });

  it('assess without --json prints the same in Chinese; bad input names the field and exits non-zero', () => {
    const text = run('village-doctor', 'assess', write('p2.json', base));
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/退休日期：2062-05-10/);
    expect(text.stdout).toMatch(/免试注册（一、（二））：符合/);
    const bad = run('village-doctor', 'assess', write('p3.json', { ...base, asOf: '2026-02-30' }), '--json');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr + bad.stdout).toMatch(/asOf/);
  });

  it('schema prints the JSON Schema of a PERSON with its labels', () => {
    const r = run('village-doctor', 'schema');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.properties.idNumber).toMatchObject({ title: '身份证号码', personal: 'id_number' });
    expect(s.properties.education.properties.major['x-labels']).toMatchObject({ clinical: '临床医学' });
    expect(s.required).toEqual(expect.arrayContaining(['name', 'idNumber', 'education', 'hukouCounty', 'asOf']));
  });
});

const CANDIDATE = {
  name: '刘洋',
  idNumber: '130825200205102016',
  education: { level: 'college_or_above', fullTime: true, major: 'clinical', graduatedOn: '2026-07-01' },
  hukouCounty: '隆化县',
  asOf: '2026-11-02',
};
const POSTING = { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' };

describe.each(ENGINES)('乡村医生免试执业注册 on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { users: ['wsy-tgt', 'wsy-hmy', 'wjj-longhua', 'township-tgt', 'county', 'admin'] });
    ({ app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const listed = async (user: string) =>
    ((await ok(app.inject({ url: '/api/cases?procedure=village-doctor&pageSize=200', headers: api.as(user) }))).items as { id: string }[]).map((i) => i.id);

  it('the health centre files, the county health bureau registers; another township’s centre sees nothing', async () => {
    const c = await ok(api.file('wsy-tgt', 'village-doctor', { candidate: CANDIDATE, posting: POSTING }));
    expect(c.state.id).toBe('county_review');
    expect(c.deadline ?? null).toBeNull(); // the text gives the review no time limit
    expect(JSON.stringify(c)).not.toContain(CANDIDATE.idNumber); // masked
    expect(c.assessment.decision).toBe('eligible');

    // Not the other township's centre, nor the township government or the agriculture county office.
    for (const u of ['wsy-hmy', 'township-tgt', 'county']) {
      const r = await api.get(u, c.id);
      expect(r.statusCode, u).toBe(404);
      expect(r.json().message).toMatch(/^案件不存在/);
      expect(await listed(u), u).not.toContain(c.id);
    }
    expect(await listed('wsy-tgt')).toContain(c.id);
    expect(await listed('wjj-longhua')).toContain(c.id);

    // The centre cannot decide; the bureau can.
    expect((await api.act('wsy-tgt', c.id, 'approve', '2026-11-10', { certificateNo: 'XC-2026-001' })).statusCode).toBe(403);
    const done = await ok(api.act('wjj-longhua', c.id, 'approve', '2026-11-10', { certificateNo: 'XC-2026-001' }));
    expect(done.state.id).toBe('registered');
    expect(done.record.registeredOn).toBe('2026-11-10');
    // The registration put the doctor on the register, posted where the application said, in the same transaction.
    expect(done.record.opened).toMatchObject({ procedure: 'village-doctor-roster', id: expect.stringMatching(/^CYH-20261110-/) });
    const entry = await ok(api.get('wsy-tgt', done.record.opened.id));
    expect(entry.state.id).toBe('active');
    expect(entry.jurisdiction).toEqual(POSTING);
    expect(entry.application).toMatchObject({ basis: 'without_exam', qualification: { certificateNo: 'XC-2026-001', registeredOn: '2026-11-10' } });
    expect(entry.timeline[0]).toMatchObject({ action: 'submit', data: { openedBy: { procedure: 'village-doctor', id: c.id } } });
    expect((await api.get('wsy-hmy', entry.id)).statusCode).toBe(404);
  });

  it('refuses to register when 一、（二） is not met, and records the refusal with its reason', async () => {
    const c = await ok(
      api.file('wsy-tgt', 'village-doctor', {
        candidate: { ...CANDIDATE, education: { ...CANDIDATE.education, graduatedOn: '2023-07-01' } },
        posting: POSTING,
      }),
    );
    expect(c.assessment.decision).toBe('ineligible');
    const r = await api.act('wjj-longhua', c.id, 'approve', '2026-11-10', { certificateNo: 'XC-2026-002' });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/不符合免试注册条件：隆政办规〔2022〕1号 一、（二）（2023-07-01 毕业，不是应届毕业生/);
    const refused = await ok(api.act('wjj-longhua', c.id, 'refuse', '2026-11-10', { reason: '非应届毕业生，且未在择业期内' }));
    expect(refused.state.id).toBe('refused');
    expect(refused.record.refusal).toEqual({ date: '2026-11-10', reason: '非应届毕业生，且未在择业期内' });
  });

  it('files an application dated before 2022-06-15 with a warning citing 四、, but does not register on it', async () => {
    const late = { ...CANDIDATE, education: { ...CANDIDATE.education, graduatedOn: '2022-05-01' }, asOf: '2022-06-14' };
    const c = await ok(api.file('wsy-tgt', 'village-doctor', { candidate: late, posting: POSTING }));
    expect(c.assessment.governingDocumentStatus).toMatchObject({ status: 'not_yet', decisionsAllowed: false, validityCites: '隆政办规〔2022〕1号 四、' });
    const r = await api.act('wjj-longhua', c.id, 'approve', '2026-11-10', { certificateNo: 'XC-2026-003' });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/隆政办规〔2022〕1号.*2022-06-15.*四、/);
  });

  it('a health centre files only in its own township; the posting must be in 隆化县', async () => {
    const other = await api.file('wsy-hmy', 'village-doctor', { candidate: CANDIDATE, posting: POSTING });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/不在您的辖区（韩麻营镇）内/);
    const outside = await api.file('wsy-tgt', 'village-doctor', { candidate: CANDIDATE, posting: { ...POSTING, county: '滦平县' } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.map((d: any) => d.field)).toContain('posting.county');
  });
});

describe('四、: the end of the 5-year term is announced as it approaches', () => {
  const set = VILLAGE_DOCTOR_RULES_2022;
  it.each([
    ['2026-12-15', null, /现行有效（至 2027-06-14[^。]*）。$/],
    ['2026-12-16', 180, /还有 180 天到期：到期后不能再据此作出决定/],
    ['2026-12-17', 179, /还有 179 天到期/],
    ['2027-06-14', 0, /还有 0 天到期/],
    ['2027-06-15', null, /已于 2027-06-14 失效/],
  ])('on %s: ends in %s days', (asOf, days, message) => {
    const s = governingStatus(set, [], asOf);
    expect(s.endsInDays).toBe(days);
    expect(s.message).toMatch(message);
  });
  it('says nothing more once a successor is recorded', () => {
    const s = governingStatus(
      set,
      [{ kind: 'successor', document: '隆政办规〔2027〕1号', validUntil: null, note: null, recordedAt: '2027-01-01' }],
      '2027-06-01',
    );
    expect(s.message).not.toMatch(/天到期/);
  });
});
