// Table types of 好差评 (migration 0012_ratings, src/ratings/migration.ts).
import type { Generated } from 'kysely';

/** One rating of a finished case by its filer (at most one per case). */
export interface RatingTable {
  id: Generated<number>;
  case_id: string;
  procedure: string;
  rater_user_id: number;
  /** 1 非常不满意 … 5 非常满意 (国办发〔2019〕51号's five levels). */
  score: number;
  comment: string | null;
  /** The office rated, fixed when the rating is given (see officeOf in service.ts): its role, level, place and unit. */
  office_role: string;
  office_level: string;
  office_county: string;
  office_township: string;
  office_village: string;
  office_unit: string;
  office_label: string;
  rated_on: string;
  created_at: string;
}

/** The follow-up a 差评 opens for the office rated: investigated, rectified, answered to the applicant by a date. */
export interface RatingFollowUpTable {
  id: Generated<number>;
  rating_id: number;
  case_id: string;
  opened_on: string;
  due_on: string | null;
  due_note: string | null;
  status: string; // open | replied
  reply: string | null;
  replied_by_id: number | null;
  replied_by_name: string | null;
  replied_at: string | null;
  replied_on: string | null;
  citation: string;
}
