// Search filters as index tokens. Every searchable unit carries, besides the
// tokens of its text, tokens that name its document, its issuer and the two
// dates its validity turns on; a filter is then one more term of the index
// query (FTS5 MATCH, PostgreSQL tsquery), so the index intersects it with the
// words and a filtered search never joins every match of a common word to its
// document before counting and limiting.
//
// Validity depends on the day asked about, so each date is indexed at every
// precision (the first 1, 2, …, 8 digits of YYYYMMDD) and "before T" or
// "after T" is a union of at most 9 tokens per digit (typically 15–30 in all):
// the prefixes that agree with T's up to some digit and are smaller (larger)
// in the next one. Fewer, coarser tokens keep the index query cheap.
// Tokens start with "z", which no text token does (see tokens.ts).
import { createHash } from 'node:crypto';
import type { ValidityStatus } from './validity.js';

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const hashed = (kind: 'd' | 'i', value: string) => `z${kind}${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;

/** The token naming a document (by id) in the index. */
export const documentFacet = (docId: string) => hashed('d', docId);
/** The token naming an issuer in the index. */
export const issuerFacet = (issuer: string) => hashed('i', issuer);

function dateTokens(kind: 's' | 'u', date: string | null): string[] {
  const m = date ? ISO_DATE.exec(date) : null;
  // No date (or one the parser never writes): the document has no bound on that side.
  if (!m) return [`z${kind}n`];
  const digits = m[1] + m[2] + m[3];
  return LEVELS.map((n) => `z${kind}${digits.slice(0, n)}`);
}

export interface FacetSource {
  id: string;
  issuer: string | null;
  date: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

/** The filter tokens of every unit of a document: space-separated, like indexTokens. */
export function facetTokens(d: FacetSource): string {
  const out = [documentFacet(d.id)];
  if (d.issuer) out.push(issuerFacet(d.issuer));
  // The same bounds as validityOn: a document is in force from valid_from, else from its date.
  out.push(...dateTokens('s', d.validFrom ?? d.date), ...dateTokens('u', d.validUntil));
  return out.join(' ');
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, '0'));
/** Whether some date YYYYMMDD starts with these digits. */
const possible = (prefix: string) =>
  (prefix.length <= 4 || MONTHS.some((m) => m.startsWith(prefix.slice(4, 6)))) && (prefix.length <= 6 || DAYS.some((d) => d.startsWith(prefix.slice(6))));

/** Tokens that together cover exactly the dates strictly before (or after) `today` on one side. */
function dateRange(kind: 's' | 'u', today: string, side: 'before' | 'after'): string[] {
  const m = ISO_DATE.exec(today);
  if (!m) throw new Error(`not an ISO date: ${today}`);
  const digits = m[1] + m[2] + m[3];
  const out: string[] = [];
  let prev = 0;
  for (const n of LEVELS) {
    // Prefixes of length n that share T's first `prev` digits and lie strictly on one side of T's.
    const head = digits.slice(0, prev);
    const mine = Number(digits.slice(prev, n));
    const width = n - prev;
    const lo = side === 'before' ? 0 : mine + 1;
    const hi = side === 'before' ? mine - 1 : 10 ** width - 1;
    for (let v = lo; v <= hi; v++) {
      const prefix = head + String(v).padStart(width, '0');
      // Months run 01–12 and days 01–31: other prefixes cannot be indexed, so they are not asked for.
      if (possible(prefix)) out.push(`z${kind}${prefix}`);
    }
    prev = n;
  }
  return out;
}

export interface FacetFilter {
  document?: string;
  issuer?: string;
  validity?: ValidityStatus;
}

/**
 * The filter as index terms: `all` must each be present, no term of any
 * `none` group may be, and at least one of each `any` group must be.
 */
export interface FacetQuery {
  all: string[];
  any: string[][];
  none: string[][];
}

export function facetQuery(f: FacetFilter, today: string): FacetQuery {
  const q: FacetQuery = { all: [], any: [], none: [] };
  if (f.document) q.all.push(documentFacet(f.document));
  if (f.issuer) q.all.push(issuerFacet(f.issuer));
  // Mirrors validityOn: not yet when the start is after today, expired when the end is before it.
  const notYet = dateRange('s', today, 'after');
  const expired = dateRange('u', today, 'before');
  if (f.validity === 'not_yet') q.any.push(notYet);
  else if (f.validity === 'expired') {
    q.any.push(expired);
    // validityOn answers "not yet" first for a document whose end comes before its start.
    q.none.push(notYet);
  } else if (f.validity === 'in_force') q.none.push(notYet, expired);
  return q;
}

export const isEmptyFacetQuery = (q: FacetQuery) => q.all.length === 0 && q.any.length === 0 && q.none.length === 0;
