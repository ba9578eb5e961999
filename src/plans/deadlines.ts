// The years a task's own text sets as deadlines ("到2022年，培养培训75名养老院院长…",
// "2023年底前…", "2025年前全面完成整改"). A task is due by the end of each such
// year; the overdue check (tasks.ts) compares them with the lead unit's reports.
//
// Only years of the plan period (2021—2025) count: earlier years in the texts are
// references, not deadlines ("清查2014年以来新建城区", "2000年底前建成的城镇老旧小区",
// "比2020年下降16.5%"). A year that starts something is not a deadline either
// ("自2022年起将不低于55%的资金用于…").

export const PLAN_FIRST_YEAR = 2021;
export const PLAN_LAST_YEAR = 2025;

export interface Deadline {
  year: number;
  /** The clause of the text that sets it, as printed (shortened), for the 逾期 message. */
  quote: string;
}

const QUOTE_MAX = 60;

/** Every deadline year the text names, earliest first, one per year (the first clause naming it is quoted). */
export function taskDeadlines(text: string): Deadline[] {
  // Lines are separate items (a group's text is joined by newlines, extract.ts).
  const t = text.replace(/\s*\n\s*/g, '。').replace(/\s+/g, '');
  const found = new Map<number, Deadline>();
  for (const m of t.matchAll(/(20\d\d)年(底前|底|以前|前|度)?/g)) {
    const year = Number(m[1]);
    if (year < PLAN_FIRST_YEAR || year > PLAN_LAST_YEAR) continue;
    const at = m.index!;
    const end = at + m[0].length;
    const before = t.slice(Math.max(0, at - 2), at);
    const after = t.slice(end, end + 2);
    if (/比$/.test(before)) continue; // the base of a comparison ("比2021年提高")
    if (/[自从]$/.test(before) || /^(起|以来|开始)/.test(after)) continue; // a start, not an end
    if (/\d[—\-–~～至]$/.test(before) || /^[—\-–~～至]\d/.test(after)) continue; // a period ("2021—2025年")
    if (found.has(year)) continue;
    found.set(year, { year, quote: quoteAround(t, at) });
  }
  return [...found.values()].sort((a, b) => a.year - b.year);
}

/** The last deadline the text names (when the whole task is due), or null when it names none. */
export function dueYearOf(text: string): number | null {
  const d = taskDeadlines(text);
  return d.length ? d[d.length - 1].year : null;
}

/**
 * The clause around a year: from the start of its clause ("，2025年前全面完成整改")
 * to the end of its sentence, so "到2022年，培养培训75名养老院院长…" keeps what is due.
 */
function quoteAround(t: string, at: number): string {
  let start = at;
  while (start > 0 && !'，。；：'.includes(t[start - 1])) start--;
  let end = at;
  while (end < t.length && !'。；'.includes(t[end])) end++;
  const q = t.slice(start, end);
  return q.length > QUOTE_MAX ? `${q.slice(0, QUOTE_MAX)}…` : q;
}
