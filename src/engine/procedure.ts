// A procedure is a definition the engine runs: states, who may act in each,
// what each action records and where it leads, and the time limits with
// their articles. Nothing here knows any one procedure.
import type { z } from 'zod';
import type { AccessPolicy } from './access.js';
import type { Citation, Finding, RuleSet } from './rules.js';
import type { ParameterDef, ParameterReader } from './parameters.js';
import { isRole, roleDef } from '../platform/roles.js';
import { SYSTEM_EVENTS } from './audit.js';

// Roles are strings contributed by the platform and by procedure modules (src/platform/roles.ts).
export { ROLE_LABELS, type Role } from '../platform/roles.js';
import type { Role } from '../platform/roles.js';

export interface Jurisdiction {
  county: string;
  township: string;
  village: string;
}

/** A time limit on a state: a deadline to act (due) or a minimum duration (e.g. 公示 ≥ 5 working days). */
export interface TimeLimit {
  /** Working days (工作日) — the default unit of time limits. */
  workdays: number;
  /** When the text says days (天) rather than working days: counted in calendar days instead. */
  calendarDays?: boolean;
  /** When the text says years (满 2 年): `workdays` counts full calendar years, reached on the anniversary. */
  calendarYears?: boolean;
  /** An internal action the server takes itself when the time limit is reached (e.g. 中止执业满 2 年 → 待注销). */
  onExpiry?: string;
  kind: 'due' | 'minimum';
  label: string;
  citation: Citation;
  /** Once, by this many working days, with a reason told to the applicant. */
  extension?: { workdays: number; citation: Citation };
  /** Reasons the clock may stop (e.g. 农用地转用审批 is not counted in the township's 20 working days). */
  pauses?: { id: string; label: string; citation: Citation }[];
  /** Working days before the end at which the acting office is reminded (default 2). */
  remindBefore?: number;
  /** Who supervises a breach (督办); default: the office one level up from the state's actor; null: none. */
  escalateTo?: Role | null;
}

export interface StateDef {
  id: string;
  label: string;
  /** Who is expected to act (for inboxes). */
  actor: Role | null;
  terminal?: boolean;
  limit?: TimeLimit;
}

export interface ActionContext<A> {
  application: A;
  actor: { id: number; role: Role; name: string; unit: string | null };
  data: Record<string, unknown>; // what earlier actions recorded
  state: string;
  enteredOn: string; // day the case entered its current state
  date: string; // day of this action
  workdaysSinceEntered: number;
  /** Calendar days since the case entered its state (the entry day not counted). */
  daysSinceEntered: number;
  /** Working days from one date to another on the official calendar. */
  workdaysBetween: (from: string, to: string) => number;
  assessment: () => Assessment;
  /** The account that filed the case (its applicant or enterprise), when one did. */
  ownerId: number | null;
  /** The other cases the action declared it reads (`related`); empty otherwise. */
  related: RelatedCase[];
  /** The procedure's parameters in force on the action's date (src/engine/parameters.ts). */
  parameter: ParameterReader;
  /** In a joint review (`joint`), every member's opinion of this round, the actor's own included. */
  opinions?: Record<string, JointOpinion>;
}

/** One member's opinion in a joint review (会审): what the action recorded, who gave it and when. */
export type JointOpinion = Record<string, unknown> & { by: string; unit: string | null; date: string };

/** A joint review as the record keeps it: the opinions of the open round, and the rounds decided. */
export interface JointReview {
  open: Record<string, JointOpinion>;
  rounds: { decidedOn: string; to: string; opinions: Record<string, JointOpinion>; interrupted?: boolean }[];
}

/** Other cases a step reads: of one procedure, in some states, within an area or by id (the case itself excluded). */
export interface RelatedQuery {
  procedure: string;
  states?: string[];
  area?: Partial<Jurisdiction>;
  ids?: string[];
}

/** Another case as a step sees it. */
export interface RelatedCase {
  id: string;
  procedure: string;
  state: string;
  title: string;
  version: number;
  county: string;
  township: string;
  village: string;
  application: any;
  record: Record<string, any>;
}

export interface ActionDef<A, P = any> {
  id: string;
  label: string;
  from: string[];
  roles: Role[];
  citation: Citation;
  payload?: z.ZodType<P>;
  /** A reason the action may not be taken now (in Chinese), or null. */
  guard?: (ctx: ActionContext<A>, payload: P) => string | null;
  /**
   * The next state: a state id, or a decide function choosing among `next` (the engine refuses any other
   * answer). The same state for a recording action.
   */
  to: string | ((ctx: ActionContext<A>, payload: P) => string);
  /** With a decide function: every state it may choose (validated at start-up and enforced on each action). */
  next?: string[];
  /** What this action adds to the case record. */
  record?: (ctx: ActionContext<A>, payload: P) => Record<string, unknown>;
  /**
   * Who among applicant-like roles (applicant, enterprise) may take it: the case's own applicant
   * (default), any party to the case, or anyone with the role (e.g. applying to a published list).
   */
  actorIs?: 'owner' | 'party' | 'anyone';
  /** Taking the action makes the actor a party to the case, with this role in it. */
  joinsAsParty?: string;
  /** Extends the current state's deadline: the engine allows it once per state, and only before the deadline passes. */
  extendsDeadline?: boolean;
  /** Ends a minimum period (公示): the engine refuses it before the state's minimum time limit has run. */
  endsPeriod?: boolean;
  /** The action decides on the rules: the engine reads them and records the findings that decided it. */
  consultsRules?: boolean;
  /** Replaces the application (a corrected form). */
  replacesApplication?: boolean;
  /** Stops the current state's clock for this reason (one of the limit's `pauses`). */
  pausesClock?: string;
  /** Restarts a stopped clock: the due date moves by the working days it stood still. */
  resumesClock?: boolean;
  /** Taken only by the server itself (e.g. a random draw), never through a request. */
  internal?: boolean;
  /**
   * Other cases the guard reads (e.g. the doctors still posted in a village). They are read again inside
   * the write transaction and the guard asked again, so two concurrent steps cannot both rely on the same case.
   */
  related?: (ctx: ActionContext<A>, payload: P) => RelatedQuery;
  /** Moves the case to another place (a doctor posted to another village); the actor's area must cover it. */
  moves?: (ctx: ActionContext<A>, payload: P) => Jurisdiction;
  /** Opens a follow-on case in the same transaction (a registration enters the register); its id is recorded as `opened`. */
  opens?: (ctx: ActionContext<A>, payload: P) => { procedure: string; application: unknown } | null;
  /**
   * A decision that rests on the governing document (approve, refuse, grant): refused while
   * that document was not in force on the application date and no extension or successor is recorded.
   */
  decides?: boolean;
  /**
   * 会审 (joint review): each of the action's roles records its opinion once (what `record` returns); the case
   * stays in its state until the last member has, and then `to` decides with every opinion (`ctx.opinions`).
   * The engine keeps the rounds in `record.joint[actionId]`; entering the state again opens a new round.
   */
  joint?: boolean;
}

/** A document the procedure issues (a certificate, a form), available from some states on. */
export interface CertificateDef<A> {
  id: string;
  label: string;
  availableIn: string[];
  render: (c: { id: string; application: A; record: Record<string, unknown>; state: string }) => Promise<Buffer>;
}

export interface CaseFlag {
  code: string;
  message: string;
  citation: Citation;
}

export interface Assessment {
  decision: 'eligible' | 'ineligible';
  findings: Finding[];
}

/** The signed-in account filing or acting, as a procedure sees it (identity comes from the account, never from typed names). */
export interface AccountIdentity {
  id: number;
  role: Role;
  unit: string | null;
}

/** E: facts a procedure's assessment adds (e.g. needsConstructionPermit). */
export interface ProcedureDefinition<A, E extends object = object> {
  id: string;
  name: string;
  /** Prefix of case numbers, e.g. ZJD-20260302-…  */
  idPrefix: string;
  applicationSchema: z.ZodType<A>;
  /** Who may file a case (an applicant for an application, a village for a reclaim, …). */
  filedBy: Role[];
  /**
   * Rules whose failure bars filing at all (e.g. 承市科规〔2022〕1号 第十四条: a project already funded
   * may not be filed again). Other failures are recorded and decided on by officials.
   */
  filingBars?: string[];
  /** Checks the application against the filing account (a unit files only for itself); a refusal in Chinese, or null. */
  checkFiler?: (a: A, account: AccountIdentity) => string | null;
  /** Checks the application against other cases on filing (the exam it enrols in is open); a refusal in Chinese, or null. */
  filingCheck?: { related: (a: A) => RelatedQuery; check: (a: A, related: RelatedCase[]) => string | null };
  /** Accounts (usernames) the case concerns, added as its parties on filing (a doctor reads his own register entry). */
  parties?: (a: A) => string[];
  /** Who reads the cases and at which level of the area tree (the list filter and the per-case check both come from it). */
  access: AccessPolicy;
  /** Hides what a viewer's role does not need (a competitor's plan, experts' identities) from the case view. */
  redact?: (view: CaseViewForRedaction, viewer: { id: number; role: Role; isOwner: boolean }) => CaseViewForRedaction;
  ruleSets: RuleSet<A>[];
  /** The figures its rules read, with their dated values and citations (src/engine/parameters.ts). */
  parameters?: ParameterDef[];
  applicationDate: (a: A) => string;
  /**
   * The application with its date of receipt set. An applicant or unit filing for itself never chooses the date:
   * the system records the day it receives the application (a procedure they file must declare this).
   */
  withApplicationDate?: (a: A, date: string) => A;
  jurisdiction: (a: A) => Jurisdiction;
  initialState: (a: A) => string;
  /** Every state initialState may return (default: the first state). */
  startStates?: string[];
  /** The definition's version, stored with each case filed under it (raise it when states change). */
  version?: number;
  /** The typed record: checked after every action, so ledgers, reports and screens read typed fields. */
  recordSchema?: z.ZodType<Record<string, unknown>>;
  /** `parameters`: the values in force on the application date (absent values read as null). */
  assess: (a: A, ruleSet: RuleSet<A>, parameters: ParameterReader) => Assessment & E;
  states: StateDef[];
  actions: ActionDef<A>[];
  /**
   * 承诺办结: the states a case normally passes from receipt to the end of the procedure, one path per start state
   * (validated: each step leads to the next by an action). Their limits, one after the other on the official
   * calendar, give the promised completion date of the receipt and the case view (src/engine/promise.ts); without
   * a declaration the engine promises no date ("依据文件未规定总办理时限"). `until`: what the path ends with.
   */
  promise?: { paths: string[][]; until: string; notes?: string[] };
  /** 申请材料: what an application must bring, each with the article that requires it (for the 办事指南). */
  materials?: { label: string; citation: Citation; note?: string }[];
  /** Kinds of attachment the applicant and officials may upload. */
  documentKinds: { kind: string; label: string }[];
  certificates: CertificateDef<A>[];
  /** Warnings about a case that the rules attach to time passing (e.g. two years without works). */
  flags?: (c: { state: string; record: Record<string, any>; application: A }, today: string) => CaseFlag[];
  /** A short title for lists: 申请人 and place. */
  title: (a: A) => string;
}

/** The parts of a case view a procedure may redact. */
export interface CaseViewForRedaction {
  record: Record<string, any>;
  timeline: { actor: string; role: string; action: string; data: any; reason: string | null; rules: any }[];
}

/**
 * The state a stored case is in. A state that a newer definition dropped is returned as retired (no actor,
 * no action), so lists and the case page still show the case and acting on it gets a clear refusal.
 */
export function caseState(p: ProcedureDefinition<any, any>, row: { state: string }): StateDef & { retired?: boolean } {
  return p.states.find((x) => x.id === row.state) ?? { id: row.state, label: `${row.state}（现行流程已取消该环节）`, actor: null, retired: true };
}

export function stateOf(p: ProcedureDefinition<any, any>, id: string): StateDef {
  const s = p.states.find((x) => x.id === id);
  if (!s) throw new Error(`procedure ${p.id} has no state ${id}`);
  return s;
}

/**
 * Checks a definition once at start-up, so a defect stops the server instead of meeting a user: every
 * action leads from and to states that exist, every role named exists, every state can be reached from
 * a first state, and every state that is not terminal has a way out.
 */
export function validateDefinition(p: ProcedureDefinition<any, any>): void {
  const fail = (m: string) => {
    throw new Error(`procedure ${p.id}: ${m}`);
  };
  const ids = new Set(p.states.map((s) => s.id));
  if (ids.size !== p.states.length) fail('duplicate state ids');
  const actionIds = new Set<string>();
  for (const a of p.actions) {
    if (actionIds.has(a.id)) fail(`duplicate action ${a.id}`);
    // The audit replay skips the events the platform records on a case without changing it (督办, 好差评).
    if (SYSTEM_EVENTS.has(a.id)) fail(`action id ${a.id} is reserved for an event the platform records`);
    actionIds.add(a.id);
    for (const f of a.from) if (!ids.has(f)) fail(`${a.id}: unknown state ${f}`);
    const next = nextStates(a);
    if (next.length === 0) fail(`${a.id}: declares no next state`);
    for (const t of next) if (!ids.has(t)) fail(`${a.id}: leads to unknown state ${t}`);
    for (const r of a.roles) if (!isRole(r)) fail(`${a.id}: unknown role ${r}`);
    if (a.joint && (a.roles.length < 2 || a.to === STAY || a.from.length !== 1 || a.internal))
      fail(`${a.id}: a joint review needs two or more members, one state and a decision`);
  }
  for (const r of p.filedBy) if (!isRole(r)) fail(`filedBy: unknown role ${r}`);
  // A person or unit filing for itself never chooses the date of receipt: the engine must be able to set it.
  if (!p.withApplicationDate && p.filedBy.some((r) => roleDef(r)?.level === 'own')) fail('filed by people or units for themselves, but no withApplicationDate');
  for (const r of Object.keys(p.access.read)) if (!isRole(r)) fail(`access.read: unknown role ${r}`);
  for (const r of p.access.upload ?? []) if (!isRole(r)) fail(`access.upload: unknown role ${r}`);
  for (const s of p.states) {
    if (s.actor && !isRole(s.actor)) fail(`state ${s.id}: unknown actor ${s.actor}`);
    if (s.limit?.escalateTo && !isRole(s.limit.escalateTo)) fail(`state ${s.id}: unknown supervisor ${s.limit.escalateTo}`);
    // 公示 and other minimum periods: the law sets them at no less than 5 days wherever this engine meets them.
    if (s.limit?.kind === 'minimum' && s.limit.workdays < MIN_PUBLICITY_DAYS) fail(`state ${s.id}: a minimum period shorter than ${MIN_PUBLICITY_DAYS} days`);
    if (s.limit?.extension && s.limit.kind !== 'due') fail(`state ${s.id}: only a deadline can be extended`);
    if (s.limit?.calendarDays && s.limit.calendarYears) fail(`state ${s.id}: a limit counts days or years, not both`);
    if (s.limit?.onExpiry) {
      const a = p.actions.find((x) => x.id === s.limit!.onExpiry);
      if (!a || !a.internal || !a.from.includes(s.id)) fail(`state ${s.id}: onExpiry must name an internal action from this state`);
      if (s.limit.kind !== 'due') fail(`state ${s.id}: only a deadline expires`);
    }
  }
  // Reachability from the first states (the initial states a filing may enter).
  const starts = p.startStates ?? [p.states[0].id];
  for (const s of starts) if (!ids.has(s)) fail(`startStates: unknown state ${s}`);
  const seen = new Set(starts);
  for (let grew = true; grew;) {
    grew = false;
    for (const a of p.actions) {
      if (!a.from.some((f) => seen.has(f))) continue;
      for (const t of nextStates(a)) {
        if (seen.has(t)) continue;
        seen.add(t);
        grew = true;
      }
    }
  }
  for (const s of p.states) if (!seen.has(s.id)) fail(`state ${s.id} cannot be reached`);
  // The promised path: one per start state, every step leading to the next by an action.
  if (p.promise) {
    for (const path of p.promise.paths) {
      if (path.length === 0) fail('promise: an empty path');
      for (const id of path) if (!ids.has(id)) fail(`promise: unknown state ${id}`);
      for (let i = 1; i < path.length; i++)
        if (!p.actions.some((a) => a.from.includes(path[i - 1]) && nextStates(a).includes(path[i])))
          fail(`promise: no action leads from ${path[i - 1]} to ${path[i]}`);
    }
    for (const s of starts) if (p.promise.paths.filter((x) => x[0] === s).length !== 1) fail(`promise: start state ${s} needs exactly one path`);
  }
  for (const s of p.states) {
    if (s.terminal) continue;
    if (!p.actions.some((a) => a.from.includes(s.id) && nextStates(a).some((t) => t !== s.id))) fail(`state ${s.id} is not terminal and has no way out`);
  }
}

/** `to: STAY`: a recording action, which leaves the case in the state it was taken in. */
export const STAY = '=';

/** The states an action may lead to: its fixed target, or the targets it declares for its decide function. */
export function nextStates(a: ActionDef<any>): string[] {
  if (a.to === STAY) return a.from;
  const declared = typeof a.to === 'string' ? [a.to] : (a.next ?? []);
  // A joint review stays where it is until its last member has spoken.
  return a.joint ? [...new Set([...a.from, ...declared])] : declared;
}

/** Where an action leads from the state it is taken in; an answer outside its declared next states is a defect. */
export function targetOf<A>(a: ActionDef<A>, ctx: ActionContext<A>, payload: unknown): string {
  if (a.to === STAY) return ctx.state;
  if (typeof a.to === 'string') return a.to;
  const t = a.to(ctx, payload);
  if (!(a.next ?? []).includes(t)) throw new Error(`action ${a.id} chose ${t}, which it does not declare among ${(a.next ?? []).join(', ')}`);
  return t;
}

/** 公示 lasts at least 5 (working) days wherever the gazette sets one (e.g. 隆政发〔2022〕11号 第十八条; 承市科规〔2022〕1号 第十二条). */
export const MIN_PUBLICITY_DAYS = 5;
