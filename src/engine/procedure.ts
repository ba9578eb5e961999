// A procedure is a definition the engine runs: states, who may act in each,
// what each action records and where it leads, and the time limits with
// their articles. Nothing here knows any one procedure.
import type { z } from 'zod';
import type { AccessPolicy } from './access.js';
import type { Citation, Finding, RuleSet } from './rules.js';

export type Role =
  | 'applicant' // a villager applying
  | 'enterprise' // an enterprise or institution applying (科技项目)
  | 'village'
  | 'township'
  | 'county'
  | 'county_science' // 县（市、区）科技管理部门
  | 'science_bureau' // 市科技局
  | 'expert' // 评审专家
  | 'department' // a city department reporting plan progress
  | 'plan_office' // the office that owns a plan
  | 'admin';

/** Roles that see only the cases they filed. */
export const OWN_CASE_ROLES: Role[] = ['applicant', 'enterprise'];

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申请人',
  enterprise: '企业 / 单位',
  village: '村级组织 / 宅基地协管员',
  township: '乡镇人民政府（街道办事处）',
  county: '县级部门',
  county_science: '县级科技管理部门',
  science_bureau: '市科技局',
  expert: '评审专家',
  department: '市直部门',
  plan_office: '规划牵头办公室',
  admin: '管理员',
};

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

/** The office one level up, which supervises a breached time limit (督办). */
export const SUPERVISOR: Partial<Record<Role, Role>> = {
  village: 'township',
  township: 'county',
  county_science: 'science_bureau',
  enterprise: 'science_bureau',
};

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
  /** The next state; the same state for a recording action. */
  to: (ctx: ActionContext<A>, payload: P) => string;
  /** What this action adds to the case record. */
  record?: (ctx: ActionContext<A>, payload: P) => Record<string, unknown>;
  /**
   * Who among applicant-like roles (applicant, enterprise) may take it: the case's own applicant
   * (default), any party to the case, or anyone with the role (e.g. applying to a published list).
   */
  actorIs?: 'owner' | 'party' | 'anyone';
  /** Taking the action makes the actor a party to the case, with this role in it. */
  joinsAsParty?: string;
  /** Extends the current state's deadline (once). */
  extendsDeadline?: boolean;
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
   * A decision that rests on the governing document (approve, refuse, grant): refused while
   * that document was not in force on the application date and no extension or successor is recorded.
   */
  decides?: boolean;
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
  /** Who reads the cases and at which level of the area tree (the list filter and the per-case check both come from it). */
  access: AccessPolicy;
  /** Hides what a viewer's role does not need (a competitor's plan, experts' identities) from the case view. */
  redact?: (view: CaseViewForRedaction, viewer: { id: number; role: Role; isOwner: boolean }) => CaseViewForRedaction;
  ruleSets: RuleSet<A>[];
  applicationDate: (a: A) => string;
  jurisdiction: (a: A) => Jurisdiction;
  initialState: (a: A) => string;
  assess: (a: A, ruleSet: RuleSet<A>) => Assessment & E;
  states: StateDef[];
  actions: ActionDef<A>[];
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

export function stateOf(p: ProcedureDefinition<any, any>, id: string): StateDef {
  const s = p.states.find((x) => x.id === id);
  if (!s) throw new Error(`procedure ${p.id} has no state ${id}`);
  return s;
}

/** Checks a definition once at start-up: every action leads from and to known states. */
export function validateDefinition(p: ProcedureDefinition<any, any>): void {
  const ids = new Set(p.states.map((s) => s.id));
  for (const a of p.actions) for (const f of a.from) if (!ids.has(f)) throw new Error(`${p.id}.${a.id}: unknown state ${f}`);
  const actionIds = new Set<string>();
  for (const a of p.actions) {
    if (actionIds.has(a.id)) throw new Error(`${p.id}: duplicate action ${a.id}`);
    actionIds.add(a.id);
  }
}
