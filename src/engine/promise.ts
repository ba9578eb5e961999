// 承诺办结日期: the day by which a case ends if every office on its main path uses its full time limit. The path
// is declared by the procedure (`promise.paths`, one per first state); the engine does not guess one through a
// procedure that branches (both review tracks, a refusal, works the applicant starts later would all be counted).
// Along the path each state's limit is added in its own unit on the official calendar, one after the other:
// deadlines (due) in full, minimum periods (公示) at their minimum, states without a limit at nothing — and
// these are named, so the promise never hides what it does not cover. No declared path, or no deadline on it:
// "依据文件未规定总办理时限", never an invented date.
import { addDays, addYears } from '../calendar/dates.js';
import { CalendarError, type WorkdayCalendar } from '../calendar/workdays.js';
import type { ProcedureDefinition, StateDef, TimeLimit } from './procedure.js';
import { citeLink, citeText } from './rules.js';

export const NO_OVERALL_LIMIT = '依据文件未规定总办理时限';

export interface PromiseStep {
  state: string;
  label: string;
  /** How the state counts: its deadline in full, its minimum period, or not at all (no limit in the text). */
  counted: 'due' | 'minimum' | 'none';
  /** The limit as counted, e.g. "5 个工作日". */
  amount: string | null;
  /** The day the step starts and ends when every earlier step used its full limit. */
  from: string | null;
  to: string | null;
  cites: string | null;
  link: string | null;
}

export interface PromisedCompletion {
  /** The promised day, or null (no overall limit in the text, or a day the calendar does not cover). */
  date: string | null;
  /** Working days from receipt, when every counted limit is in working days. */
  workdays: number | null;
  /** What the promise runs to (e.g. 乡镇作出是否批准的决定). */
  until: string | null;
  steps: PromiseStep[];
  /** States on the path the text sets no limit for: not counted. */
  notCounted: string[];
  /** Extensions and stopped clocks the text allows on the path, and the procedure's own remarks. */
  notes: string[];
  /** One line for the receipt and the case page. */
  text: string;
}

const amountOf = (l: TimeLimit) => (l.calendarYears ? `${l.workdays} 年` : l.calendarDays ? `${l.workdays} 天` : `${l.workdays} 个工作日`);

function addLimit(calendar: WorkdayCalendar, from: string, l: TimeLimit): string {
  if (l.calendarYears) return addYears(from, l.workdays);
  if (l.calendarDays) return addDays(from, l.workdays);
  return calendar.addWorkdays(from, l.workdays);
}

/** The declared main path of a case that entered the procedure at `startState`, or null. */
export function promisedPath(p: ProcedureDefinition<any, any>, startState: string | null): StateDef[] | null {
  const path = p.promise?.paths.find((x) => x[0] === startState);
  if (!path) return null;
  const states = path.map((id) => p.states.find((s) => s.id === id));
  return states.every(Boolean) ? (states as StateDef[]) : null;
}

/** The promised completion date of a case received on `receivedOn` that entered the procedure at `startState`. */
export function promisedCompletion(
  p: ProcedureDefinition<any, any>,
  startState: string | null,
  receivedOn: string,
  calendar: () => WorkdayCalendar,
): PromisedCompletion {
  const path = promisedPath(p, startState);
  const none = (text: string): PromisedCompletion => ({ date: null, workdays: null, until: null, steps: [], notCounted: [], notes: [], text });
  if (!path || !path.some((s) => s.limit?.kind === 'due')) return none(NO_OVERALL_LIMIT);
  const steps: PromiseStep[] = [];
  const notes: string[] = [];
  let day: string | null = receivedOn;
  let workdays: number | null = 0;
  let failure: string | null = null;
  for (const s of path) {
    const l = s.limit;
    const step: PromiseStep = {
      state: s.id,
      label: s.label,
      counted: l ? l.kind : 'none',
      amount: l ? amountOf(l) : null,
      from: day,
      to: day,
      cites: l ? citeText(l.citation) : null,
      link: l ? citeLink(l.citation) : null,
    };
    if (l && day) {
      try {
        day = addLimit(calendar(), day, l);
      } catch (e) {
        if (!(e instanceof CalendarError)) throw e;
        failure = e.message;
        day = null;
      }
      step.to = day;
      workdays = workdays !== null && !l.calendarDays && !l.calendarYears ? workdays + l.workdays : null;
    }
    if (l?.extension) notes.push(`${s.label}经批准可延长 ${l.extension.workdays} 个工作日（${citeText(l.extension.citation)}），承诺办结日期相应顺延。`);
    for (const pause of l?.pauses ?? []) notes.push(`${pause.label}的时间不计入${s.label}的时限（${citeText(pause.citation)}）。`);
    steps.push(step);
  }
  notes.push(...(p.promise?.notes ?? []));
  const notCounted = steps.filter((s) => s.counted === 'none').map((s) => s.label);
  const until = p.promise?.until ?? null;
  const uncounted = notCounted.length ? `；${notCounted.join('、')}依据文件未规定时限，未计入` : '';
  if (!day) {
    return { date: null, workdays: null, until, steps, notCounted, notes, text: `无法计算承诺办结日期：${failure ?? '日历未收录'}` };
  }
  const total = workdays !== null ? ` ${workdays} 个工作日` : '';
  return {
    date: day,
    workdays,
    until,
    steps,
    notCounted,
    notes,
    text: `${day}（自受理之日起按各环节法定时限累计${total}，至${until ?? '办结'}${uncounted}）`,
  };
}
