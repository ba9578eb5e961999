// 隆政办规〔2022〕1号 beyond the single registration: the register (花名册) and its changes of status — 岗位调配
// with the 空白村 guard (一、（四）, also under two concurrent moves), 中止执业 → 待注销 by the job runner when
// the 2 years are full → 注销 with the certificate withdrawn (一、（五）), 到龄退休 (二、（一）), 正式职工退出
// (二、（三）), 辞职/转岗/死亡报备 (二、（四）) — 考试招录 as an exam and its candidates (一、（三）), the
// 个体卫生室 hand-off to 县行政审批局 (二、（二）), the township views and the masked export, the doctor's
// own read access and the yearly post-needs duty (一、（六）), through the HTTP API on both databases.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { findPersonalData } from '../../src/engine/personal-data.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { ensureDuties } from '../../src/duties/service.js';
import { openCalendar } from '../../src/calendar/service.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { CaseEngine } from '../../src/engine/cases.js';
import { villagesOf } from '../../src/platform/areas.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2026-11-27';
const TGT = { county: '隆化县', township: '汤头沟镇' };
const ROSTER = 'village-doctor-roster';

/** A valid 身份证号 of 隆化县 for a birth date and a sequence (odd: a man, even: a woman). */
function idFor(birth: string, seq: number): string {
  const body = `130825${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, c, i) => n + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
let seq = 100;
/** A register entry: a man born in 1980 unless told, posted in a village of 汤头沟镇, entered long ago. */
function entry(name: string, village: string, o: { birth?: string; female?: boolean; regularStaff?: boolean; account?: string; enteredOn?: string } = {}) {
  seq += 2;
  return {
    doctor: { name, idNumber: idFor(o.birth ?? '1980-03-01', o.female ? seq : seq + 1) },
    qualification: { certificate: 'village_doctor', certificateNo: `XC-${seq}`, registeredOn: '2010-05-01' },
    basis: 'existing',
    posting: { ...TGT, village },
    regularStaff: o.regularStaff ?? false,
    ...(o.account ? { account: o.account } : {}),
    enteredOn: o.enteredOn ?? '2024-01-02',
  };
}

describe.each(ENGINES)('乡村医生花名册 on %s', (engine) => {
  let app: FastifyInstance;
  let db: Db;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  let calendar: Awaited<ReturnType<typeof openCalendar>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, {
      today: TODAY,
      users: ['wsy-tgt', 'wsy-hmy', 'wjj-longhua', 'xzspj-longhua', 'township-tgt', 'admin', ['cy-zhao', 'doctor-pass-1']],
      accounts: [{ username: 'cy-zhao', password: 'doctor-pass-1', displayName: '赵村医', role: 'village_doctor', county: '隆化县', township: '汤头沟镇' }],
    });
    ({ app, api, db } = platform);
    calendar = await openCalendar(db);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const enter = async (e: ReturnType<typeof entry>) => ok(api.file('wsy-tgt', ROSTER, e));
  const refused = async (p: Promise<{ statusCode: number; json: () => any }>, status: number, message: RegExp) => {
    const r = await p;
    expect(r.statusCode, JSON.stringify(r.json())).toBe(status);
    expect(r.json().message).toMatch(message);
  };

  it('岗位调配 (一、（四））: refused when it would leave a 空白村, allowed once another long-term doctor stays; within the township only', async () => {
    const a = await enter(entry('甲医生', '山前村'));
    await refused(
      api.act('wsy-tgt', a.id, 'move', TODAY, { village: '西窑村', reason: '西窑村服务人口多，缺村医' }),
      422,
      /调配后汤头沟镇山前村将没有长期在岗村医，形成村医“空白村”，不允许调配（隆政办规〔2022〕1号 一、（四））/,
    );
    // A doctor who retires before the move does not keep the village (a woman born 1971-06-01 retired on 2026-06-01).
    await enter(entry('乙医生', '山前村', { birth: '1971-06-01', female: true }));
    await refused(api.act('wsy-tgt', a.id, 'move', TODAY, { village: '西窑村', reason: '西窑村服务人口多，缺村医' }), 422, /空白村/);
    // Regular staff sent to the post are not long-term either (二、（三）).
    await enter(entry('丙职工', '山前村', { regularStaff: true }));
    await refused(api.act('wsy-tgt', a.id, 'move', TODAY, { village: '西窑村', reason: '西窑村服务人口多，缺村医' }), 422, /空白村/);
    const b = await enter(entry('丁医生', '山前村'));
    // Not outside the township, not a village the area tree does not know.
    await refused(
      api.act('wsy-tgt', a.id, 'move', TODAY, { village: '韩麻营村', reason: '调往外乡镇' }),
      422,
      /只能在本乡镇范围内调配.*“汤头沟镇”下没有“韩麻营村”/,
    );
    await refused(api.act('wsy-hmy', a.id, 'move', TODAY, { village: '西窑村', reason: '西窑村缺村医' }), 404, /案件不存在/);
    const moved = await ok(api.act('wsy-tgt', a.id, 'move', TODAY, { village: '西窑村', reason: '西窑村服务人口多，缺村医' }));
    expect(moved.jurisdiction).toEqual({ ...TGT, village: '西窑村' });
    expect(moved.record.postings).toEqual([{ on: TODAY, from: '山前村', to: '西窑村', reason: '西窑村服务人口多，缺村医' }]);
    // Now 丁 is the last long-term doctor of 山前村.
    await refused(api.act('wsy-tgt', b.id, 'move', TODAY, { village: '西窑村', reason: '再调一名' }), 422, /山前村将没有长期在岗村医/);
    // The move is in the audit: the chain verifies, place included.
    const verify = await ok(app.inject({ url: '/api/audit/verify', headers: { authorization: 'Bearer test-admin' } }));
    expect(verify.problems).toEqual([]);
    await db.kysely.updateTable('cases').set({ village: '山前村' }).where('id', '=', a.id).execute();
    const tampered = await ok(app.inject({ url: '/api/audit/verify', headers: { authorization: 'Bearer test-admin' } }));
    expect(tampered.problems.map((p: any) => p.problem)).toContain('area');
    await db.kysely.updateTable('cases').set({ village: '西窑村' }).where('id', '=', a.id).execute();
  });

  it('two concurrent moves out of a village with two doctors: one wins, the other is refused, never a 空白村', async () => {
    const c = await enter(entry('戊医生', '大连沟村'));
    const d = await enter(entry('己医生', '大连沟村'));
    const [r1, r2] = await Promise.all([
      api.act('wsy-tgt', c.id, 'move', TODAY, { village: '河洛营村', reason: '河洛营村缺村医' }),
      api.act('wsy-tgt', d.id, 'move', TODAY, { village: '河洛营村', reason: '河洛营村缺村医' }),
    ]);
    const [won, lost] = r1.statusCode === 200 ? [r1, r2] : [r2, r1];
    expect(won.statusCode).toBe(200);
    // Refused when read after the winner committed (422), or by the check under the write lock (409).
    expect([409, 422]).toContain(lost.statusCode);
    expect(lost.json().message).toMatch(/大连沟村将没有长期在岗村医.*空白村/);
    const left = await db.kysely
      .selectFrom('cases')
      .select('id')
      .where('procedure', '=', ROSTER)
      .where('village', '=', '大连沟村')
      .where('state', '=', 'active')
      .execute();
    expect(left).toHaveLength(1);
  });

  it('the guard is asked again under the write lock: two moves checked before either is written cannot both pass', async () => {
    const c = await enter(entry('寅医生', '西岔沟村'));
    const d = await enter(entry('卯医生', '西岔沟村'));
    const engine = new CaseEngine({ db, calendar: () => calendar.calendar(), procedures: PROCEDURES, today: () => TODAY });
    const u = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'wsy-tgt').executeTakeFirstOrThrow();
    const actor = {
      id: Number(u.id),
      username: u.username,
      name: u.display_name,
      role: u.role,
      county: u.county,
      township: u.township,
      village: u.village,
      unit: u.unit,
    };
    // applyAll checks both (each sees the other staying), then writes both in one transaction.
    const err = await engine
      .applyAll(
        actor,
        [c, d].map((x) => ({
          id: x.id,
          action: 'move',
          body: { version: x.version, date: TODAY, payload: { village: '苇子沟村', reason: '苇子沟村缺村医' } },
        })),
      )
      .catch((e) => e);
    expect(err).toMatchObject({ status: 409, message: expect.stringMatching(/西岔沟村将没有长期在岗村医.*另一项办理已同时生效/) });
    // Nothing half-written: both are still in 西岔沟村 at their versions.
    const rows = await db.kysely.selectFrom('cases').select(['village', 'version']).where('id', 'in', [c.id, d.id]).execute();
    expect(rows.map((r) => [r.village, Number(r.version)])).toEqual([
      ['西岔沟村', 1],
      ['西岔沟村', 1],
    ]);
  });

  it('中止执业 (一、（五））: the job runner marks it 待注销 on the day the 2 years are full; 县卫健 cancels and the certificate withdrawal is recorded', async () => {
    const e = await enter(entry('庚医生', '凤凰岭村', { enteredOn: '2024-01-02' }));
    const s = await ok(api.act('wsy-tgt', e.id, 'suspend', '2024-11-20', { reason: '本人因病中止执业活动' }));
    expect(s.state.id).toBe('suspended');
    expect(s.deadline).toMatchObject({ due: '2026-11-20', status: 'overdue', cites: '隆政办规〔2022〕1号 一、（五）' });
    expect(s.flags.map((f: any) => f.code)).toContain('suspension_two_years');
    // Not before the 2 years: a suspension of 2026-01-05 cannot be cancelled on 2026-11-27, and may be resumed.
    const young = await enter(entry('辛医生', '凤凰岭村', { enteredOn: '2025-01-02' }));
    await ok(api.act('wsy-tgt', young.id, 'suspend', '2026-01-05', { reason: '外出进修' }));
    await refused(api.act('wjj-longhua', young.id, 'cancel', TODAY, { withdrawnOn: TODAY }), 422, /至 2028-01-05 方满 2 年，现在不能注销/);
    const back = await ok(api.act('wsy-tgt', young.id, 'resume', TODAY));
    expect(back.record.suspensions).toEqual([{ from: '2026-01-05', to: TODAY, reason: '外出进修' }]);
    // A resumption after the 2 years is refused.
    await refused(api.act('wsy-tgt', e.id, 'resume', TODAY), 422, /2026-11-20 已满 2 年，应由县卫健部门注销，不能恢复执业/);

    const run = await new JobRunner(db, jobHandlers({ procedures: PROCEDURES, delivery: {}, today: () => TODAY })).runDue(
      new Date('2026-11-27T09:00:00+08:00'),
    );
    expect(run.failed).toBe(0);
    const lapsed = await ok(api.get('wjj-longhua', e.id));
    expect(lapsed.state.id).toBe('to_cancel');
    expect(lapsed.record.lapsedOn).toBe('2026-11-20');
    expect(lapsed.timeline.at(-1)).toMatchObject({ action: 'lapse', actor: '系统（期限届满自动办理）', date: '2026-11-20' });
    expect((await ok(api.get('wjj-longhua', young.id))).state.id).toBe('active'); // not touched
    // Only 县卫健 cancels.
    await refused(api.act('wsy-tgt', e.id, 'cancel', TODAY, { withdrawnOn: TODAY }), 403, /县卫生健康局/);
    await refused(api.act('wjj-longhua', e.id, 'cancel', TODAY, { withdrawnOn: '2026-12-01' }), 422, /不能晚于注销日期/);
    const done = await ok(api.act('wjj-longhua', e.id, 'cancel', TODAY, { withdrawnOn: '2026-11-25', note: '证书已收回' }));
    expect(done.state.id).toBe('cancelled');
    expect(done.record.cancellation).toEqual({
      date: TODAY,
      certificateNo: e.application.qualification.certificateNo,
      withdrawnOn: '2026-11-25',
      note: '证书已收回',
    });
  });

  it('到龄退休 (二、（一））: not before the birthday; listed ahead among those retiring within 12 months', async () => {
    const man = await enter(entry('壬医生', '喇嘛沟村', { birth: '1966-12-01' }));
    await refused(api.act('wsy-tgt', man.id, 'retire', TODAY), 422, /于 2026-12-01 达到退休年龄（二、（一）），此前不能办理到龄退休/);
    const view = await ok(app.inject({ url: '/api/village-doctor/overview', headers: api.as('wsy-tgt') }));
    expect(view.retiringWithinYear.map((d: any) => [d.name, d.retirementDate])).toContainEqual(['壬医生', '2026-12-01']);
    const woman = await enter(entry('癸医生', '喇嘛沟村', { birth: '1971-05-20', female: true }));
    expect((await ok(api.get('wsy-tgt', woman.id))).flags.map((f: any) => f.code)).toContain('retirement_reached');
    const r = await ok(api.act('wsy-tgt', woman.id, 'retire', TODAY));
    expect([r.state.id, r.record.retiredOn]).toEqual(['retired', TODAY]);
  });

  it('正式职工退出 (二、（三）) once a qualified doctor serves the village; 辞职/转岗/死亡 reported with the contract closed (二、（四）)', async () => {
    const staff = await enter(entry('派驻职工', '刁虎山营村', { regularStaff: true }));
    await refused(api.act('wsy-tgt', staff.id, 'hand_over', TODAY), 422, /刁虎山营村尚无合格村医上岗/);
    const fresh = await enter(entry('新村医', '刁虎山营村'));
    const view = await ok(app.inject({ url: '/api/village-doctor/overview', headers: api.as('wsy-tgt') }));
    expect(view.regularStaffToLeave.map((d: any) => d.name)).toContain('派驻职工');
    const h = await ok(api.act('wsy-tgt', staff.id, 'hand_over', TODAY));
    expect(h.record.handedOver).toEqual({ on: TODAY, successors: [fresh.id] });
    await refused(api.act('wsy-tgt', fresh.id, 'hand_over', TODAY), 422, /不是派驻在村医岗位的正式职工/);

    const gone = await enter(entry('离岗医生', '何三屋村'));
    await refused(
      api.act('wsy-tgt', gone.id, 'report_departure', TODAY, { kind: 'resigned', on: '2026-11-20', contractClosedOn: '2026-11-10' }),
      422,
      /合同手续完善日期不能早于发生日期/,
    );
    const r = await ok(
      api.act('wsy-tgt', gone.id, 'report_departure', TODAY, { kind: 'deceased', on: '2026-11-20', contractClosedOn: '2026-11-25', note: '因病去世' }),
    );
    expect(r.state.id).toBe('deceased');
    expect(r.record.departure).toEqual({ kind: 'deceased', on: '2026-11-20', contractClosedOn: '2026-11-25', note: '因病去世' });
  });

  it('考试招录 (一、（三））: the county announces, centres enrol, the rules check, results are recorded, those who pass are registered', async () => {
    const exam = await ok(
      api.file('wjj-longhua', 'village-doctor-exam', {
        title: '2026年隆化县乡村医生招录考试',
        county: '隆化县',
        announcedOn: '2026-11-02',
        enrolUntil: '2026-11-10',
        examOn: '2026-11-20',
        places: 5,
      }),
    );
    expect((await ok(api.get('wsy-hmy', exam.id))).state.id).toBe('enrolling'); // every centre of the county sees it
    await refused(api.file('wsy-tgt', 'village-doctor-exam', { ...exam.application }), 403, /县卫生健康局/);
    const person = (name: string, birth: string, extra: object = {}) => ({
      name,
      idNumber: idFor(birth, 22),
      education: { level: 'secondary', fullTime: true, major: 'tcm', graduatedOn: '2012-07-01' },
      hukouCounty: '隆化县',
      asOf: '2026-11-05',
      ...extra,
    });
    // 35 on the day: still 35 岁以下 (一、（三）3 includes 35).
    const ok35 = await ok(
      api.file('wsy-tgt', 'village-doctor-candidate', { exam: exam.id, candidate: person('报名甲', '1991-11-05'), posting: { ...TGT, village: '苇子沟村' } }),
    );
    expect(ok35.assessment.decision).toBe('eligible');
    // 46 with experience: beyond 45.
    const old = await ok(
      api.file('wsy-tgt', 'village-doctor-candidate', {
        exam: exam.id,
        candidate: person('报名乙', '1980-01-01', { medicalInstitutionExperience: true }),
        posting: { ...TGT, village: '苇子沟村' },
      }),
    );
    await refused(api.act('wjj-longhua', old.id, 'admit', '2026-11-06'), 422, /不符合报考条件：隆政办规〔2022〕1号 一、（三）3\./);
    await ok(api.act('wjj-longhua', old.id, 'refuse', '2026-11-06', { reason: '超过 45 周岁' }));
    await ok(api.act('wjj-longhua', ok35.id, 'admit', '2026-11-06'));
    await refused(
      api.file('wsy-tgt', 'village-doctor-candidate', {
        exam: 'CYK-NOPE',
        candidate: person('报名丙', '1995-01-01'),
        posting: { ...TGT, village: '苇子沟村' },
      }),
      422,
      /没有编号为 CYK-NOPE/,
    );
    await ok(api.act('wjj-longhua', exam.id, 'close_enrolment', '2026-11-10'));
    await refused(
      api.file('wsy-tgt', 'village-doctor-candidate', { exam: exam.id, candidate: person('报名丁', '1995-01-01'), posting: { ...TGT, village: '苇子沟村' } }),
      422,
      /已截止报名/,
    );
    await refused(api.act('wjj-longhua', ok35.id, 'record_result', '2026-11-19', { score: 80, passed: true }), 422, /考试日期为 2026-11-20，此前不能登记成绩/);
    const passed = await ok(api.act('wjj-longhua', ok35.id, 'record_result', '2026-11-21', { score: 82.5, passed: true }));
    expect(passed.state.id).toBe('passed');
    const reg = await ok(api.act('wjj-longhua', ok35.id, 'register', '2026-11-23', { certificateNo: 'XC-EXAM-01' }));
    expect(reg.state.id).toBe('registered');
    const entryView = await ok(api.get('wsy-tgt', reg.record.opened.id));
    expect(entryView.application).toMatchObject({ basis: 'exam', posting: { ...TGT, village: '苇子沟村' }, qualification: { certificateNo: 'XC-EXAM-01' } });
  });

  it('个体卫生室 (二、（二））: retirement age reached, 县卫健 confirms, the 县行政审批局 records its licence with the terms of the article', async () => {
    const retiree = await enter(entry('子医生', '四间房村', { birth: '1968-05-06', female: true }));
    const young = await enter(entry('丑医生', '四间房村', { birth: '1985-02-02' }));
    const apply = (e: any, extra: object = {}) =>
      api.file('wsy-tgt', 'village-doctor-clinic', {
        rosterCase: e.id,
        doctor: { name: e.application.doctor.name, idNumber: '' },
        place: { ...TGT, village: '四间房村' },
        writtenOn: '2026-11-20',
        statement: '本人从事村医工作多年，身体健康，愿意继续开办个体卫生室。',
        ...extra,
      });
    // The application must name the doctor of the register entry (the 身份证号 is checked, not only the name).
    const idOf = async (id: string) =>
      JSON.parse((await db.kysely.selectFrom('cases').select('application_json').where('id', '=', id).executeTakeFirstOrThrow()).application_json).doctor
        .idNumber;
    await refused(apply(retiree, { doctor: { name: '子医生', idNumber: await idOf(young.id) } }), 422, /登记的不是子医生/);
    const c = await ok(apply(retiree, { doctor: { name: '子医生', idNumber: await idOf(retiree.id) } }));
    expect(c.state.id).toBe('county_confirm');
    const early = await ok(apply(young, { doctor: { name: '丑医生', idNumber: await idOf(young.id) } }));
    await refused(api.act('wjj-longhua', early.id, 'confirm', TODAY), 422, /2045-02-02 才达到退休年龄/);
    await refused(api.act('xzspj-longhua', c.id, 'confirm', TODAY), 403, /县卫生健康局/);
    const handed = await ok(api.act('wjj-longhua', c.id, 'confirm', TODAY));
    expect(handed.state.id).toBe('handed_off');
    // The 行政审批局 sees what was handed to it; not the register.
    expect((await api.get('xzspj-longhua', c.id)).statusCode).toBe(200);
    expect((await api.get('xzspj-longhua', retiree.id)).statusCode).toBe(404);
    await refused(api.act('xzspj-longhua', c.id, 'record_licence', TODAY, { licensed: true }), 422, /请填写《医疗机构执业许可证》登记号/);
    const lic = await ok(api.act('xzspj-longhua', c.id, 'record_licence', TODAY, { licensed: true, number: 'PDY-130825-0001' }));
    expect(lic.state.id).toBe('licensed');
    expect(lic.record.licence.terms).toMatch(/不实施基本药物制度，不实行药品“零差率”销售，不享受政府各项补助，独立经营/);
  });

  it('the township views: every village of the area tree, the 空白村 among them, age bands; a centre sees only its own township', async () => {
    const view = await ok(app.inject({ url: '/api/village-doctor/overview', headers: api.as('wsy-tgt') }));
    const villages = villagesOf('隆化县', '汤头沟镇')!;
    expect(view.villages).toHaveLength(villages.length);
    const served = new Set(view.villages.filter((v: any) => v.longTerm > 0).map((v: any) => v.name));
    expect(served.has('山前村')).toBe(true); // 丁 stayed
    expect(view.blankVillages.map((v: any) => v.name)).toContain('小偏坡营村'); // nobody there
    expect(view.blankVillages.some((v: any) => served.has(v.name))).toBe(false);
    expect(view.ageBands.reduce((n: number, b: any) => n + b.count, 0)).toBe(view.total);
    expect(view.suspended.every((d: any) => d.twoYearsOn)).toBe(true);
    expect(findPersonalData(JSON.stringify(view))).toEqual([]);
    await refused(app.inject({ url: '/api/village-doctor/overview?township=韩麻营镇', headers: api.as('wsy-tgt') }), 403, /只能查看本乡镇（汤头沟镇）/);
    await refused(app.inject({ url: '/api/village-doctor/overview', headers: api.as('township-tgt') }), 403, /仅供乡镇卫生院和县卫生健康局/);
    const county = await ok(app.inject({ url: `/api/village-doctor/overview?township=${encodeURIComponent('汤头沟镇')}`, headers: api.as('wjj-longhua') }));
    expect(county.total).toBe(view.total);
    expect(county.townships.length).toBeGreaterThan(20);
    const hmy = await ok(app.inject({ url: '/api/village-doctor/overview', headers: api.as('wsy-hmy') }));
    expect([hmy.township, hmy.total]).toEqual(['韩麻营镇', 0]);
    expect(hmy.blankVillages).toHaveLength(villagesOf('隆化县', '韩麻营镇')!.length);
  });

  it('exports the register to Excel with the 身份证号 masked', async () => {
    const r = await app.inject({ url: '/api/village-doctor/register.xlsx', headers: api.as('wjj-longhua') });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    const ws = wb.worksheets[0];
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const total = await db.kysely.selectFrom('cases').select('id').where('procedure', '=', ROSTER).execute();
    expect(rows.length - 1).toBe(total.length);
    expect(String(rows[0][1])).toBe('花名册编号');
    const text = rows.flat().map(String).join(' ');
    expect(findPersonalData(text)).toEqual([]);
    expect(text).toMatch(/1308\*+\d{3}[\dX]|\*{4}/);
  });

  it('the doctor reads his own entry only, and cannot act on it', async () => {
    const mine = await enter(entry('赵村医', '黑沟村', { account: 'cy-zhao' }));
    const other = await enter(entry('钱村医', '黑沟村'));
    expect((await ok(api.get('cy-zhao', mine.id))).id).toBe(mine.id);
    expect((await api.get('cy-zhao', other.id)).statusCode).toBe(404);
    const list = await ok(app.inject({ url: `/api/cases?procedure=${ROSTER}`, headers: api.as('cy-zhao') }));
    expect(list.items.map((i: any) => i.id)).toEqual([mine.id]);
    await refused(api.act('cy-zhao', mine.id, 'move', TODAY, { village: '水泉村', reason: '本人申请' }), 403, /乡镇卫生院/);
    await refused(api.file('wsy-tgt', ROSTER, entry('孙村医', '黑沟村', { account: 'no-such-user' })), 400, /账号“no-such-user”不存在/);
  });

  it('puts the yearly post-needs report (一、（六）, due 5月31日) in each 乡镇卫生院’s inbox, escalated to 县卫健', async () => {
    await ensureDuties(db, (await openCalendar(db)).calendar(), TODAY);
    const mine = (await ok(app.inject({ url: '/api/duties', headers: api.as('wsy-tgt') }))).items;
    expect(mine).toContainEqual(
      expect.objectContaining({ dutyId: 'village-doctor-post-needs', period: '2026', dueOn: '2026-05-31', office: '隆化县汤头沟镇', canFile: true }),
    );
    const county = (await ok(app.inject({ url: '/api/duties', headers: api.as('wjj-longhua') }))).items;
    expect(
      county
        .filter((d: any) => d.dutyId === 'village-doctor-post-needs')
        .map((d: any) => d.office)
        .sort(),
    ).toEqual(['隆化县汤头沟镇', '隆化县韩麻营镇']);
  });
});
