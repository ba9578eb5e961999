// Table types for Kysely. JSON columns are stored as text on both databases
// so that one code path reads them.
import type { Generated } from 'kysely';
import type { PlanReportTable } from '../plans/schema.js';
import type { RatingFollowUpTable, RatingTable } from '../ratings/schema.js';

export interface GazetteIssueTable {
  id: string; // the issue number, e.g. 2022年第4号
  number: string | null;
  title: string | null;
  editor: string | null;
  toc_json: string;
  warnings_json: string;
  source_sha256: string;
  ingested_at: string;
  year: number | null; // migration 0019
  serial: number | null;
}

/** The text an issue was ingested from, apart from the list of issues (migration 0016; gazette/source.ts). */
export interface GazetteSourceTable {
  issue_id: string;
  text_gzip: Uint8Array;
}

export interface DocumentTable {
  id: string; // 文号, or 解读:… for interpretations
  issue_id: string;
  seq: number;
  kind: string;
  number: string | null;
  title: string;
  document_title: string | null;
  issuer: string | null;
  date: string | null;
  recipients: string | null;
  interprets: string | null;
  valid_from: string | null;
  valid_until: string | null;
  validity_text: string | null;
  truncated: number;
  article_count: number;
  table_count: number;
  data_json: string; // the whole parsed document
  title_key: string | null; // migration 0019: what title references are matched against (gazette/relations.ts)
  notice_key: string | null;
}

/** What a document says of another, or an administrator records (migration 0019; gazette/relations.ts). */
export interface DocumentRelationTable {
  id: Generated<number>;
  kind: string;
  source: string;
  source_id: string | null;
  target: string;
  target_number: string | null;
  target_key: string | null;
  target_id: string | null;
  valid_until: string | null;
  effective_date: string | null;
  anchor: string | null;
  quote: string | null;
  origin: string;
  issue_id: string | null;
  reason: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface SearchUnitTable {
  id: Generated<number>;
  doc_id: string;
  anchor: string | null;
  /** SQLite: where its text is in the document's data (unitTexts); results read it there (migration 0021). */
  path?: string;
  /** PostgreSQL: the text shown in results and its label (migration 0021 keeps them there). */
  label?: string | null;
  text?: string;
}

export interface CalendarYearTable {
  year: number;
  data_json: string;
  source: string;
  loaded_at: string;
}

export interface Database {
  gazette_issues: GazetteIssueTable;
  gazette_sources: GazetteSourceTable;
  documents: DocumentTable;
  document_relations: DocumentRelationTable;
  search_units: SearchUnitTable;
  calendar_years: CalendarYearTable;
  users: UserTable;
  sessions: SessionTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  audit_head: AuditHeadTable;
  governance_records: GovernanceTable;
  blobs: BlobTable;
  case_parties: CasePartyTable;
  plan_reports: PlanReportTable;
  case_documents: CaseDocumentTable;
  security_events: SecurityEventTable;
  admin_tokens: AdminTokenTable;
  audit_checkpoints: AuditCheckpointTable;
  audit_checkpoint_leaves: AuditCheckpointLeafTable;
  jobs: JobTable;
  supervision_items: SupervisionItemTable;
  notifications: NotificationTable;
  duty_occurrences: DutyOccurrenceTable;
  ratings: RatingTable;
  rating_followups: RatingFollowUpTable;
}

export interface DutyOccurrenceTable {
  id: Generated<number>;
  duty_id: string;
  period: string;
  scope_key: string;
  role: string;
  county: string | null;
  township: string | null;
  unit: string | null;
  due_on: string;
  status: string; // open | filed
  filed_on: string | null;
  filed_by: string | null;
  note: string | null;
  escalated_on: string | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  dedup_key: string;
  run_at: string;
  payload_json: string;
  status: string; // pending | running | done | failed | skipped
  attempts: Generated<number>;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export interface SupervisionItemTable {
  id: Generated<number>;
  case_id: string;
  state: string;
  breached_due: string;
  supervisor_role: string;
  opened_on: string;
  status: string; // open | answered | closed
  new_due: string | null;
  comments_json: string;
  closed_on: string | null;
  closing_note: string | null;
  citation: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  case_id: string | null;
  kind: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  role: string;
  county: string | null;
  township: string | null;
  village: string | null;
  unit: Generated<string | null>;
  demo: number;
  created_at: string;
  email: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  password_changed_at: string | null;
}

export interface SecurityEventTable {
  id: Generated<number>;
  at: string;
  kind: string;
  username: string | null;
  actor: string | null;
  ip: string | null;
  detail_json: string;
}

export interface AdminTokenTable {
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string;
}

export interface AuditCheckpointTable {
  id: Generated<number>;
  at: string;
  events: number;
  /** The global chain's head (checkpoints before 0020_case_chains), or the Merkle root over the case heads. */
  head_hash: string;
  /** How many case heads the Merkle root covers; null for a checkpoint of the former global chain. */
  leaves: number | null;
  key_id: string;
  signature: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  expires_at: string;
  created_at: string;
}

export interface CaseTable {
  id: string;
  procedure: string;
  state: string;
  version: number;
  county: string;
  township: string;
  village: string;
  applicant_user_id: number | null;
  title: string;
  application_json: string;
  data_json: string;
  application_date: string;
  state_entered_on: string;
  due_on: string | null;
  due_note: string | null;
  created_at: string;
  updated_at: string;
  definition_version: number;
  /** The head of the case's own audit chain: how many events it has and the last one's hash ('' before the first; 0 and '' by default). */
  chain_events?: number;
  chain_hash?: string;
}

export interface CaseEventTable {
  seq: Generated<number>; // global order of appends (an identity: no lock); the chain itself is per case
  case_seq: number; // position in the case's own chain, from 1
  case_id: string;
  at: string;
  on_date: string;
  actor_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  data_json: string;
  rules_json: string;
  prev_hash: string;
  hash: string;
}

/** The case heads a Merkle checkpoint adds or changes (the rest are the previous checkpoint's). */
export interface AuditCheckpointLeafTable {
  checkpoint_id: number;
  case_id: string;
  events: number;
  hash: string;
}

/** Since 0020_case_chains the end of the former global chain, frozen (seq 0: there was none). */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface GovernanceTable {
  id: Generated<number>;
  procedure: string;
  kind: string;
  document: string;
  valid_until: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface BlobTable {
  sha256: string;
  size: number;
  mime: string;
  data: Buffer;
}

export interface CaseDocumentTable {
  id: Generated<number>;
  case_id: string;
  kind: string;
  name: string;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** Others who take part in a case besides its applicant (e.g. the challengers of a 揭榜挂帅 list). */
export interface CasePartyTable {
  case_id: string;
  user_id: number;
  role_in_case: string;
  added_at: string;
}
