// The parsed shape of a gazette issue. This is also the JSON contract of
// `zhengwu gazette parse --json` and of GET /api/documents/:number.

export interface TocEntry {
  title: string;
  page: number | null;
}
export interface TocSection {
  title: string;
  entries: TocEntry[];
}
export interface IssueMeta {
  title: string | null;
  number: string | null; // e.g. 2022年第4号
  year: number | null;
  serial: number | null;
  editor: string | null;
  toc: TocSection[];
}

export type UnitKind =
  | 'part' // an attachment or a second document printed under the same notice
  | 'chapter' // 第一章
  | 'section' // 第一节
  | 'article' // 第十六条
  | 'clause' // 款 (a further paragraph of an article)
  | 'item' // 项 （一）inside an article
  | 'level1' // 一、
  | 'level2' // （一）
  | 'level3' // 1.
  | 'level4' // （1）
  | 'paragraph';

export interface Unit {
  anchor: string; // unique within the document, used in permalinks (#第十六条)
  kind: UnitKind;
  label: string | null; // 第十六条, 一、, （三）
  heading: string | null; // the words after the label when the unit is a heading
  text: string; // the unit's own text (without its children)
  tables: number[]; // indexes into Document.tables printed inside this unit
  children: Unit[];
}

export interface Table {
  index: number;
  caption: string | null;
  unitAnchor: string | null;
  header: string[];
  rows: string[][];
  /** How many printed fragments (page breaks) were joined into this table. */
  fragments: number;
  /** Cells that were blank (merged) or 〃 in print and were filled from the row above: [row, column]. */
  filledCells: [number, number][];
}

export interface Attachment {
  label: string; // 附件1
  title: string;
}

export interface Citation {
  number: string; // normalised 文号
  anchor: string | null; // unit where it is cited
}

export const RELATION_KINDS = ['amends', 'repeals', 'extends', 'replaces', 'interprets', 'implements', 'cites'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** A relation as the parser finds it in one document (the source). */
export interface RelationRef {
  kind: RelationKind;
  /** The other end as printed: its 文号 when given, else its title. */
  target: string;
  targetNumber: string | null;
  targetTitle: string | null;
  validUntil: string | null; // extends: the new last day
  anchor: string | null;
  quote: string;
}

export interface GazetteDocument {
  seq: number; // 1-based position in the issue
  id: string; // 文号, or for interpretations 解读:<文号 explained> / 解读:<seq>
  kind: 'notice' | 'interpretation';
  number: string | null;
  title: string; // the notice (or interpretation) title as printed
  documentTitle: string | null; // the title of the document the notice issues
  issuer: string | null;
  date: string | null;
  recipients: string | null;
  noticeText: string | null;
  interprets: string | null;
  validFrom: string | null;
  validUntil: string | null; // last day in force
  validityText: string | null;
  /** The unit that states the validity (e.g. 第三十五条), so rules can cite it; null when the notice text states it. */
  validityAnchor: string | null;
  units: Unit[];
  tables: Table[];
  attachments: Attachment[];
  citations: Citation[];
  /** What the text says of other documents (relations.ts); absent in documents stored before migration 0019. */
  relations?: RelationRef[];
  truncated: boolean;
  articleCount: number;
}

export interface ParsedIssue {
  issue: IssueMeta;
  documents: GazetteDocument[];
  warnings: string[];
}
