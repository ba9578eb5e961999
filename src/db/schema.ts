// Table types for Kysely. JSON columns are stored as text on both databases
// so that one code path reads them.
import type { Generated } from 'kysely';

export interface GazetteIssueTable {
  id: string; // the issue number, e.g. 2022年第4号
  number: string | null;
  title: string | null;
  editor: string | null;
  toc_json: string;
  warnings_json: string;
  source_sha256: string;
  source_text: string;
  ingested_at: string;
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
}

export interface SearchUnitTable {
  id: Generated<number>;
  doc_id: string;
  anchor: string | null;
  label: string | null;
  text: string;
  tokens: string;
}

export interface CalendarYearTable {
  year: number;
  data_json: string;
  source: string;
  loaded_at: string;
}

export interface Database {
  gazette_issues: GazetteIssueTable;
  documents: DocumentTable;
  search_units: SearchUnitTable;
  calendar_years: CalendarYearTable;
}
