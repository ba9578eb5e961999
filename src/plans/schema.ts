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

export interface PlansTables {
  plan_reports: PlanReportTable;
}

export type PlansDb = Kysely<Database & PlansTables>;
