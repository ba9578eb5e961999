// Table types of plan monitoring, to be merged into `Database` (src/db/schema.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** One filing of a figure for an indicator and a year. A correction is a new version; nothing is overwritten. */
export interface PlanReportTable {
  id: string; // random UUID
  indicator_id: string;
  year: number;
  version: number; // 1, 2, … per indicator and year
  value: number | null;
  assessment: string | null; // for non-numeric targets: achieved | on_track | at_risk | off_track
  note: string;
  evidence_sha256: string | null; // the attachment, in `blobs`
  evidence_name: string | null;
  evidence_mime: string | null;
  unit: string; // the reporting unit (canonical name)
  reported_by_id: number;
  reported_by: string;
  reported_at: string; // ISO timestamp
}

/**
 * One progress report on a task for a year (承市政办字〔2022〕49号 四、（一）：年度任务清单和工作台账).
 * The lead unit's reports form one line per task and year (`stream` 'lead', shared by joint lead units);
 * each co-unit has its own line (`stream` 'co:<unit>'). A correction is a new version.
 */
export interface PlanTaskReportTable {
  id: string; // random UUID
  task_id: string;
  year: number;
  stream: string; // 'lead' | 'co:<unit>': the line the versions count on
  kind: string; // 'lead' | 'co'
  unit: string; // the reporting unit (canonical name)
  version: number; // 1, 2, … per task, year and stream
  status: string; // not_started | in_progress | done | late
  note: string;
  evidence_sha256: string | null; // the attachment, in `blobs`
  evidence_name: string | null;
  evidence_mime: string | null;
  reported_by_id: number;
  reported_by: string;
  reported_at: string; // ISO timestamp
}

/** A 督办 item on a task (承市政字〔2022〕16号 三、（十一）5.；承市政办字〔2022〕48号 四、（三）). */
export interface PlanSupervisionTable {
  id: string; // random UUID
  task_id: string;
  state: string; // open | answered | closed
  reason: string;
  basis: string; // the article cited, as printed in SUPERVISION_BASES
  due_date: string; // YYYY-MM-DD, the current deadline
  version: number; // = the seq of the last event; a stale action is refused
  opened_by_id: number;
  opened_by: string;
  opened_at: string; // ISO timestamp
  updated_at: string;
  closed_at: string | null;
}

/** Every step of a 督办, in order: the ledger (台账) of it. */
export interface PlanSupervisionEventTable {
  id: string;
  supervision_id: string;
  seq: number; // 1 = open
  action: string; // open | answer | extend | close | reopen
  note: string;
  due_date: string | null; // the deadline set by this step, if any
  state_after: string;
  actor_id: number;
  actor: string;
  unit: string | null;
  at: string; // ISO timestamp
}

export interface PlansTables {
  plan_reports: PlanReportTable;
  plan_task_reports: PlanTaskReportTable;
  plan_supervisions: PlanSupervisionTable;
  plan_supervision_events: PlanSupervisionEventTable;
}

export type PlansDb = Kysely<Database & PlansTables>;
