// The tokenizer this project used until the one-pass version (src/gazette/tokens.ts), kept verbatim but
// for its names as the reference its output is compared with (tokens.test.ts) and timed against (bench).
// It built every CJK run character by character and spread it again to pair the characters.

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const WORD = /[A-Za-z0-9]+(?:\.[0-9]+)?/y;

const hex = (ch: string) => ch.codePointAt(0)!.toString(16).padStart(6, '0');

interface QueryTerm {
  phrase: string[]; // tokens that must be adjacent
  prefix: boolean; // last token is a prefix (single CJK character)
}

/** Splits text into runs of CJK characters and Latin/number words. */
function runs(text: string): { cjk: boolean; value: string }[] {
  const out: { cjk: boolean; value: string }[] = [];
  let i = 0; // UTF-16 index; the loop steps over whole code points
  let cur = '';
  const flush = () => {
    if (cur) out.push({ cjk: true, value: cur });
    cur = '';
  };
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (CJK_CHAR.test(ch)) {
      cur += ch;
      i += ch.length;
      continue;
    }
    flush();
    // The sticky regex reads the word in place: copying the rest of the text for every character was quadratic.
    WORD.lastIndex = i;
    const m = WORD.exec(text);
    if (m) {
      out.push({ cjk: false, value: m[0].toLowerCase() });
      i += m[0].length;
    } else i += ch.length;
  }
  flush();
  return out;
}

function cjkTokens(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [`u${hex(chars[0])}`];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`b${hex(chars[i])}${hex(chars[i + 1])}`);
  return out;
}

const wordToken = (w: string) => `w${w.replace(/\./g, 'p')}`;

/** The indexed form of a text: space-separated ASCII tokens. */
export function referenceIndexTokens(text: string): string {
  const out: string[] = [];
  // A loop, not push(...tokens): spreading the tokens of a very long run overflows the call stack.
  for (const r of runs(text)) {
    if (!r.cjk) out.push(wordToken(r.value));
    else for (const t of cjkTokens(r.value)) out.push(t);
  }
  return out.join(' ');
}

export function referenceQueryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const part of query.split(/[\s,，、;；]+/).filter(Boolean)) {
    for (const r of runs(part)) {
      if (!r.cjk) terms.push({ phrase: [wordToken(r.value)], prefix: false });
      else if ([...r.value].length === 1) terms.push({ phrase: [`b${hex(r.value)}`], prefix: true });
      else terms.push({ phrase: cjkTokens(r.value), prefix: false });
    }
  }
  return terms;
}
