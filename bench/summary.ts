// The rows of the performance issue's table, as each bench measures them: `npm run bench` prints them together
// at the end, each figure next to its reference from the same run and its target. Figures only; nothing fails.

export interface SummaryRow {
  what: string;
  /** The figure, with its unit. */
  now: string;
  /** The reference measured in the same run, or '—' for an absolute target. */
  reference: string;
  /** The ratio to the reference, or the figure compared with the target. */
  ratio: string;
  target: string;
  met: boolean | null;
}

const rows: SummaryRow[] = [];

export function record(row: SummaryRow): void {
  rows.push(row);
}

export function printSummary(): void {
  if (rows.length === 0) return;
  console.log('== Summary: each row of the performance issue, next to its reference in this run');
  const cols = ['what', 'now', 'reference', 'ratio', 'target', 'met'] as const;
  const cell = (r: SummaryRow, c: (typeof cols)[number]) => (c === 'met' ? (r.met === null ? 'report' : r.met ? 'yes' : 'NO') : r[c]);
  const width = (c: (typeof cols)[number]) => Math.max(c.length, ...rows.map((r) => [...cell(r, c)].length));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  console.log(`   ${cols.map((c) => pad(c, width(c))).join(' | ')}`);
  for (const r of rows) console.log(`   ${cols.map((c) => pad(cell(r, c), width(c))).join(' | ')}`);
}
