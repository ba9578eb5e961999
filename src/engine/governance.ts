// Whether the document that governs a procedure is in force, and which rule
// set judges a case. 隆政发〔2022〕11号 was valid for 2 years from 2022-07-04;
// an administrator can record an extension or a successor document.
import { citeLink, citeText, type Period, type RuleSet } from './rules.js';
import type { Db } from '../db/connection.js';

export interface GovernanceRecord {
  kind: 'extension' | 'successor';
  document: string; // the document that extends or replaces
  validUntil: string | null; // for an extension: the new last day
  note: string | null;
  recordedAt: string;
}

export interface GoverningDocumentStatus {
  document: string;
  validFrom: string;
  validUntil: string | null; // as printed
  effectiveUntil: string | null; // after recorded extensions
  status: 'in_force' | 'expired' | 'not_yet';
  asOf: string;
  extensions: GovernanceRecord[];
  successor: GovernanceRecord | null;
  /** The clause that sets the term, as printed and as a permalink (e.g. 隆政发〔2022〕11号 第三十五条). */
  validityCites: string | null;
  validityLink: string | null;
  /**
   * Whether decisions (approve, refuse, certificates) may rest on this document for a case
   * dated `asOf`: in force then, or a successor recorded by an administrator.
   */
  decisionsAllowed: boolean;
  /** Days until the end of the term when it ends within ENDING_SOON_DAYS (the system says so as the end approaches). */
  endsInDays: number | null;
  message: string;
}

/** How far ahead the end of a governing document's term is announced (half a year: time to enact a successor). */
export const ENDING_SOON_DAYS = 180;

export function effectivePeriod(period: Period, records: GovernanceRecord[]): Period {
  let until = period.until;
  for (const r of records) if (r.kind === 'extension' && r.validUntil && (until === null || r.validUntil > until)) until = r.validUntil;
  return { from: period.from, until };
}

/** The rule set that judges a case applied for on `date`: the one in force then, else the latest (flagged). */
export function ruleSetFor<I>(sets: RuleSet<I>[], records: GovernanceRecord[], date: string): RuleSet<I> {
  const inForce = sets.find((s) => {
    const p = effectivePeriod(s.period, records);
    return date >= p.from && (p.until === null || date <= p.until);
  });
  return inForce ?? [...sets].sort((a, b) => (a.period.from < b.period.from ? 1 : -1))[0];
}

export function governingStatus<I>(set: RuleSet<I>, records: GovernanceRecord[], asOf: string): GoverningDocumentStatus {
  const p = effectivePeriod(set.period, records);
  const status = asOf < p.from ? 'not_yet' : p.until !== null && asOf > p.until ? 'expired' : 'in_force';
  const successor = records.find((r) => r.kind === 'successor') ?? null;
  const extensions = records.filter((r) => r.kind === 'extension');
  const clause = set.validityCitation;
  const by = clause ? `（${citeText(clause)}）` : '';
  const decisionsAllowed = status === 'in_force' || (status === 'expired' && successor !== null);
  let message: string;
  const daysLeft = status === 'in_force' && p.until ? Math.round((Date.parse(p.until) - Date.parse(asOf)) / 86_400_000) : null;
  const endsInDays = daysLeft !== null && daysLeft <= ENDING_SOON_DAYS ? daysLeft : null;
  if (status === 'in_force') {
    const ext = extensions.filter((r) => r.validUntil === p.until).at(-1);
    message = `${set.governingDocument} 现行有效${p.until ? `（至 ${p.until}${ext ? `，已登记延期：${ext.document}${ext.note ? `；${ext.note}` : ''}` : `，有效期依据${by}`}）` : ''}。`;
    if (endsInDays !== null && !successor) message += `还有 ${endsInDays} 天到期：到期后不能再据此作出决定，请及早登记延期或替代文件。`;
  } else if (status === 'not_yet') message = `${set.governingDocument} 自 ${p.from} 起施行${by}，${asOf} 尚未生效；在其施行前不能据此作出决定。`;
  else if (successor)
    message = `${set.governingDocument} 已于 ${p.until} 失效（有效期届满${by}），已登记替代文件 ${successor.document}${successor.note ? `（${successor.note}）` : ''}。`;
  else
    message = `${set.governingDocument} 已于 ${p.until} 失效（有效期届满${by}），${asOf} 不在其有效期内；可以受理申请，但在管理员登记延期或替代文件前，不能据此作出批准、不予批准决定或出具证书。`;
  return {
    document: set.governingDocument,
    validFrom: set.period.from,
    validUntil: set.period.until,
    effectiveUntil: p.until,
    status,
    asOf,
    extensions,
    successor,
    validityCites: clause ? citeText(clause) : null,
    validityLink: clause ? citeLink(clause) : null,
    decisionsAllowed,
    endsInDays,
    message,
  };
}

/**
 * Extensions (延期) and replacements (替代) recorded once as relations between documents (gazette
 * document_relations, by the parser or an administrator), as governance records of every procedure the
 * document governs: they count beside the records kept per procedure in governance_records. A relation names
 * the governed document by its place in the library, or by its 文号 while it is not (yet) there.
 */
export async function relationRecords(db: Db, documents: string[]): Promise<GovernanceRecord[]> {
  if (documents.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('document_relations')
    .select(['kind', 'source', 'valid_until', 'reason', 'origin', 'recorded_at'])
    .where('kind', 'in', ['extends', 'replaces'])
    .where((eb) => eb.or([eb('target_id', 'in', documents), eb.and([eb('target_id', 'is', null), eb('target_number', 'in', documents)])]))
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => r.kind === 'replaces' || r.valid_until)
    .map((r) => ({
      kind: r.kind === 'extends' ? ('extension' as const) : ('successor' as const),
      document: r.source,
      validUntil: r.kind === 'extends' ? r.valid_until : null,
      note: r.reason ?? (r.origin === 'parser' ? '公报载明' : null),
      recordedAt: r.recorded_at,
    }));
}

/** A procedure's governance records with the relations recorded against its governing documents. */
export async function withDocumentRelations(db: Db, records: GovernanceRecord[], governingDocuments: string[]): Promise<GovernanceRecord[]> {
  return [...records, ...(await relationRecords(db, [...new Set(governingDocuments)]))];
}
