// Rules as data: each condition, refusal ground, standard and time limit is
// defined once, with the article it comes from and the period it is in force.
// A rule is a small named function over the case input; the engine only runs
// them and collects findings — it knows nothing about any one procedure.

export interface Citation {
  document: string; // 文号, e.g. 隆政发〔2022〕11号
  article: string; // 第十四条
  item: string | null; // 第（三）项
}

export interface Period {
  from: string; // first day in force (ISO)
  until: string | null; // last day in force (ISO), null = open-ended
}

export type Outcome = 'pass' | 'fail' | 'info';

export interface Finding {
  rule: string;
  outcome: Outcome;
  citation: Citation;
  /** The citation as printed, e.g. 隆政发〔2022〕11号 第十四条第（三）项 */
  cites: string;
  /** Where the article is in the library (permalink). */
  link: string;
  message: string;
}

export interface Rule<I> {
  id: string;
  citation: Citation;
  /** Plain Chinese: what the rule says. */
  summary: string;
  /** null when the rule does not apply to this input; otherwise the outcome and why. */
  check(input: I, ctx: RuleContext): { outcome: Outcome; message: string } | null;
}

export interface RuleContext {
  /** The day the case is judged on (its application date). */
  date: string;
  /** The procedure's parameters in force on `date` (src/engine/parameters.ts); absent: the gazette's own values only. */
  parameter?: (key: string, scope: string) => { value: number | string } | null;
}

/**
 * A figure a rule needs has no value on the case's date (a county has not recorded it, or the case predates every
 * value): the evaluation turns this into a finding that says so, instead of a guessed figure.
 */
export class MissingParameter extends Error {
  constructor(
    readonly key: string,
    readonly label: string,
    readonly date: string,
  ) {
    super(`${label}在 ${date} 没有取值`);
  }
}

/**
 * One version of a procedure's rules: the governing document and the period
 * it is in force. A case is judged by the set in force on its application date.
 */
export interface RuleSet<I> {
  id: string;
  governingDocument: string;
  period: Period;
  /** The clause that sets the period (e.g. 第三十五条: 自发文之日起施行，有效期 2 年); null when the document sets no term. */
  validityCitation: Citation | null;
  rules: Rule<I>[];
}

export function citeText(c: Citation): string {
  return `${c.document} ${c.article}${c.item ?? ''}`;
}

/** Permalink of the cited unit in the library (anchor shape of src/gazette/structure.ts). */
export function citeLink(c: Citation): string {
  return `/docs/${encodeURIComponent(c.document)}#${encodeURIComponent(c.article + (c.item ?? ''))}`;
}

export function inForce(period: Period, date: string): boolean {
  return date >= period.from && (period.until === null || date <= period.until);
}

export function evaluate<I>(rules: Rule<I>[], input: I, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    let r: { outcome: Outcome; message: string } | null;
    try {
      r = rule.check(input, ctx);
    } catch (e) {
      if (!(e instanceof MissingParameter)) throw e;
      r = { outcome: 'fail', message: `“${e.label}”在 ${e.date} 没有取值（未设定，不作推定），无法按本条判断。` };
    }
    if (!r) continue;
    findings.push({
      rule: rule.id,
      outcome: r.outcome,
      citation: rule.citation,
      cites: citeText(rule.citation),
      link: citeLink(rule.citation),
      message: r.message,
    });
  }
  return findings;
}
