// 办事指南: everything a person needs before applying, generated from the procedure's definition (its articles,
// states, limits, rules, materials and certificates), the module's questions and answers, the governing
// document's validity and the offices an administrator has registered for the reader's area. The same object is
// the page and the JSON export for a provincial 政务服务 catalogue.
import type { Citation } from '../engine/rules.js';
import { citeLink, citeText } from '../engine/rules.js';
import type { GoverningDocumentStatus } from '../engine/governance.js';
import type { ProcedureDefinition } from '../engine/procedure.js';
import { ROLE_LABELS } from '../engine/procedure.js';
import type { ProcedureModule } from '../procedures/shared/module.js';
import type { ServicePoint } from './service-points.js';

export interface Faq {
  question: string;
  answer: string;
  citation: Citation;
}

const cited = (c: Citation) => ({ cites: citeText(c), link: citeLink(c) });

export function buildGuide(m: ProcedureModule, status: GoverningDocumentStatus, points: ServicePoint[], area: { county?: string; township?: string }) {
  const p: ProcedureDefinition<any> = m.definition;
  // Every article the procedure rests on, once, in the order met: its limits, its actions, its rules.
  const basis = new Map<string, { cites: string; link: string }>();
  const add = (c: Citation) => basis.set(citeText(c), cited(c));
  for (const s of p.states) if (s.limit) add(s.limit.citation);
  for (const a of p.actions) add(a.citation);
  for (const set of p.ruleSets) for (const r of set.rules) add(r.citation);
  const limits = p.states.filter((s) => s.limit);
  const promised = points.find((x) => x.promisedWorkdays !== null)?.promisedWorkdays ?? null;
  return {
    id: p.id,
    name: p.name,
    summary: m.ui.summary,
    governingDocument: {
      document: status.document,
      status: status.status,
      validFrom: status.validFrom,
      effectiveUntil: status.effectiveUntil,
      message: status.message,
      link: `/docs/${encodeURIComponent(status.document)}`,
    },
    basis: [...basis.values()],
    applicants: p.filedBy.map((r) => ROLE_LABELS[r]),
    conditions: p.ruleSets.flatMap((set) => set.rules.map((r) => ({ summary: r.summary, ...cited(r.citation) }))),
    materials: (p.materials ?? []).map((x) => ({ label: x.label, note: x.note ?? null, ...cited(x.citation) })),
    process: p.states
      .filter((s) => !s.terminal)
      .map((s) => ({
        step: s.label,
        office: s.actor ? ROLE_LABELS[s.actor] : null,
        limit: s.limit ? { kind: s.limit.kind, label: s.limit.label, ...cited(s.limit.citation) } : null,
      })),
    timeLimits: {
      legal: limits.length ? limits.map((s) => `${s.label}：${s.limit!.label}（${citeText(s.limit!.citation)}）`) : ['依据文件未规定办理时限'],
      promised: promised === null ? null : `${promised} 个工作日（办理机构承诺）`,
    },
    results: p.certificates.map((c) => c.label),
    // The gazette's procedures charge nothing; a fee would have to be declared with its legal basis.
    fees: '不收费',
    servicePoints: points,
    servicePointsNote: points.length ? null : `${area.township ?? area.county ?? '本地'}的办理地点和咨询电话尚未登记；请向所在乡镇（街道）便民服务中心咨询。`,
    faqs: (m.ui.faqs ?? []).map((f) => ({ question: f.question, answer: f.answer, ...cited(f.citation) })),
  };
}
export type Guide = ReturnType<typeof buildGuide>;
