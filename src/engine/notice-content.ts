// 一次性告知书: what a notice of missing materials says, read from the audit event that records it (there is no
// table of notices: the event is the record, and the audit replay leaves the case as it was — SYSTEM_EVENTS).
// Pure functions only, so the case view (cases.ts) and the notice service (notices.ts) share them.
import { levelsDownTo } from '../platform/areas.js';
import { roleDef, seesOwnCasesOnly } from '../platform/roles.js';
import type { CertificateContent } from './pdf.js';
import { maskPersonalData } from './personal-data.js';
import { ROLE_LABELS, type ProcedureDefinition, type Role, type StateDef } from './procedure.js';

/** The audit event of a notice (listed in SYSTEM_EVENTS: it changes neither the state, the version nor the record). */
export const NOTICE_ACTION = 'one_time_notice';
export const NOTICE_LABEL = '一次性告知（补正材料）';

/** What is wrong with a material, chosen, never typed. */
export const NOTICE_PROBLEMS = { missing: '缺少', unclear: '不清晰', nonconforming: '不符合要求' } as const;
export type NoticeProblem = keyof typeof NOTICE_PROBLEMS;

export interface NoticeItem {
  /** Index in the procedure's materials list when the notice was issued. */
  material: number;
  label: string;
  cites: string;
  link: string;
  /** The list's own remark on the material (e.g. 有偿转让的). */
  materialNote: string | null;
  problem: NoticeProblem;
  problemLabel: string;
  /** What exactly is wrong, in a few words. */
  note: string | null;
}

/** A notice as its event stores it: the materials are copied, so it reads the same after the list changes. */
export interface NoticeRecord {
  n: number;
  number: string;
  issuedOn: string;
  office: string;
  state: string;
  stateLabel: string;
  items: NoticeItem[];
  deadline: { date: string; workdays: number | null };
}

export const noticeNumber = (caseId: string, n: number) => `${caseId}-GZ${n}`;
export const noticePdfPath = (caseId: string, n: number) => `/api/cases/${encodeURIComponent(caseId)}/notices/${n}.pdf`;

/** The office acting for a role at a case's place: the place down to the role's level, and its kind unless the place names it. */
export function officeName(role: Role | null | undefined, place: { county: string; township: string; village: string }): string {
  if (!role) return '';
  const level = roleDef(role)?.level;
  const where = (level && level !== 'city' && level !== 'own' ? levelsDownTo(level) : [])
    .map((k) => place[k])
    .filter(Boolean)
    .join('');
  const kind = ROLE_LABELS[role] ?? '';
  return !where ? kind : where.endsWith(kind) ? where : `${where} ${kind}`;
}

/** Whether an account of this role issues notices in this state: the state's own office, in a procedure that lists its materials. */
export function canIssueNotice(p: ProcedureDefinition<any, any>, state: StateDef & { retired?: boolean }, role: Role): boolean {
  return Boolean(p.materials?.length) && !state.terminal && !state.retired && state.actor === role && !seesOwnCasesOnly(role);
}

/** The notices of a case from its events, masked, with who issued them and where the PDF is. */
export function noticesFromEvents(caseId: string, events: { action: string; at: string; actor_name: string; data_json: string }[]) {
  return events
    .filter((e) => e.action === NOTICE_ACTION)
    .map((e) => {
      const notice = (JSON.parse(e.data_json) as { notice: NoticeRecord }).notice;
      return maskPersonalData({ ...notice, issuedAt: e.at, issuedBy: e.actor_name, pdf: noticePdfPath(caseId, notice.n) });
    });
}

/** What the PDF of a notice prints: every item with its article and what is wrong, the deadline, the office and the day. */
export function noticeContent(p: ProcedureDefinition<any, any>, row: { id: string; title: string }, notice: NoticeRecord): CertificateContent {
  const items = notice.items.map(
    (it, i) =>
      [
        `补正材料 ${i + 1}`,
        `${it.label}：${it.problemLabel}${it.note ? `（${it.note}）` : ''}\n依据：${it.cites}${it.materialNote ? `（${it.materialNote}）` : ''}`,
      ] as [string, string],
  );
  const deadline = `${notice.deadline.date} 前${notice.deadline.workdays ? `（自告知之日起 ${notice.deadline.workdays} 个工作日内）` : ''}`;
  return maskPersonalData({
    title: '一次性告知书',
    number: notice.number,
    rows: [
      ['办理事项', p.name],
      ['办件编号', row.id],
      ['申请事项', row.title],
      ['当前环节', notice.stateLabel],
      ...items,
      ['补正期限', deadline],
      ['告知单位', notice.office],
      ['告知日期', notice.issuedOn],
    ],
    notes: [
      `以上 ${notice.items.length} 项是本申请需要补正的全部材料，一次性告知。请在补正期限内一并补齐，交告知单位，或登录后在案件页上传。`,
      '每项材料均列明要求提供它的条款；对告知内容有疑问的，可向告知单位询问。',
    ],
    basis: [...new Set(notice.items.map((it) => it.cites))],
    issuer: notice.office,
    date: notice.issuedOn,
    footer: '本告知书由政务 Zhengwu 依据办理记录生成。',
  });
}
