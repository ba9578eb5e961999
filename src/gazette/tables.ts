// Tables as printed are markdown fragments. A table that runs over a page
// break arrives as several fragments: the continuation either has a blank
// header row, repeats the header, or simply continues the numbered rows.
// Merged cells arrive blank; 〃 means "as above".

import { cleanCell } from './normalize.js';

export interface AssembledTable {
  header: string[];
  rows: string[][];
  fragments: number;
  filledCells: [number, number][];
}

const GROUPING_HEADER = /^(领域|类别|分类|类型|一级指标|指标类别|区域|地区|所属领域|项目类别)$/;
const isBlankRow = (row: string[]) => row.every((c) => c.trim() === '');
const sameRow = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => cleanCell(c) === cleanCell(b[i]));

function leadingNumber(row: string[] | undefined): number | null {
  if (!row) return null;
  const m = /^(\d{1,3})$/.exec(cleanCell(row[0] ?? ''));
  return m ? Number(m[1]) : null;
}

/**
 * Whether `next` continues `prev` across a page break. Decided by shape only:
 * same width and either a blank header row, a repeated header, or a row
 * numbering that carries on.
 */
export function continuesTable(prev: string[][], next: string[][]): boolean {
  if (prev.length === 0 || next.length === 0) return false;
  const width = prev[0].length;
  if (next[0].length !== width) return false;
  if (isBlankRow(next[0])) return true;
  if (sameRow(prev[0], next[0])) return true;
  const lastNo = leadingNumber([...prev].reverse().find((r) => leadingNumber(r) !== null));
  const nextNo = leadingNumber(next[0]);
  return lastNo !== null && nextNo === lastNo + 1;
}

/** Joins fragments (already known to belong together) into one table with clean cells. */
export function assembleTable(fragments: string[][][]): AssembledTable {
  // A line that is only a separator (|--|--|) makes a fragment without rows: nothing to assemble from it.
  const present = fragments.filter((f) => f.length > 0 && f[0] !== undefined);
  if (present.length === 0) return { header: [], rows: [], fragments: fragments.length, filledCells: [] };
  const [first, ...rest] = present;
  const header = first[0].map(cleanCell);
  const rows: string[][] = first.slice(1).map((r) => r.map(cleanCell));
  for (const frag of rest) {
    let body = frag;
    if (isBlankRow(frag[0]) || sameRow(first[0], frag[0])) body = frag.slice(1);
    // A loop, not push(...rows): spreading a fragment of 100k+ rows overflows the call stack.
    for (const r of body) if (!isBlankRow(r)) rows.push(r.map(cleanCell));
  }
  const width = header.length;
  const body = rows.filter((r) => !isBlankRow(r));
  for (const r of body) while (r.length < width) r.push('');
  const filledCells = fillMergedCells(header, body);
  return { header, rows: body, fragments: fragments.length, filledCells };
}

/** Fills merged cells: 〃 (ditto) always; blank cells only in grouping columns. */
function fillMergedCells(header: string[], rows: string[][]): [number, number][] {
  const filled: [number, number][] = [];
  const width = header.length;
  for (let c = 0; c < width; c++) {
    for (let r = 1; r < rows.length; r++) {
      if (/^[〃"＂]$/.test(rows[r][c]) && rows[r - 1][c]) {
        rows[r][c] = rows[r - 1][c];
        filled.push([r, c]);
      }
    }
  }
  // Grouping columns are named so in the header (领域, 类别, 一级指标…); their
  // blank cells are merged cells. Blank cells elsewhere (a missing target) stay blank.
  // Non-blank cells per row are counted once and kept up to date, rather than re-read for every blank cell.
  let nonBlank: number[] | null = null;
  for (let c = 0; c < width; c++) {
    if (!GROUPING_HEADER.test(header[c] ?? '')) continue;
    if (rows.some((r) => /^\d+(\.\d+)?$/.test(r[c]))) continue; // numbers are data, not group names
    nonBlank ??= rows.map((row) => row.reduce((n, v) => (v !== '' ? n + 1 : n), 0));
    for (let r = 1; r < rows.length; r++) {
      // rows[r][c] is blank, so "another cell of the row is not" is "some cell of the row is not".
      if (rows[r][c] === '' && rows[r - 1][c] !== '' && nonBlank[r] > 0) {
        rows[r][c] = rows[r - 1][c];
        nonBlank[r]++;
        filled.push([r, c]);
      }
    }
  }
  return filled;
}
