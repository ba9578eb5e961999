// When a document takes effect and when it expires, read from its own words:
// "自印发之日起施行，有效期5年", "自2022年6月15日开始实施，有效期5年",
// "有效期至2024年7月3日". A term of N years from D ends on the day before
// the Nth anniversary of D (D = 2022-07-04, 2 years → last day 2024-07-03).

import { addDays, addYears } from '../calendar/dates.js';
import { chineseNumeral, parseChineseDate, toAsciiDigits } from './normalize.js';

export interface Validity {
  validFrom: string | null;
  validUntil: string | null;
  text: string | null;
}

const DATE = '(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)';
const RE_FROM_EVENT = /自(?:印发|发文|颁布|公布|发布|下发)之日起(?:施行|执行|实施|生效)/;
// Never two `\\s*` in a row: a long run of spaces would make the match quadratic.
const RE_FROM_DATE = new RegExp(`自\\s*${DATE}\\s*(?:起\\s*)?(?:开始)?(?:施行|执行|实施|生效)`);
const RE_TERM = /有效期\s*(?:为\s*)?([\d一二三四五六七八九十]+)\s*年/;
const RE_UNTIL = new RegExp(`有效期\\s*至\\s*${DATE}`);

/** Finds the validity statement in the paragraphs of a document issued on `issued`. */
export function readValidity(paragraphs: string[], issued: string | null): Validity {
  // The statement closes a document, so read from the end.
  for (const raw of [...paragraphs].reverse()) {
    const p = toAsciiDigits(raw);
    const fromEvent = RE_FROM_EVENT.exec(p);
    const fromDate = RE_FROM_DATE.exec(p);
    const until = RE_UNTIL.exec(p);
    const term = RE_TERM.exec(p);
    if (!fromEvent && !fromDate && !until) continue;
    const validFrom = fromDate ? parseChineseDate(fromDate[1]) : issued;
    let validUntil: string | null = null;
    if (until) validUntil = parseChineseDate(until[1]);
    else if (term && validFrom) {
      const years = chineseNumeral(term[1]);
      if (years) validUntil = addDays(addYears(validFrom, years), -1);
    }
    return { validFrom, validUntil, text: sentenceAround(raw, (fromDate ?? fromEvent ?? until ?? term)!.index) };
  }
  return { validFrom: null, validUntil: null, text: null };
}

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('。', index - 1) + 1, 0);
  const endIdx = text.indexOf('。', index);
  return text
    .slice(start, endIdx === -1 ? undefined : endIdx + 1)
    .replace(/^(?:第[一二三四五六七八九十百]+条|[一二三四五六七八九十]+、)\s*/, '')
    .trim();
}

export type ValidityStatus = 'in_force' | 'expired' | 'not_yet';

/** The badge shown for a document on a given day (现行有效 / 已失效 / 尚未生效). */
export function validityOn(doc: { validFrom: string | null; validUntil: string | null; date: string | null }, today: string): ValidityStatus {
  const from = doc.validFrom ?? doc.date;
  if (from && today < from) return 'not_yet';
  if (doc.validUntil && today > doc.validUntil) return 'expired';
  return 'in_force';
}

export const VALIDITY_LABEL: Record<ValidityStatus, string> = {
  in_force: '现行有效',
  expired: '已失效',
  not_yet: '尚未生效',
};

/** What ends or lengthens a document's term: extensions, repeals and replacements recorded against it (relation-store.ts). */
export interface TermChanges {
  extensions: { by: string; byId: string | null; validUntil: string; reason: string | null; origin: string }[];
  endings: { kind: 'repeals' | 'replaces'; by: string; byId: string | null; from: string | null; reason: string | null; origin: string }[];
}

export interface StatusOn {
  status: ValidityStatus;
  label: string;
  asOf: string;
  /** The last day in force after recorded extensions (null: no end printed). */
  effectiveUntil: string | null;
  extendedBy: TermChanges['extensions'][number] | null;
  endedBy: TermChanges['endings'][number] | null;
  message: string;
}

/** A document's status on a day, honouring recorded extensions (延期), repeals (废止) and replacements (替代). */
export function statusOn(
  doc: { validFrom: string | null; validUntil: string | null; date: string | null },
  changes: TermChanges | undefined,
  day: string,
): StatusOn {
  const from = doc.validFrom ?? doc.date;
  let until = doc.validUntil;
  let extendedBy: StatusOn['extendedBy'] = null;
  if (until)
    for (const e of changes?.extensions ?? [])
      if (e.validUntil > until!) {
        until = e.validUntil;
        extendedBy = e;
      }
  const endedBy = (changes?.endings ?? []).filter((e) => e.from && e.from <= day).sort((a, b) => (a.from! < b.from! ? -1 : 1))[0] ?? null;
  const base = { asOf: day, effectiveUntil: until, extendedBy, endedBy };
  if (from && day < from) return { ...base, status: 'not_yet', label: VALIDITY_LABEL.not_yet, message: `${day} 尚未生效（自 ${from} 起施行）。` };
  if (endedBy) {
    const label = endedBy.kind === 'replaces' ? '已被替代' : '已废止';
    return { ...base, status: 'expired', label, message: `${label}：自 ${endedBy.from} 起由 ${endedBy.by} ${endedBy.kind === 'replaces' ? '替代' : '废止'}。` };
  }
  if (until && day > until) return { ...base, status: 'expired', label: VALIDITY_LABEL.expired, message: `已于 ${until} 有效期届满失效。` };
  const ext = extendedBy ? `，已由 ${extendedBy.by} 延期` : '';
  return { ...base, status: 'in_force', label: VALIDITY_LABEL.in_force, message: `${day} 现行有效${until ? `（至 ${until}${ext}）` : ''}。` };
}
