// A county's year of 宅基地 applications through the full lifecycle on the
// embedded database, with the audit chain on; compared with a plain
// better-sqlite3 loop writing the same rows (one transaction per event).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { type Actor } from '../src/auth/service.js';
import { ensureDemoData } from '../src/server/demo.js';
import { openCalendar } from '../src/calendar/service.js';
import { openDb } from '../src/db/connection.js';
import { CaseEngine } from '../src/engine/cases.js';
import { uploadDocument } from '../src/engine/documents.js';
import { PROCEDURES } from '../src/procedures/registry.js';
import { baseApplication, deepMerge } from '../src/procedures/homestead/fixtures.js';

const N = Number(process.env.BENCH_CASES ?? 5000);

export async function benchHomestead() {
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-bench-cases-'));
  const db = await openDb(`sqlite:${join(dir, 'cases.sqlite')}`);
  const calendar = await openCalendar(db);
  // The engine's today moves with the journey: an applicant's filing is received on the day it is made (the engine
  // sets the date of receipt), and no step may be dated after today.
  let day = '2026-03-02';
  const engine = new CaseEngine({ db, calendar: () => calendar.calendar(), procedures: PROCEDURES, today: () => day });
  const place = { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村', unit: null };
  await ensureDemoData(db);
  const zs = await db.kysely.selectFrom('users').select('id').where('username', '=', 'zhangsan').executeTakeFirstOrThrow();
  const applicant: Actor = { id: Number(zs.id), username: 'zhangsan', name: '张三', role: 'applicant', ...place };
  const village: Actor = { id: 0, username: 'bench-v', name: '协管员', role: 'village', ...place };
  const township: Actor = { id: 0, username: 'bench-t', name: '乡镇', role: 'township', ...place };
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]);
  const steps: [Actor, string, string, unknown?][] = [
    [village, 'accept_complete', '2026-03-03'],
    [village, 'record_meeting', '2026-03-04', { present: 20, agree: 12 }],
    [village, 'end_publicity', '2026-03-11', { objections: 'none' }],
    [village, 'report_to_township', '2026-03-12'],
    [township, 'site_inspection', '2026-03-13', { findings: '符合规划和地类', conformsToPlan: true }],
    [township, 'extend_deadline', '2026-03-16', { reason: '征求电力部门意见' }],
    [township, 'approve', '2026-03-17'],
    [applicant, 'request_stakeout', '2026-03-18'],
    [township, 'stake_out', '2026-03-19', { note: '丈量批放' }],
    [applicant, 'report_completion', '2026-06-01', { completedOn: '2026-05-29' }],
    [township, 'accept_works', '2026-06-02', { passed: true, opinion: '验收合格' }],
    [township, 'hand_off_registration', '2026-06-03'],
  ];
  const t0 = performance.now();
  let events = 0;
  for (let i = 0; i < N; i++) {
    const application = deepMerge(baseApplication(), { applicationDate: '2026-03-02', applicant: { name: `申请人${i}` } });
    day = '2026-03-02';
    const id = await engine.file('homestead', applicant, application);
    events++;
    for (const [k, name] of [
      ['household_register', '户口本.png'],
      ['publicity_photos', '公示.png'],
    ]) {
      await uploadDocument(db, engine, village, id, PROCEDURES.get('homestead')!.documentKinds, {
        kind: k,
        name,
        declaredMime: 'image/png',
        bytes: Buffer.concat([png, Buffer.from(`${i}-${k}`)]),
      });
      events++;
    }
    let version = 1;
    for (const [who, action, date, payload] of steps) {
      day = date;
      version = await engine.apply(who, id, action, { version, date, payload });
      events++;
    }
    if ((i + 1) % 1000 === 0) console.log(`   ${i + 1}/${N} cases, ${events} events, ${(events / ((performance.now() - t0) / 1000)).toFixed(0)} events/s`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = events / seconds;

  // The same rows, written by a plain loop: one transaction per event, no engine, no chain.
  const rows = await db.kysely.selectFrom('case_events').selectAll().orderBy('seq').execute();
  const cases = await db.kysely.selectFrom('cases').selectAll().execute();
  await db.close();
  const plain = new SQLite(join(dir, 'plain.sqlite'));
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = NORMAL');
  plain.exec(`CREATE TABLE cases (id TEXT PRIMARY KEY, data TEXT, state TEXT, version INTEGER);
    CREATE TABLE case_events (seq INTEGER PRIMARY KEY, case_id TEXT, at TEXT, on_date TEXT, actor_id INTEGER, actor_name TEXT, actor_role TEXT, action TEXT, from_state TEXT, to_state TEXT, reason TEXT, data_json TEXT, rules_json TEXT, prev_hash TEXT, hash TEXT);`);
  const insCase = plain.prepare('INSERT OR REPLACE INTO cases VALUES (?, ?, ?, ?)');
  const insEvent = plain.prepare(
    'INSERT INTO case_events VALUES (@seq, @case_id, @at, @on_date, @actor_id, @actor_name, @actor_role, @action, @from_state, @to_state, @reason, @data_json, @rules_json, @prev_hash, @hash)',
  );
  const byId = new Map(cases.map((c) => [c.id, c]));
  const one = plain.transaction((e: (typeof rows)[number]) => {
    const c = byId.get(e.case_id)!;
    insCase.run(c.id, c.application_json, e.to_state, e.seq);
    insEvent.run(e);
  });
  const p0 = performance.now();
  for (const e of rows) one(e);
  const plainRate = rows.length / ((performance.now() - p0) / 1000);
  plain.close();
  rmSync(dir, { recursive: true, force: true });
  return { cases: N, events, seconds, rate, plainRate };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchHomestead();
  console.log(r);
}
