// Chinese has no spaces between words, so the index stores overlapping
// character bigrams (the CJK analyser approach): "宅基地" → 宅基 基地. A query
// is a phrase of its bigrams, so two-character queries (宅基, 养老) work and
// longer ones match only where the characters are adjacent. Latin words and
// numbers are kept whole. Tokens are written as ASCII (code points in hex)
// so that both FTS5 and PostgreSQL's 'simple' configuration index them the
// same way whatever the server's locale.

const isCjk = (cp: number) => (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2ffff);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

// Every character of a run takes part in two bigrams; its hex form is computed once per program.
const hexCache = new Map<number, string>();
function hex(cp: number): string {
  let h = hexCache.get(cp);
  if (h === undefined) {
    h = cp.toString(16).padStart(6, '0');
    if (hexCache.size < 100_000) hexCache.set(cp, h);
  }
  return h;
}

export interface QueryTerm {
  phrase: string[]; // tokens that must be adjacent
  prefix: boolean; // last token is a prefix (single CJK character)
}

type Run = { cjk: true; start: number; end: number } | { cjk: false; word: string };

/**
 * Splits text into runs of CJK characters (as index ranges) and Latin/number
 * words ([A-Za-z0-9]+ with an optional decimal part, lower-cased); anything
 * else separates runs. One pass: every code unit is read once.
 */
function runs(text: string, visit: (r: Run) => void): void {
  const n = text.length;
  let start = -1; // start of the current CJK run, or -1
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isCjk(cp)) {
      if (start < 0) start = i;
      i += width;
      continue;
    }
    if (start >= 0) visit({ cjk: true, start, end: i });
    start = -1;
    if (!isAlnum(cp)) {
      i += width;
      continue;
    }
    let j = i + 1;
    while (j < n && isAlnum(text.charCodeAt(j))) j++;
    if (j + 1 < n && text.charCodeAt(j) === 0x2e && isDigit(text.charCodeAt(j + 1))) {
      j += 2;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
    }
    visit({ cjk: false, word: text.slice(i, j).toLowerCase() });
    i = j;
  }
  if (start >= 0) visit({ cjk: true, start, end: n });
}

/** The tokens of a CJK run text[start, end): its bigrams, or the one character of a one-character run. */
function cjkTokens(text: string, start: number, end: number, out: { push(token: string): unknown }): void {
  const first = text.codePointAt(start)!;
  let i = start + (first > 0xffff ? 2 : 1);
  if (i >= end) {
    out.push(`u${hex(first)}`);
    return;
  }
  let prevHex = hex(first);
  while (i < end) {
    const cp = text.codePointAt(i)!;
    const h = hex(cp);
    out.push(`b${prevHex}${h}`);
    prevHex = h;
    i += cp > 0xffff ? 2 : 1;
  }
}

const wordToken = (w: string) => `w${w.replace('.', 'p')}`;

/** The indexed form of a text: space-separated ASCII tokens. */
export function indexTokens(text: string): string {
  // Appended to one string (a rope V8 flattens once) rather than joined from an array: half the time.
  const out = {
    text: '',
    push(token: string) {
      this.text += ` ${token}`;
    },
  };
  runs(text, (r) => (r.cjk ? cjkTokens(text, r.start, r.end, out) : out.push(wordToken(r.word))));
  return out.text.slice(1);
}

/** Parses a user query into terms; every term must match. */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const part of query.split(/[\s,，、;；]+/).filter(Boolean)) {
    runs(part, (r) => {
      if (!r.cjk) return void terms.push({ phrase: [wordToken(r.word)], prefix: false });
      const phrase: string[] = [];
      cjkTokens(part, r.start, r.end, phrase);
      // One character: any bigram that starts with it.
      if (phrase[0].startsWith('u')) terms.push({ phrase: [`b${phrase[0].slice(1)}`], prefix: true });
      else terms.push({ phrase, prefix: false });
    });
  }
  return terms;
}

/** The literal strings a query looks for, used to highlight snippets. */
export function queryNeedles(query: string): string[] {
  return query
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
