// The case engine: files applications as cases and moves them through a
// procedure definition. It checks who may act (role and jurisdiction),
// validates what is recorded, computes deadlines on the working-day calendar,
// refuses a stale version (one of two concurrent officials wins), and writes
// every change with its audit event in one transaction.
import { config } from '../platform/config.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RefusalError } from '../platform/errors.js';
import type { Actor } from '../auth/service.js';
import { CalendarError, type WorkdayCalendar } from '../calendar/workdays.js';
import type { Db } from '../db/connection.js';
import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { CaseTable, Database } from '../db/schema.js';
import { addDays, addYears, isRealDate, todayIso } from '../calendar/dates.js';
import { assessApplication, InputError, parseApplication } from './assess.js';
import {
  appendEvent,
  appendEventAfter,
  appendEventAlone,
  appendEventAloneSqlite,
  ChainWalker,
  checkCase,
  emptyReplay,
  expectedHash,
  legacyHead,
  replayEvent,
  run,
  type CaseChange,
  type InsertWith,
} from './audit.js';
import { withDocumentRelations, type GovernanceRecord } from './governance.js';
import { canReadCase, caseFilter } from './access.js';
import { firstIdNumber, maskPersonalData } from './personal-data.js';
import {
  caseState,
  ROLE_LABELS,
  stateOf,
  targetOf,
  type ActionContext,
  type JointOpinion,
  type JointReview,
  type Jurisdiction,
  type ProcedureDefinition,
  type RelatedCase,
  type RelatedQuery,
  type StateDef,
} from './procedure.js';
import { roleDef, seesOwnCasesOnly, supervisorOf } from '../platform/roles.js';
import { levelsDownTo } from '../platform/areas.js';
import { beijingStart, enqueue, jobsInsert, type NewJob } from '../jobs/queue.js';
import { notificationsInsert } from '../notifications/service.js';
import { citeLink, citeText } from './rules.js';
import { renderCertificate, type CertificateContent } from './pdf.js';
import { canIssueNotice, NOTICE_ACTION, NOTICE_LABEL, noticesFromEvents, officeName } from './notice-content.js';
import { promisedCompletion, type PromisedCompletion } from './promise.js';
import { localValues, readerFor, type LocalRow } from './parameters.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The clock of a case's current time limit, kept in its record (so the audit replays it). */
export interface Clock {
  pauses: { state: string; from: string; to: string; workdays: number; label: string; cites: string }[];
  pausedSince: string | null;
  pausedFor?: string;
  pausedLabel?: string;
  pausedCites?: string;
}
const READ_CASE = 'SELECT * FROM cases WHERE id = ?';

export function clockOf(record: Record<string, unknown>): Clock {
  const c = record.clock as Partial<Clock> | undefined;
  return { ...c, pauses: Array.isArray(c?.pauses) ? c!.pauses : [], pausedSince: typeof c?.pausedSince === 'string' ? c.pausedSince : null };
}

// Due and reminder dates, kept per calendar: the calendar walks day by day, and most steps on a day ask the same
// question (10 working days from today). A calendar with a newly loaded year is a new object, so it starts afresh.
const calendarAnswers = new WeakMap<WorkdayCalendar, Map<string, string>>();
function remembered(calendar: WorkdayCalendar, key: string, compute: () => string): string {
  let answers = calendarAnswers.get(calendar);
  if (!answers) calendarAnswers.set(calendar, (answers = new Map()));
  let v = answers.get(key);
  if (v === undefined) {
    v = compute(); // a CalendarError is thrown each time, never kept
    if (answers.size > 50_000) answers.clear();
    answers.set(key, v);
  }
  return v;
}
const addWorkdaysOn = (calendar: WorkdayCalendar, date: string, n: number) => remembered(calendar, `+${date}:${n}`, () => calendar.addWorkdays(date, n));

/** The working day `n` working days before `due` (a reminder date). */
export function workdaysBefore(calendar: WorkdayCalendar, due: string, n: number): string {
  return remembered(calendar, `-${due}:${n}`, () => walkWorkdaysBefore(calendar, due, n));
}
function walkWorkdaysBefore(calendar: WorkdayCalendar, due: string, n: number): string {
  let d = due;
  for (let k = 0, guard = 0; k < n && guard < 400; guard++) {
    d = addDays(d, -1);
    if (calendar.isWorkday(d)) k++;
  }
  return d;
}
const sha256Bytes = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export class CaseError extends RefusalError {
  /** `internal`: a defect in a procedure definition met on this case, logged by the server; the user sees only the message. */
  constructor(
    message: string,
    status: 403 | 404 | 409 | 422,
    readonly internal?: unknown,
  ) {
    super(message, status);
  }
}

/**
 * A write that met another in a lock cycle (PostgreSQL ends one of them, 40P01): the cases are locked in the
 * order of their ids, so only unusual combinations of steps get here; the one ended is told to retry, not a 500.
 */
async function retryOnDeadlock<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if ((e as { code?: string }).code === '40P01') throw new CaseError('案件正被他人同时办理，请稍后重试。', 409);
    throw e;
  }
}

export interface EngineDeps {
  db: Db;
  calendar: () => WorkdayCalendar;
  procedures: Map<string, ProcedureDefinition<any>>;
  today?: () => string;
}

type Place = { county: string; township: string; village: string };

/**
 * Whether an actor may file a case placed here: the levels the actor has are compared; empty levels of the
 * place are not (a project belongs to a county only). Who may *read* a case is the procedure's access policy.
 */
export function withinJurisdiction(actor: Actor, j: Place): boolean {
  const level = roleDef(actor.role)?.level ?? 'village';
  if (level === 'city') return true;
  // A person or unit acting for itself files where its account is placed, as far down as that goes (an enterprise
  // placed in a county files in that county; one not placed invests wherever it builds).
  if (level === 'own') return levelsDownTo('village').every((k) => j[k] === '' || !actor[k] || actor[k] === j[k]);
  return levelsDownTo(level).every((k) => j[k] === '' || actor[k] === j[k]);
}

/**
 * Extensions and successors recorded for a procedure's governing document. A record names the procedure
 * it was entered for, but it concerns the document: procedures resting on the same document share it
 * (an extension of 隆政发〔2022〕11号 covers 宅基地审批 and its transfer, reclaim and patrol alike).
 */
export async function governanceRecords(db: Db, procedure: string, procedures?: Map<string, ProcedureDefinition<any, any>>): Promise<GovernanceRecord[]> {
  let ids = [procedure];
  const own = procedures?.get(procedure);
  if (own && procedures) {
    const docs = new Set(own.ruleSets.map((r) => r.governingDocument));
    ids = [...procedures.values()].filter((p) => p.ruleSets.some((r) => docs.has(r.governingDocument))).map((p) => p.id);
  }
  const rows = await db.kysely.selectFrom('governance_records').selectAll().where('procedure', 'in', ids).orderBy('id').execute();
  const recorded = rows.map((r) => ({
    kind: r.kind as GovernanceRecord['kind'],
    document: r.document,
    validUntil: r.valid_until,
    note: r.note,
    recordedAt: r.recorded_at,
  }));
  // Extensions and replacements recorded once as relations between documents count for every procedure under them.
  const documents = ids.flatMap((id) => procedures?.get(id)?.ruleSets.map((r) => r.governingDocument) ?? []);
  return withDocumentRelations(db, recorded, documents);
}

/** Runs a step of a definition on filing; a defect in it is the server's fault, told to the user without a 500. */
function safelyDefined<T>(p: ProcedureDefinition<any>, step: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new CaseError(`“${p.name}”的流程定义有误，暂不能受理，请联系管理员。`, 422, { procedure: p.id, step, error: e });
  }
}

/**
 * What a 受理回执 says: the case, the day of receipt, the receiving office, the promised completion date (or that
 * the text sets no overall limit), every time limit of the procedure with its article.
 */
export function receiptContent(
  p: ProcedureDefinition<any>,
  row: Pick<CaseTable, 'id' | 'title' | 'application_date' | 'county' | 'township' | 'village'>,
  now: { state: StateDef; due: string | null; promise?: PromisedCompletion },
): CertificateContent {
  const first = p.states.find((s) => s.actor && !seesOwnCasesOnly(s.actor));
  // The receiving office: the place down to its level, and its kind unless the place already names it (…社区居民委员会).
  const office = officeName(first?.actor, row);
  const limits = p.states.filter((s) => s.limit).map((s) => `${s.label}：${s.limit!.label}（${citeText(s.limit!.citation)}）`);
  return {
    title: '受理回执',
    number: row.id,
    rows: [
      ['办理事项', p.name],
      ['办件编号', row.id],
      ['申请事项', maskPersonalData(row.title)],
      ['受理日期', row.application_date],
      ['受理单位', office],
      ['当前环节', now.state.label],
      ['本环节期限', now.due ?? '—'],
      ...(now.promise ? [['承诺办结日期', [now.promise.text, ...now.promise.notes].join('\n')] as [string, string]] : []),
      ['办理时限', limits.join('\n') || '依据文件未规定办理时限'],
      ['进度查询', '登录后在“我的申请”查看；或在“办件进度查询”（/progress）输入办件编号和申请人身份证号后 6 位，无需登录'],
    ],
    notes: ['请妥善保存本回执；办件编号是查询进度、补正材料和评价服务的凭据。'],
    basis: [...new Set(p.ruleSets.map((r) => r.governingDocument))],
    issuer: office,
    date: row.application_date,
    footer: '本回执由政务 Zhengwu 依据受理记录生成。',
  };
}

/** Who the case waits for: the state's actor, or in a joint review (会审) the members yet to give their opinion. */
export function waitingFor(p: ProcedureDefinition<any, any>, state: StateDef, record: Record<string, unknown>): string[] {
  const joint = p.actions.find((a) => a.joint && a.from.includes(state.id));
  if (!joint) return state.actor ? [state.actor] : [];
  const open = (record.joint as Record<string, JointReview> | undefined)?.[joint.id]?.open ?? {};
  return joint.roles.filter((r) => !open[r]);
}

export class CaseEngine {
  constructor(private readonly deps: EngineDeps) {}

  private today(): string {
    return this.deps.today?.() ?? todayIso();
  }

  /** The recorded values of a procedure's parameters — counties' own and later documents' (none when it declares none). */
  localParameters(p: ProcedureDefinition<any, any>): Promise<LocalRow[]> {
    return localValues(
      this.deps.db,
      (p.parameters ?? []).map((d) => d.key),
    );
  }

  /** Governance records of a procedure's governing document. */
  records(procedure: string): Promise<GovernanceRecord[]> {
    return governanceRecords(this.deps.db, procedure, this.deps.procedures);
  }

  /** Refuses a decision (or a certificate) while the governing document was not in force on the application date. */
  private assertDecidable(p: ProcedureDefinition<any>, application: unknown, records: GovernanceRecord[], what: string) {
    const status = assessApplication(p, application, records).governingDocumentStatus;
    if (!status.decisionsAllowed) throw new CaseError(`不能${what}：${status.message}`, 422);
  }

  procedure(id: string): ProcedureDefinition<any> {
    const p = this.deps.procedures.get(id);
    if (!p) throw new CaseError(`没有这个办事事项：${id}`, 404);
    return p;
  }

  /** Deadline of a state entered on `enteredOn`: a date, or a note saying why it cannot be computed. */
  private deadline(state: StateDef, enteredOn: string, extraWorkdays = 0): { due: string | null; note: string | null } {
    if (!state.limit || state.limit.kind !== 'due') return { due: null, note: null };
    if (state.limit.calendarDays) return { due: addDays(enteredOn, state.limit.workdays + extraWorkdays), note: null };
    if (state.limit.calendarYears) return { due: addYears(enteredOn, state.limit.workdays), note: null };
    try {
      return { due: addWorkdaysOn(this.deps.calendar(), enteredOn, state.limit.workdays + extraWorkdays), note: null };
    } catch (e) {
      if (e instanceof CalendarError) return { due: null, note: `无法计算期限：${e.message}` };
      throw e;
    }
  }

  async create(procedureId: string, actor: Actor, input: unknown, receipt: { paperReason?: string } = {}) {
    return this.get(actor, await this.file(procedureId, actor, input, receipt));
  }

  /** Files a case; returns its id. */
  async file(procedureId: string, actor: Actor, input: unknown, receipt: { paperReason?: string } = {}): Promise<string> {
    const filing = await this.prepareFiling(this.procedure(procedureId), actor, input, { paperReason: receipt.paperReason });
    await retryOnDeadlock(() => this.deps.db.kysely.transaction().execute((trx) => filing.write(trx)));
    return filing.id;
  }

  /**
   * Checks a filing and computes the case; `write` inserts it with its first event. `openedBy`: a case opened by
   * another case's step (a registration entering the register) — the official acting there need not be among
   * those who file it, but the place must still be within the official's area.
   */
  private async prepareFiling(
    p: ProcedureDefinition<any>,
    actor: Actor,
    input: unknown,
    opts: { openedBy?: { procedure: string; id: string }; paperReason?: string },
  ) {
    if (!opts.openedBy && !p.filedBy.includes(actor.role))
      throw new CaseError(`“${p.name}”只能由${p.filedBy.map((r) => ROLE_LABELS[r]).join('或')}提交。`, 403);
    let application = parseApplication(p, input);
    // The date of receipt is the day the system receives the application. A person or unit filing for itself
    // cannot choose it (a back-dated application would start overdue); an official entering a paper application
    // received earlier gives that day and why, and both are in the audit.
    const today = this.today();
    const typedDate = safelyDefined(p, 'applicationDate', () => p.applicationDate(application));
    let paper: { receivedOn: string; enteredOn: string; reason: string } | null = null;
    if (seesOwnCasesOnly(actor.role) && !opts.openedBy) {
      if (typedDate !== today) {
        if (!p.withApplicationDate) throw new CaseError(`申请日期由系统按收到申请之日（今天 ${today}）记录，不能填写 ${typedDate}。`, 422);
        const withDate = p.withApplicationDate;
        application = safelyDefined(p, 'withApplicationDate', () => withDate(application, today));
      }
    } else if (!opts.openedBy && typedDate < today && isRealDate(typedDate)) {
      const reason = opts.paperReason?.trim() ?? '';
      if (reason.length < 4)
        throw new InputError([
          {
            field: 'paperReason',
            message: `申请日期 ${typedDate} 早于今天（${today}）：补录纸质申请的，请说明收件情况（至少 4 个字，如“${typedDate} 窗口收到纸质申请”）`,
          },
        ]);
      paper = { receivedOn: typedDate, enteredOn: today, reason: reason.slice(0, 500) };
    }
    const filerRefusal = p.checkFiler?.(application, { id: actor.id, role: actor.role, unit: actor.unit });
    if (filerRefusal) throw new CaseError(filerRefusal, 422);
    const j = p.jurisdiction(application);
    if (!withinJurisdiction(actor, j)) {
      throw new CaseError(`提交地（${j.township}${j.village}）不在您的辖区（${[actor.township, actor.village].filter(Boolean).join('') || '无'}）内。`, 403);
    }
    const date = p.applicationDate(application);
    if (date > this.today()) throw new CaseError(`申请日期 ${date} 晚于今天，不能提交。`, 422);
    // Time limits are counted on the official calendar: a day it does not cover cannot start a case.
    try {
      this.deps.calendar().isWorkday(date);
    } catch (e) {
      if (e instanceof CalendarError) throw new CaseError(`申请日期 ${date} 无法受理：${e.message}`, 422);
      throw e;
    }
    const records = await this.records(p.id);
    const assessment = assessApplication(p, application, records, await this.localParameters(p));
    const bars = assessment.findings.filter((f) => f.outcome === 'fail' && p.filingBars?.includes(f.rule));
    if (bars.length) throw new CaseError(`不予受理：${bars.map((f) => `${f.message}（${f.cites}）`).join('；')}`, 422);
    const filingCheck = p.filingCheck;
    const checkRelated = async (db: Db['kysely'] | Transaction<Database>, lock = false) => {
      if (!filingCheck) return;
      const q = safelyDefined(p, 'filingCheck', () => filingCheck.related(application));
      const related = await this.related(db, q, null, lock);
      const refusal = safelyDefined(p, 'filingCheck', () => filingCheck.check(application, related));
      if (refusal) throw new CaseError(refusal, 422);
    };
    await checkRelated(this.deps.db.kysely);
    const partyIds: number[] = [];
    for (const username of p.parties?.(application) ?? []) {
      const u = await this.deps.db.kysely.selectFrom('users').select(['id', 'disabled']).where('username', '=', username).executeTakeFirst();
      if (!u || u.disabled) throw new InputError([{ field: 'account', message: `账号“${username}”不存在或已停用` }]);
      partyIds.push(Number(u.id));
    }
    const state = safelyDefined(p, 'initialState', () => {
      const first = p.initialState(application);
      if (!(p.startStates ?? [p.states[0].id]).includes(first)) throw new Error(`initialState chose ${first}, not among startStates`);
      return stateOf(p, first);
    });
    const { due, note } = this.deadline(state, date);
    const id = `${p.idPrefix}-${date.replace(/-/g, '')}-${randomBytes(5).toString('hex').toUpperCase()}`;
    const now = new Date().toISOString();
    const applicantId = seesOwnCasesOnly(actor.role) && !opts.openedBy ? actor.id : null;
    const follow = await this.followUps(p, { id, state: '', applicant_user_id: applicantId, version: 0 } as CaseTable, state, due, date, date, null);
    const write = async (trx: Transaction<Database>) => {
      // Read again under the transaction, the cases read locked: the exam closed meanwhile refuses the enrolment.
      if (filingCheck) await checkRelated(trx, true);
      await trx
        .insertInto('cases')
        .values({
          id,
          procedure: p.id,
          state: state.id,
          version: 1,
          county: j.county,
          township: j.township,
          village: j.village,
          applicant_user_id: applicantId,
          title: p.title(application),
          application_json: JSON.stringify(application),
          data_json: '{}',
          application_date: date,
          state_entered_on: date,
          due_on: due,
          due_note: note,
          created_at: now,
          updated_at: now,
          definition_version: p.version ?? 1,
          // The chain begins with the first event (appendEvent), from the case's genesis.
          chain_events: 0,
          chain_hash: '',
        })
        .execute();
      for (const userId of partyIds)
        await trx.insertInto('case_parties').values({ case_id: id, user_id: userId, role_in_case: 'subject', added_at: now }).execute();
      await follow(trx);
      await appendEvent(trx, this.deps.db.dialect, {
        case_id: id,
        at: now,
        on_date: date,
        actor_id: actor.id,
        actor_name: actor.name,
        actor_role: actor.role,
        action: 'submit',
        // The application's hash, so that verification can tell an application edited outside the engine.
        from_state: null,
        to_state: state.id,
        reason: null,
        data_json: JSON.stringify({
          applicationSha256: sha256(JSON.stringify(application)),
          ...(opts.openedBy ? { openedBy: opts.openedBy } : {}),
          ...(paper ? { paperApplication: paper } : {}),
        }),
        rules_json: JSON.stringify(assessment.findings),
      });
    };
    return { id, title: p.title(application), write };
  }

  /**
   * The cases a query names, as steps see them (the case `self` excluded). `lock` (inside a write, PostgreSQL):
   * they are locked for share and `self` for update, all in the order of their ids, until the transaction ends —
   * no other step changes what the guard relied on (two doctors moving out of one village cannot both pass),
   * while steps that only read the same cases (two enterprises applying to two 榜单) do not wait for each other.
   * A row changed meanwhile is read as committed and dropped if it no longer matches.
   */
  private async related(db: Db['kysely'] | Transaction<Database>, q: RelatedQuery, self: string | null, lock = false): Promise<RelatedCase[]> {
    const query = (range: '<' | '>' | null) =>
      db
        .selectFrom('cases')
        .selectAll()
        .where((eb) => {
          const all: Expression<SqlBool>[] = [eb('procedure', '=', q.procedure)];
          if (q.states) all.push(q.states.length ? eb('state', 'in', q.states) : sql<SqlBool>`1 = 0`);
          if (q.ids) all.push(q.ids.length ? eb('id', 'in', q.ids) : sql<SqlBool>`1 = 0`);
          for (const k of ['county', 'township', 'village'] as const) if (q.area?.[k] !== undefined) all.push(eb(k, '=', q.area[k]!));
          if (self) all.push(eb('id', range ?? '!=', self));
          return eb.and(all);
        })
        .orderBy('id')
        .limit(2000);
    let rows: CaseTable[];
    if (!lock || this.deps.db.dialect !== 'postgres') rows = await query(null).execute();
    else if (!self) rows = await query(null).forShare().execute();
    else {
      const below = await query('<').forShare().execute();
      await run(db, 'postgres', 'SELECT 1 FROM cases WHERE id = ? FOR UPDATE', [self]);
      rows = [...below, ...(await query('>').forShare().execute())].slice(0, 2000);
    }
    return rows.map((r) => ({
      id: r.id,
      procedure: r.procedure,
      state: r.state,
      title: r.title,
      version: Number(r.version),
      county: r.county,
      township: r.township,
      village: r.village,
      application: JSON.parse(r.application_json),
      record: JSON.parse(r.data_json),
    }));
  }

  /** Loads a case the actor may see; "not yours" and "does not exist" answer alike. */
  async readable(actor: Actor, id: string) {
    const row = await this.load(id);
    await this.assertReadable(actor, row);
    return row;
  }

  private async assertReadable(actor: Actor, row: CaseTable) {
    if (!(await canReadCase(this.procedure(row.procedure), actor, row, () => this.isParty(actor, row.id)))) throw new CaseError(`案件不存在：${row.id}`, 404);
  }

  private async isParty(actor: Actor, id: string): Promise<boolean> {
    if (!seesOwnCasesOnly(actor.role)) return false;
    const r = await this.deps.db.kysely
      .selectFrom('case_parties')
      .select('user_id')
      .where('case_id', '=', id)
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    return Boolean(r);
  }

  private async load(id: string) {
    // Read on every action and view: one prepared statement, past the query builder — on SQLite, when no
    // transaction is open on the connection, read at once (what is committed) without queueing for it.
    const db = this.deps.db;
    const row =
      db.sqlite && !db.sqlite.inTransaction
        ? (db.statement!(READ_CASE).get(id) as CaseTable | undefined)
        : (await run<CaseTable>(db.kysely, db.dialect, READ_CASE, [id])).rows[0];
    if (!row) throw new CaseError(`案件不存在：${id}`, 404);
    return row;
  }

  async get(actor: Actor, id: string) {
    const row = await this.readable(actor, id);
    const p = this.procedure(row.procedure);
    const application = JSON.parse(row.application_json);
    const records = await this.records(p.id);
    const assessment = assessApplication(p, application, records, await this.localParameters(p));
    const record = JSON.parse(row.data_json) as Record<string, unknown>;
    const events = await this.deps.db.kysely.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute();
    const state = caseState(p, row);
    const startState = events.find((e) => e.action === 'submit')?.to_state ?? null;
    const view = {
      id: row.id,
      procedure: { id: p.id, name: p.name },
      title: row.title,
      state: { id: state.id, label: state.label, terminal: Boolean(state.terminal), actor: state.actor, waitingFor: waitingFor(p, state, record) },
      version: Number(row.version),
      jurisdiction: { county: row.county, township: row.township, village: row.village },
      applicationDate: row.application_date,
      application: maskPersonalData(application),
      record: maskPersonalData(record) as Record<string, any>,
      deadline: this.deadlineView(state, row, record),
      // 承诺办结日期 (src/engine/promise.ts) and the 一次性告知书 issued on the case (src/engine/notices.ts).
      promise: promisedCompletion(p, startState, row.application_date, this.deps.calendar),
      notices: noticesFromEvents(row.id, events),
      canIssueNotice: canIssueNotice(p, state, actor.role),
      assessment,
      actions: p.actions
        .filter((a) => a.from.includes(row.state) && a.roles.includes(actor.role))
        // A member of a joint review who has given this round's opinion has nothing more to do in it.
        .filter((a) => !(a.joint && (record.joint as Record<string, JointReview> | undefined)?.[a.id]?.open[actor.role]))
        .map((a) => ({
          id: a.id,
          label: a.label,
          cites: citeText(a.citation),
          link: citeLink(a.citation),
          extendsDeadline: Boolean(a.extendsDeadline),
          // A decision the governing document cannot carry today: shown, but refused with the reason.
          blocked: a.decides && !assessment.governingDocumentStatus.decisionsAllowed ? assessment.governingDocumentStatus.message : null,
        })),
      flags: this.flagsOf(p, row, record),
      certificates: p.certificates.map((c) => ({
        id: c.id,
        label: c.label,
        available: c.availableIn.includes(row.state),
        url: `/api/cases/${row.id}/certificates/${c.id}`,
      })),
      documentKinds: p.documentKinds,
      timeline: events.map((e) => ({
        seq: Number(e.seq),
        at: e.at,
        date: e.on_date,
        actor: e.actor_name,
        role: e.actor_role,
        action: e.action,
        label:
          (
            {
              submit: '提交申请',
              upload_document: '上传材料',
              escalate: '逾期，转上级督办',
              supervision: '督办办理',
              rating: '评价服务（好差评）',
              rating_reply: '答复差评',
              [NOTICE_ACTION]: NOTICE_LABEL,
            } as Record<string, string>
          )[e.action] ??
          p.actions.find((a) => a.id === e.action)?.label ??
          e.action,
        from: e.from_state,
        to: e.to_state,
        reason: e.reason,
        data: maskPersonalData(JSON.parse(e.data_json)),
        rules: JSON.parse(e.rules_json),
      })),
    };
    // What the viewer's role does not need (a competitor's plan, the experts' identities) is taken out here, once for every route.
    if (!p.redact || actor.role === 'admin') return view;
    const isOwner = row.applicant_user_id !== null && Number(row.applicant_user_id) === actor.id;
    return { ...view, ...p.redact({ record: view.record, timeline: view.timeline }, { id: actor.id, role: actor.role, isOwner }) } as typeof view;
  }

  private deadlineView(state: StateDef, row: Pick<CaseTable, 'due_on' | 'due_note' | 'state_entered_on'>, record: Record<string, unknown>) {
    if (!state.limit) return null;
    const clock = clockOf(record);
    const pauses = clock.pauses.filter((p) => p.state === state.id && p.from >= row.state_entered_on);
    const today = this.today();
    const base = {
      kind: state.limit.kind,
      label: state.limit.label,
      cites: citeText(state.limit.citation),
      link: citeLink(state.limit.citation),
      since: row.state_entered_on,
    };
    if (state.limit.kind === 'minimum') {
      let earliest: string | null = null;
      let note: string | null = null;
      try {
        earliest = state.limit.calendarDays
          ? addDays(row.state_entered_on, state.limit.workdays)
          : this.deps.calendar().addWorkdays(row.state_entered_on, state.limit.workdays);
      } catch (e) {
        if (!(e instanceof CalendarError)) throw e;
        note = e.message;
      }
      return { ...base, earliestEnd: earliest, note };
    }
    const clockView = { pauses, pausedSince: clock.pausedSince, pausedLabel: clock.pausedLabel ?? null };
    // A limit in years (满 2 年) is told in days: years ahead lie beyond the working-day calendar.
    if (row.due_on && state.limit.calendarYears) {
      const daysLeft = Math.round((Date.parse(row.due_on) - Date.parse(today)) / 86_400_000);
      const status = daysLeft < 0 ? ('overdue' as const) : daysLeft <= 30 ? ('due_soon' as const) : ('on_time' as const);
      return { ...base, ...clockView, due: row.due_on, workdaysLeft: null, daysLeft, used: null, status, note: row.due_note };
    }
    if (!row.due_on) return { ...base, ...clockView, due: null, workdaysLeft: null, used: null, status: 'unknown' as const, note: row.due_note };
    let left: number | null = null;
    let used: number | null = null;
    let note = row.due_note;
    // While the clock stands still, what is left is what was left when it stopped.
    const asOf = clock.pausedSince ?? today;
    try {
      left = this.deps.calendar().workdaysBetween(asOf, row.due_on);
      used = this.deps.calendar().workdaysBetween(row.state_entered_on, asOf) - pauses.reduce((n, p) => n + (p.workdays ?? 0), 0);
    } catch (e) {
      if (!(e instanceof CalendarError)) throw e;
      note = e.message;
    }
    const status = clock.pausedSince ? ('paused' as const) : left === null ? 'unknown' : left < 0 ? 'overdue' : left <= 2 ? 'due_soon' : 'on_time';
    return { ...base, ...clockView, due: row.due_on, workdaysLeft: left, used, status, note };
  }

  /** Takes an action and returns the updated case view. */
  async act(actor: Actor, id: string, actionId: string, body: { version: number; date?: string; payload?: unknown }) {
    await this.apply(actor, id, actionId, body);
    return this.get(actor, id);
  }

  /** Takes an action; returns the new version. */
  async apply(
    actor: Actor,
    id: string,
    actionId: string,
    body: { version: number; date?: string; payload?: unknown },
    opts: { internal?: boolean; system?: boolean } = {},
  ): Promise<number> {
    const plan = await this.prepare(actor, id, actionId, body, opts);
    if (!(plan.alone && (await plan.alone()))) await retryOnDeadlock(() => this.deps.db.kysely.transaction().execute((trx) => plan.write(trx)));
    return plan.version;
  }

  /**
   * Takes several actions in one transaction: all of them, or none (a server-side draw that selects
   * several cases must not leave some selected when another official's change wins on one of them).
   */
  async applyAll(
    actor: Actor,
    items: { id: string; action: string; body: { version: number; date?: string; payload?: unknown } }[],
    opts: { internal?: boolean; system?: boolean } = {},
  ): Promise<void> {
    const plans: Awaited<ReturnType<CaseEngine['prepare']>>[] = [];
    for (const i of items) plans.push(await this.prepare(actor, i.id, i.action, i.body, opts));
    await retryOnDeadlock(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        // Every case first, in the order of their ids (PostgreSQL): two draws over the same cases cannot deadlock.
        const ids = [...new Set(items.map((i) => i.id))].sort();
        if (this.deps.db.dialect === 'postgres' && ids.length > 1)
          await trx.selectFrom('cases').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
        for (const plan of plans) await plan.write(trx);
      }),
    );
  }

  /** Checks an action and computes its effect; `write` applies it inside a transaction, guarded by the case version. */
  private async prepare(
    actor: Actor,
    id: string,
    actionId: string,
    body: { version: number; date?: string; payload?: unknown },
    opts: { internal?: boolean; system?: boolean },
  ) {
    const row = await this.load(id);
    const p = this.procedure(row.procedure);
    const action = p.actions.find((a) => a.id === actionId);
    // Some steps are taken only by the server itself (a random draw): never through a request.
    if (action?.internal && !opts.internal) throw new CaseError(`“${action.label}”由系统执行，不能直接办理。`, 403);
    const open = action?.actorIs === 'anyone' && action.roles.includes(actor.role);
    if (!open) await this.assertReadable(actor, row);
    // An open action (applying to a published list) reaches a case only in the states it is open in; before
    // that, to whoever cannot read the case, it does not exist — not even its version or state is told.
    else if (!action!.from.includes(row.state) && !(await canReadCase(p, actor, row, () => this.isParty(actor, row.id))))
      throw new CaseError(`案件不存在：${row.id}`, 404);
    if (!action) throw new CaseError(`没有这个操作：${actionId}`, 404);
    if (!(opts.system && action.internal) && !action.roles.includes(actor.role))
      throw new CaseError(`“${action.label}”须由${action.roles.map((r) => ROLE_LABELS[r]).join('或')}办理。`, 403);
    if (seesOwnCasesOnly(actor.role) && !open && row.applicant_user_id !== actor.id) {
      if (action.actorIs !== 'party' || !(await this.isParty(actor, id))) throw new CaseError('只能办理本人的申请。', 403);
    }
    const state = caseState(p, row);
    if (!Number.isInteger(body.version)) throw new InputError([{ field: 'version', message: '请提供案件版本号 version（防止多人同时办理）' }]);
    if (body.version !== Number(row.version))
      throw new CaseError(`案件已被他人更新（当前版本 ${row.version}，您提交的是 ${body.version}），请刷新后重试。`, 409);
    if (state.retired) {
      throw new CaseError(`本案处于“${row.state}”环节，现行流程（第 ${p.version ?? 1} 版）已取消该环节，不能继续办理；请管理员按现行流程处理。`, 409);
    }
    if (!action.from.includes(row.state)) throw new CaseError(`案件当前处于“${state.label}”，不能办理“${action.label}”。`, 409);
    const today = this.today();
    const date = body.date ?? today;
    if (!isRealDate(date))
      throw new InputError([
        { field: 'date', message: /^\d{4}-\d{2}-\d{2}$/.test(date) ? `办理日期“${date}”不存在，请检查年月日` : '办理日期格式应为 YYYY-MM-DD' },
      ]);
    if (date < row.state_entered_on) throw new InputError([{ field: 'date', message: `办理日期不能早于进入本环节的日期 ${row.state_entered_on}` }]);
    if (date > today) throw new InputError([{ field: 'date', message: `办理日期不能晚于今天（${today}）` }]);

    let payload: any = {};
    if (action.payload) {
      const r = action.payload.safeParse(body.payload ?? {});
      if (!r.success) throw InputError.fromZod(r.error);
      payload = r.data;
    }
    let application = JSON.parse(row.application_json);
    const data = JSON.parse(row.data_json) as Record<string, unknown>;
    // The rules (and so the governance records) are read only by actions that consult them.
    const consults = Boolean(action.consultsRules || action.replacesApplication || action.decides);
    const records = consults ? await this.records(p.id) : [];
    if (action.decides) this.assertDecidable(p, application, records, `办理“${action.label}”`);
    let assessment: ReturnType<typeof assessApplication> | undefined;
    const local = await this.localParameters(p);
    const calendar = this.deps.calendar;
    const ctx: ActionContext<any> = {
      application,
      data,
      actor: { id: actor.id, role: actor.role, name: actor.name, unit: actor.unit },
      state: row.state,
      enteredOn: row.state_entered_on,
      date,
      // Counted only when an action asks: a day outside the calendar's years must not block, say, a withdrawal.
      get workdaysSinceEntered() {
        return calendar().workdaysBetween(row.state_entered_on, date);
      },
      daysSinceEntered: Math.round((Date.parse(date) - Date.parse(row.state_entered_on)) / 86_400_000),
      workdaysBetween: (a, b) => this.deps.calendar().workdaysBetween(a, b),
      ownerId: row.applicant_user_id === null ? null : Number(row.applicant_user_id),
      related: [],
      parameter: readerFor(p.parameters ?? [], local, date),
      assessment: () => {
        if (!consults) throw new Error(`${p.id}.${action.id} consults the rules but is not marked consultsRules`);
        return (assessment ??= assessApplication(p, application, records, local));
      },
    };
    // A definition that trips over an unexpected record (a defect, or a case filed under an older
    // definition) must not answer 500: the user is told the step cannot be taken; the server logs why.
    const safely = <T>(step: string, f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof CaseError || e instanceof InputError || e instanceof CalendarError) throw e;
        throw new CaseError(`本案的办理记录不完整或与当前流程不符，暂不能办理“${action.label}”，请联系管理员核查。`, 422, {
          procedure: p.id,
          action: action.id,
          step,
          error: e,
        });
      }
    };
    // What the engine itself guarantees for every procedure: a minimum period (公示) runs its full length
    // before the action that ends it, and a deadline is extended at most once per state.
    if (action.endsPeriod && state.limit?.kind === 'minimum') {
      const l = state.limit;
      const n = l.calendarDays ? ctx.daysSinceEntered : ctx.workdaysSinceEntered;
      if (n < l.workdays) {
        throw new CaseError(
          l.calendarDays
            ? `${l.label}：至少至 ${addDays(row.state_entered_on, l.workdays)}；自 ${row.state_entered_on} 起至 ${date} 仅 ${n} 天（${citeText(l.citation)}）。`
            : `${l.label}：自 ${row.state_entered_on} 起至 ${date} 仅 ${n} 个工作日（${citeText(l.citation)}）。`,
          422,
        );
      }
    }
    if (action.extendsDeadline && state.limit?.extension) {
      const extending = p.actions.filter((a) => a.extendsDeadline).map((a) => a.id);
      const earlier = await this.deps.db.kysely
        .selectFrom('case_events')
        .select('on_date')
        .where('case_id', '=', id)
        .where('from_state', '=', row.state)
        .where('action', 'in', extending)
        .where('on_date', '>=', row.state_entered_on)
        .executeTakeFirst();
      if (earlier)
        throw new CaseError(
          `本环节期限（${state.limit.label}）只能延长一次，本案已于 ${earlier.on_date} 延长（${citeText(state.limit.extension.citation)}）。`,
          422,
        );
    }
    const relatedQuery = action.related ? safely('related', () => action.related!(ctx, payload)) : null;
    if (relatedQuery) ctx.related = await this.related(this.deps.db.kysely, relatedQuery, id);
    const refusal = safely('guard', () => action.guard?.(ctx, payload));
    if (refusal) throw new CaseError(refusal, 422);
    // A move: the new place must be within the actor's area, like a filing.
    const movedTo: Jurisdiction | null = action.moves ? safely('moves', () => action.moves!(ctx, payload)) : null;
    if (movedTo && !withinJurisdiction(actor, movedTo))
      throw new CaseError(
        `调往地（${movedTo.township}${movedTo.village}）不在您的辖区（${[actor.township, actor.village].filter(Boolean).join('') || '无'}）内。`,
        403,
      );
    if (action.replacesApplication) {
      application = payload.application;
      const j = p.jurisdiction(application);
      if (j.county !== row.county || j.township !== row.township || j.village !== row.village) throw new CaseError('补正不能改变申请所在的村。', 422);
    }
    // 会审: each member speaks once a round; the decision waits for the last (ActionDef.joint).
    const reviews = { ...((data.joint ?? {}) as Record<string, JointReview>) };
    let jointChanged = false;
    let complete = true;
    if (action.joint) {
      const r = reviews[action.id] ?? { open: {}, rounds: [] };
      const given = r.open[actor.role];
      if (given) throw new CaseError(`${ROLE_LABELS[actor.role]}已于 ${given.date} 提出审查意见，每个成员单位每轮只提一次。`, 409);
      const opinion: JointOpinion = { ...safely('record', () => action.record?.(ctx, payload) ?? {}), by: actor.name, unit: actor.unit, date };
      ctx.opinions = { ...r.open, [actor.role]: opinion };
      complete = action.roles.every((role) => ctx.opinions![role]);
      reviews[action.id] = { open: ctx.opinions, rounds: r.rounds };
      jointChanged = true;
    }
    const next = complete ? safely('to', () => stateOf(p, targetOf(action, ctx, payload))) : stateOf(p, row.state);
    const recorded: Record<string, unknown> = action.joint ? {} : { ...safely('record', () => action.record?.(ctx, payload) ?? {}) };
    if (next.id !== row.state) {
      // Leaving the state closes its open rounds: decided by this action, or interrupted (a case sent back mid-review).
      for (const a of p.actions.filter((x) => x.joint && x.from.includes(row.state))) {
        const r = reviews[a.id];
        if (!r || Object.keys(r.open).length === 0) continue;
        reviews[a.id] = {
          open: {},
          rounds: [...r.rounds, { decidedOn: date, to: next.id, opinions: r.open, ...(a.id === action.id ? {} : { interrupted: true }) }],
        };
        jointChanged = true;
      }
    }
    if (jointChanged) recorded.joint = reviews;
    // The clock of a time limit: stopped and restarted by actions that name why (e.g. 农用地转用审批).
    const clock = clockOf(data);
    let clockShift = 0;
    if (action.pausesClock) {
      const pause = state.limit?.pauses?.find((x) => x.id === action.pausesClock);
      if (!pause || state.limit?.kind !== 'due') throw new CaseError(`“${state.label}”的期限不能因此暂停计算。`, 422);
      if (clock.pausedSince) throw new CaseError(`期限已于 ${clock.pausedSince} 起暂停计算（${clock.pausedLabel}）。`, 409);
      recorded.clock = { ...clock, pausedSince: date, pausedFor: pause.id, pausedLabel: pause.label, pausedCites: citeText(pause.citation) };
    } else if (action.resumesClock || (clock.pausedSince && next.id !== row.state)) {
      if (!clock.pausedSince) throw new CaseError('期限没有暂停，无需恢复计算。', 409);
      clockShift = this.deps.calendar().workdaysBetween(clock.pausedSince, date);
      const closed = {
        state: row.state,
        from: clock.pausedSince,
        to: date,
        workdays: clockShift,
        label: clock.pausedLabel ?? '',
        cites: clock.pausedCites ?? '',
      };
      recorded.clock = { pauses: [...clock.pauses, closed], pausedSince: null };
    }
    // A follow-on case opened by this step (a registration entering the register), checked now and written with it.
    const opening = action.opens ? safely('opens', () => action.opens!(ctx, payload)) : null;
    const child = opening
      ? await this.prepareFiling(this.procedure(opening.procedure), actor, opening.application, { openedBy: { procedure: p.id, id } })
      : null;
    if (child) recorded.opened = { procedure: opening!.procedure, id: child.id, title: child.title };
    const newData = { ...data, ...recorded };
    // The typed record: an action that would store what the procedure's record schema does not allow is a defect, refused before anything is written.
    if (p.recordSchema) {
      // The clock, the case a step opened and the joint reviews are the engine's own entries; the procedure's schema covers the rest.
      const { clock: _clock, opened: _opened, joint: _joint, ...own } = newData;
      const checked = p.recordSchema.safeParse(own);
      if (!checked.success)
        throw new CaseError(`本案的办理记录与“${p.name}”的记录格式不符，暂不能办理“${action.label}”，请联系管理员核查。`, 422, {
          procedure: p.id,
          action: action.id,
          step: 'recordSchema',
          error: checked.error.issues,
        });
    }
    let due = row.due_on;
    let dueNote = row.due_note;
    let enteredOn = row.state_entered_on;
    if (action.extendsDeadline) {
      const ext = state.limit?.extension;
      if (!ext) throw new CaseError('本环节的期限不能延长。', 422);
      // An extension is granted before the time limit ends; afterwards the case stays overdue.
      if (row.due_on && date > row.due_on) {
        throw new CaseError(
          `${state.limit!.label}，期限已于 ${row.due_on} 届满；延长期限须在期限届满前决定（${citeText(ext.citation)}），本案仍按逾期处理。`,
          422,
        );
      }
      ({ due, note: dueNote } = this.deadline(state, row.state_entered_on, ext.workdays));
    } else if (next.id !== row.state) {
      enteredOn = date;
      ({ due, note: dueNote } = this.deadline(next, date));
    } else if (action.resumesClock && due && clockShift > 0) {
      // The time the clock stood still is added to the limit, on the working-day calendar.
      due = this.deps.calendar().addWorkdays(due, clockShift);
    }
    const follow = await this.followUps(p, row, next, due, enteredOn, date, action.label);
    // Decisions that rest on the rules record the findings that decided them.
    const decidingFindings = consults ? ctx.assessment().findings : [];
    const now = new Date().toISOString();
    // The case's change, guarded by its version, and its event: one round trip on PostgreSQL (audit.ts).
    const set: [string, unknown][] = [
      ['state', next.id],
      ['version', Number(row.version) + 1],
      ['data_json', JSON.stringify(newData)],
      ['state_entered_on', enteredOn],
      ['due_on', due],
      ['due_note', dueNote],
      ['updated_at', now],
    ];
    // The application is written only when the action replaced it (it is unchanged otherwise).
    if (action.replacesApplication) set.push(['application_json', JSON.stringify(application)], ['title', p.title(application)]);
    if (movedTo) set.push(['county', movedTo.county], ['township', movedTo.township], ['village', movedTo.village]);
    const change: CaseChange = { set, version: Number(row.version) };
    const event = {
      case_id: id,
      at: now,
      on_date: date,
      actor_id: actor.id,
      actor_name: actor.name,
      actor_role: actor.role,
      action: action.id,
      from_state: row.state,
      to_state: next.id,
      reason: typeof payload?.reason === 'string' ? payload.reason : null,
      data_json: JSON.stringify({
        ...recorded,
        ...(movedTo ? { movedTo } : {}),
        ...(action.replacesApplication ? { applicationReplaced: true, applicationSha256: sha256(JSON.stringify(application)) } : {}),
      }),
      rules_json: JSON.stringify([{ cites: citeText(action.citation), link: citeLink(action.citation) }, ...decidingFindings]),
    };
    // The chain head as read with the case; the write is guarded by it (audit.ts).
    const known = { events: Number(row.chain_events ?? 0), hash: row.chain_hash ?? '' };
    const conflict = () => new CaseError('案件已被他人同时更新，请刷新后重试。', 409);
    const write = async (trx: Transaction<Database>) => {
      if (relatedQuery) {
        // The case and the cases its guard relied on, locked (PostgreSQL; SQLite's write transaction is exclusive):
        // no other step changes them before this one commits; they are read again and the guard asked again.
        ctx.related = await this.related(trx, relatedQuery, id, true);
        const again = safely('guard', () => action.guard?.(ctx, payload));
        if (again) throw new CaseError(`${again}（另一项办理已同时生效，请刷新后重试）`, 409);
      }
      // The case's change, guarded by its version, with its event on the case's own chain (audit.ts).
      const n = await appendEventAfter(trx, this.deps.db.dialect, event, change, known);
      if (n === null) throw conflict();
      if (action.joinsAsParty && actor.id > 0) {
        const known = await trx.selectFrom('case_parties').select('user_id').where('case_id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
        if (!known) await trx.insertInto('case_parties').values({ case_id: id, user_id: actor.id, role_in_case: action.joinsAsParty, added_at: now }).execute();
      }
      // Reminders, escalation and notifications are written with the event: nothing is lost if the process dies.
      await follow(trx);
      if (child) await child.write(trx);
    };
    // An action that writes nothing but the case, its event, its jobs and notifications (no related case read
    // again, no party added, no case opened): one statement on PostgreSQL, atomic on its own; on SQLite one
    // synchronous transaction past the query builder. `alone` answers false when it could not write that way
    // (SQLite: another transaction is open on the connection, or another process holds the lock) and the
    // caller takes the queue.
    const db = this.deps.db;
    const alone =
      !relatedQuery && !(action.joinsAsParty && actor.id > 0) && !child
        ? async (): Promise<boolean> => {
            const n =
              db.dialect === 'postgres'
                ? await appendEventAlone(db.kysely, event, change, follow.inserts())
                : appendEventAloneSqlite(db, event, change, known, follow.inserts());
            if (n === null) throw conflict();
            return n !== undefined;
          }
        : null;
    return { version: Number(row.version) + 1, write, alone };
  }

  /**
   * What a change sets in motion, written in its transaction: the reminder before the new time limit ends and
   * the escalation after it (jobs keyed by case, state and due date, so a changed due date makes new ones and
   * the old ones find nothing to do), and the applicant's notifications (in-app now; e-mail and webhook by job).
   */
  private async followUps(
    p: ProcedureDefinition<any>,
    row: CaseTable,
    next: StateDef,
    due: string | null,
    enteredOn: string,
    date: string,
    actionLabel: string | null,
  ) {
    const jobs: NewJob[] = [];
    // The reminder, escalation and expiry of a time limit are keyed by case, state and due date: a step that
    // keeps both (a recording action) would only find them queued already, so the calendar is not consulted.
    const limitChanged = next.id !== row.state || due !== row.due_on;
    if (limitChanged && due && next.limit?.kind === 'due' && !next.terminal) {
      const before = next.limit.remindBefore ?? 2;
      try {
        const remindOn = workdaysBefore(this.deps.calendar(), due, before);
        if (remindOn > enteredOn)
          jobs.push({
            kind: 'reminder',
            key: `reminder:${row.id}:${next.id}:${due}`,
            runAt: beijingStart(remindOn),
            payload: { caseId: row.id, state: next.id, due },
          });
      } catch (e) {
        if (!(e instanceof CalendarError)) throw e;
      }
      // A limit the server acts on itself when it is reached (中止执业满 2 年 → 待注销): a job on the due day.
      if (next.limit.onExpiry)
        jobs.push({
          kind: 'expire',
          key: `expire:${row.id}:${next.id}:${due}`,
          runAt: beijingStart(due),
          payload: { caseId: row.id, state: next.id, due, action: next.limit.onExpiry },
        });
      const supervisor = next.limit.escalateTo === undefined ? (next.actor ? supervisorOf(next.actor) : null) : next.limit.escalateTo;
      if (supervisor)
        jobs.push({
          kind: 'escalate',
          key: `escalate:${row.id}:${next.id}:${due}`,
          runAt: beijingStart(addDays(due, 1)),
          payload: { caseId: row.id, state: next.id, due, supervisor },
        });
    }
    const owner = row.applicant_user_id === null ? null : Number(row.applicant_user_id);
    const moved = next.id !== row.state;
    const newly = p.certificates.filter((c) => c.availableIn.includes(next.id) && !c.availableIn.includes(row.state));
    const notes: { kind: string; title: string; body: string }[] = [];
    if (owner !== null && moved) {
      notes.push(
        next.actor === 'applicant' && !next.terminal
          ? { kind: 'action_needed', title: `请办理：${next.label}`, body: `您的“${p.name}”（${row.id}）需要您办理“${next.label}”。` }
          : {
              kind: 'case_moved',
              title: `进度：${next.label}`,
              body: `您的“${p.name}”（${row.id}）经“${actionLabel ?? '提交'}”进入“${next.label}”环节${due && next.limit?.kind === 'due' ? `，办理期限至 ${due}` : ''}。`,
            },
      );
      for (const c of newly)
        notes.push({
          kind: 'certificate_ready',
          title: `《${c.label}》可以下载`,
          body: `您的“${p.name}”（${row.id}）已出具《${c.label}》，请登录后在案件页下载。`,
        });
    }
    const email =
      owner !== null && notes.length
        ? ((await this.deps.db.kysely.selectFrom('users').select('email').where('id', '=', owner).executeTakeFirst())?.email ?? null)
        : null;
    const webhook = Boolean(config().ZHENGWU_WEBHOOK_URL);
    // The rows to write, the same for both writers below.
    const rows = () => {
      const now = new Date().toISOString();
      const all = [...jobs];
      const notifications = notes.map((n) => ({
        user_id: owner!,
        case_id: row.id,
        kind: n.kind,
        title: n.title,
        body: maskPersonalData(n.body),
        created_at: now,
      }));
      if (email)
        for (const n of notifications)
          all.push({
            kind: 'email',
            key: `email:${row.id}:${date}:${next.id}:${n.kind}:${now}`,
            runAt: new Date(),
            payload: { to: email, subject: `【政务】${n.title}`, text: n.body },
          });
      if (webhook && (moved || notes.length))
        all.push({
          kind: 'webhook',
          key: `webhook:${row.id}:${row.version}:${now}`,
          runAt: new Date(),
          payload: { event: 'case.changed', caseId: row.id, procedure: p.id, from: row.state, to: next.id, date, at: now },
        });
      return { notifications, jobs: all };
    };
    const write = async (trx: Transaction<Database>) => {
      const r = rows();
      if (r.notifications.length) await trx.insertInto('notifications').values(r.notifications).execute();
      await enqueue(trx, r.jobs);
    };
    // Outside the query builder (appendEventAlone, appendEventAloneSqlite): the same rows, inserted with the step.
    const inserts = (): InsertWith[] => {
      const r = rows();
      return [jobsInsert(r.jobs), notificationsInsert(r.notifications)];
    };
    return Object.assign(write, { inserts });
  }

  /** The 受理回执 of a case (any state), for whoever may read the case: what was received, when, by whom, and the time limits. */
  async receipt(actor: Actor, id: string) {
    const row = await this.readable(actor, id);
    const p = this.procedure(row.procedure);
    const state = caseState(p, row);
    const deadline = this.deadlineView(state, row, JSON.parse(row.data_json) as Record<string, unknown>);
    const submit = await this.deps.db.kysely
      .selectFrom('case_events')
      .select('to_state')
      .where('case_id', '=', id)
      .where('action', '=', 'submit')
      .executeTakeFirst();
    const promise = promisedCompletion(p, submit?.to_state ?? null, row.application_date, this.deps.calendar);
    return renderCertificate(receiptContent(p, row, { state, due: deadline && 'due' in deadline ? deadline.due : null, promise }));
  }

  /** A certificate or form the procedure issues, as PDF, once the case has reached a state that issues it. */
  async certificate(actor: Actor, id: string, certificateId: string) {
    const row = await this.readable(actor, id);
    const p = this.procedure(row.procedure);
    const def = p.certificates.find((c) => c.id === certificateId);
    if (!def) throw new CaseError(`没有这种证书：${certificateId}（可用：${p.certificates.map((c) => c.id).join('、')}）`, 404);
    if (!def.availableIn.includes(row.state)) throw new CaseError(`案件当前处于“${caseState(p, row).label}”，尚不能出具《${def.label}》。`, 409);
    const application = JSON.parse(row.application_json);
    this.assertDecidable(p, application, await this.records(p.id), `出具《${def.label}》`);
    let pdf: Buffer;
    try {
      pdf = await def.render({ id: row.id, application, record: JSON.parse(row.data_json), state: row.state });
    } catch (e) {
      // A record that lacks what the certificate prints (e.g. no approval date) is refused, not a 500.
      throw new CaseError(`本案的办理记录不完整，暂不能出具《${def.label}》，请联系管理员核查。`, 409, { procedure: p.id, certificate: def.id, error: e });
    }
    return { label: def.label, pdf };
  }

  /** The cases an actor may see, as a query: the SQL form of the procedures' access policies (src/engine/access.ts). */
  private scoped(actor: Actor) {
    return this.deps.db.kysely.selectFrom('cases').where(caseFilter(this.deps.procedures.values(), actor));
  }

  /** Full rows of one procedure's cases in the actor's area, for ledgers and reports. */
  /**
   * The cases of a procedure the actor may read, unmasked, for what the server computes from them (ages and
   * retirement dates from a 身份证号). Never sent as they are: a route answers with what it derived, masked.
   */
  async readRows(actor: Actor, procedure: string) {
    const rows = await this.scoped(actor).selectAll().where('procedure', '=', procedure).orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      state: r.state,
      version: Number(r.version),
      county: r.county,
      township: r.township,
      village: r.village,
      application: JSON.parse(r.application_json),
      record: JSON.parse(r.data_json) as Record<string, any>,
    }));
  }

  async rows(actor: Actor, procedure: string) {
    const rows = await this.scoped(actor).selectAll().where('procedure', '=', procedure).orderBy('application_date').orderBy('id').execute();
    // Ledgers and reports read typed fields; personal data is masked here, before any export.
    return rows.map((r) => ({
      ...this.summary(r),
      application: maskPersonalData(JSON.parse(r.application_json)),
      record: maskPersonalData(JSON.parse(r.data_json)) as Record<string, any>,
    }));
  }

  /**
   * 办件进度查询 without signing in: the case number and the last 6 characters of the applicant's 身份证号 (the
   * first 身份证号 of the application: the applicant, transferor, project leader…). It answers only where the case
   * stands — the current step, the dates, the deadline and whether the applicant must act — never a name, an
   * address or an official. A wrong number and a wrong ID tail get the same answer, so neither can be probed.
   */
  async progress(caseId: string, idTail: string) {
    const notFound = new CaseError('未找到匹配的办件：请核对办件编号和申请人身份证号后 6 位。', 404);
    const row = await this.deps.db.kysely.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    const p = row ? this.deps.procedures.get(row.procedure) : undefined;
    const id = row && p ? firstIdNumber(JSON.parse(row.application_json)) : null;
    const given = Buffer.from(idTail.toUpperCase().padEnd(6, ' ').slice(0, 6));
    const expected = Buffer.from((id ?? '      ').toUpperCase().slice(-6));
    if (!row || !p || !id || !timingSafeEqual(given, expected)) throw notFound;
    const state = caseState(p, row);
    const record = JSON.parse(row.data_json) as Record<string, unknown>;
    const events = await this.deps.db.kysely
      .selectFrom('case_events')
      .select(['on_date', 'action', 'to_state'])
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    const labelOf = (sid: string | null) => (sid ? caseState(p, { state: sid }).label : null);
    const deadline = this.deadlineView(state, row, record);
    return {
      caseId: row.id,
      procedure: p.name,
      receivedOn: row.application_date,
      state: { label: state.label, terminal: Boolean(state.terminal) },
      // Steps the case went through (the day it entered each), in order; actions that kept it in place are left out.
      steps: events
        .filter((e) => e.to_state)
        .reduce<{ date: string; step: string }[]>((acc, e) => {
          const step = labelOf(e.to_state)!;
          if (acc[acc.length - 1]?.step !== step) acc.push({ date: e.on_date, step });
          return acc;
        }, []),
      deadline: deadline
        ? {
            label: deadline.label,
            cites: deadline.cites,
            due: 'due' in deadline ? deadline.due : null,
            earliestEnd: 'earliestEnd' in deadline ? deadline.earliestEnd : null,
          }
        : null,
      applicantMustAct: Boolean(state.actor && seesOwnCasesOnly(state.actor)),
    };
  }

  /** Cases in given states, for pages the public may see (e.g. a published 榜单). The caller chooses which fields to show. */
  async publicRows(procedure: string, states: string[]) {
    const rows = await this.deps.db.kysely
      .selectFrom('cases')
      .selectAll()
      .where('procedure', '=', procedure)
      .where('state', 'in', states)
      .orderBy('updated_at', 'desc')
      .execute();
    const p = this.procedure(procedure);
    return rows.map((r) => ({
      id: r.id,
      version: Number(r.version),
      state: caseState(p, r),
      // For the route to tell a signed-in account its own entries; never sent as such.
      ownerId: r.applicant_user_id === null ? null : Number(r.applicant_user_id),
      application: maskPersonalData(JSON.parse(r.application_json)),
      record: maskPersonalData(JSON.parse(r.data_json)) as Record<string, any>,
    }));
  }

  /** 一户一档: everything about one case, with each event's hash checked against the chain. */
  async archive(actor: Actor, id: string) {
    const view = await this.get(actor, id);
    const events = await this.deps.db.kysely.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute();
    const legacy = await legacyHead(this.deps.db.kysely);
    const tampered = events.filter((e) => expectedHash(e, legacy.seq) !== e.hash).map((e) => Number(e.seq));
    // The case's own chain: each event linked to the one before, the head on the case row at its last event.
    const chain = new ChainWalker(legacy, false);
    for (const e of events) chain.add(e);
    const documents = await this.deps.db.kysely
      .selectFrom('case_documents')
      .select(['kind', 'name', 'sha256', 'uploaded_by', 'uploaded_at'])
      .where('case_id', '=', id)
      .orderBy('id')
      .execute();
    // The whole case, not only its events: state, version, application, record and documents against the replay, and each file's bytes.
    const replay = emptyReplay();
    for (const e of events) replayEvent(replay, e);
    const row = await this.load(id);
    chain.checkHead(id, row);
    const caseProblems = [...chain.problems.filter((p) => p.problem !== 'edited'), ...checkCase(row, replay, documents)];
    for (const d of documents) {
      const blob = await this.deps.db.kysely.selectFrom('blobs').select('data').where('sha256', '=', d.sha256).executeTakeFirst();
      if (!blob || sha256Bytes(Buffer.from(blob.data)) !== d.sha256)
        caseProblems.push({ seq: null, problem: 'blob_tampered', message: `材料“${d.name}”的文件内容与其哈希不符：文件被替换。`, caseId: id });
    }
    return {
      case: view,
      documents,
      events: events.map((e) => ({
        seq: Number(e.seq),
        action: e.action,
        date: e.on_date,
        at: e.at,
        actor: e.actor_name,
        prevHash: e.prev_hash,
        hash: e.hash,
      })),
      integrity: {
        intact: tampered.length === 0 && caseProblems.length === 0,
        tamperedEvents: tampered,
        problems: caseProblems.map((p) => p.message),
        note: '每个事件的哈希由本案前一事件哈希与本事件内容计算；案件状态、申请、办理记录和材料与事件重放核对；全链校验见 /api/audit/verify。',
      },
      generatedAt: new Date().toISOString(),
    };
  }

  async list(actor: Actor, f: { procedure?: string; state?: string; page?: number; pageSize?: number } = {}) {
    let q = this.scoped(actor);
    if (f.procedure) q = q.where('procedure', '=', f.procedure);
    if (f.state) q = q.where('state', '=', f.state);
    const pageSize = f.pageSize ?? 20;
    const page = f.page ?? 1;
    const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { total: Number(n), page, pageSize, items: rows.map((r) => this.summary(r)) };
  }

  private flagsOf(p: ProcedureDefinition<any, any>, r: Pick<CaseTable, 'state' | 'application_json'>, record: Record<string, any>) {
    if (!p.flags) return [];
    return p.flags({ state: r.state, record, application: JSON.parse(r.application_json) }, this.today()).map((f) => ({
      ...f,
      cites: citeText(f.citation),
      link: citeLink(f.citation),
    }));
  }

  private summary(r: CaseTable) {
    const p = this.procedure(r.procedure);
    const state = caseState(p, r);
    const record = JSON.parse(r.data_json) as Record<string, unknown>; // read once for the flags and the clock
    return {
      flags: this.flagsOf(p, r, record),
      id: r.id,
      procedure: r.procedure,
      title: r.title,
      state: { id: state.id, label: state.label, actor: state.actor, terminal: Boolean(state.terminal), waitingFor: waitingFor(p, state, record) },
      version: Number(r.version),
      jurisdiction: { county: r.county, township: r.township, village: r.village },
      applicationDate: r.application_date,
      deadline: this.deadlineView(state, r, record),
    };
  }

  /** Steps waiting for this actor's role within its jurisdiction, overdue first. */
  async inbox(actor: Actor) {
    const all = await this.list(actor, { pageSize: 10000 });
    const mine = all.items.filter((c) => c.state.waitingFor.includes(actor.role) && !c.state.terminal);
    const rank = (c: (typeof mine)[number]) => {
      const d = c.deadline as { status?: string; due?: string | null } | null;
      return `${{ overdue: 0, due_soon: 1, on_time: 2 }[d?.status ?? ''] ?? 3}${d?.due ?? '9999'}`;
    };
    return mine.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
  }

  /** Counts by state and deadline status, for the township and county dashboards. */
  async dashboard(actor: Actor) {
    if (seesOwnCasesOnly(actor.role)) throw new CaseError('申请人没有统计看板。', 403);
    const all = await this.list(actor, { pageSize: 100000 });
    const byState: Record<string, number> = {};
    const byTownship: Record<string, { total: number; overdue: number; dueSoon: number }> = {};
    for (const c of all.items) {
      byState[c.state.label] = (byState[c.state.label] ?? 0) + 1;
      const t = (byTownship[c.jurisdiction.township] ??= { total: 0, overdue: 0, dueSoon: 0 });
      t.total++;
      const status = (c.deadline as { status?: string } | null)?.status;
      if (status === 'overdue') t.overdue++;
      if (status === 'due_soon') t.dueSoon++;
    }
    const attention = all.items.filter((c) => ['overdue', 'due_soon'].includes((c.deadline as { status?: string } | null)?.status ?? ''));
    const flagged = all.items.filter((c) => c.flags.length > 0);
    return { total: all.total, byState, byTownship, attention, flagged };
  }
}
