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
  const [first, ...rest] = fragments;
  const header = first[0].map(cleanCell);
  const rows: string[][] = first.slice(1).map((r) => r.map(cleanCell));
  for (const frag of rest) {
    let body = frag;
    if (isBlankRow(frag[0]) || sameRow(first[0], frag[0])) body = frag.slice(1);
    rows.push(...body.filter((r) => !isBlankRow(r)).map((r) => r.map(cleanCell)));
  }
  const width = header.length;
  const body = rows.filter((r) => !isBlankRow(r));
  for (const r of body) while (r.length < width) r.push('');
  const filledCells = fillMergedCells(header, body);
  return { header, rows: body, fragments: fragments.length, filledCells };
}

/**
 * Fills merged cells. A column is a grouping column (领域, 类别, 一级指标…) when it
 * is mostly blank below a value and lies left of the data; only those are
 * filled downwards, so that a genuinely blank target cell stays blank.
 * 〃 (ditto) is always replaced by the value above.
 */
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
  // Grouping columns: not the first (序号) unless the first is text, in the left half, mostly blank.
  for (let c = 0; c < Math.ceil(width / 2); c++) {
    const values = rows.map((r) => r[c]);
    const nonBlank = values.filter((v) => v !== '').length;
    if (nonBlank === 0 || nonBlank === values.length) continue;
    if (values[0] === '') continue; // a group must start with its name
    const numeric = values.filter((v) => /^\d+(\.\d+)?$/.test(v)).length;
    if (numeric > 0) continue; // numbers are data, not group names
    if (nonBlank > values.length / 2) continue;
    // the row must not be a group subtotal row (a row whose other cells are blank)
    for (let r = 1; r < rows.length; r++) {
      if (rows[r][c] === '' && rows[r].some((v, i) => i !== c && v !== '')) {
        rows[r][c] = rows[r - 1][c];
        filled.push([r, c]);
      }
    }
  }
  return filled;
}
