// Text normalisation shared by the parser, the store and the API.
// Printed gazettes are converted to text with stray spaces, mixed-width
// punctuation and varying bracket styles; these helpers map them to one form.

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef\\u2014\\u2026\\u201c\\u201d\\u2018\\u2019\\u00b7\\u2460-\\u24ff';
const CJK_CHAR = new RegExp(`[${CJK}]`);
const SPACE_RUN = /[ \t\u00a0]+/g;

/** Removes spaces that the text conversion put next to Chinese characters ("通 知" → "通知", "16 号" → "16号"). */
export function squeezeCjkSpaces(text: string): string {
  // A run of spaces goes whole when a CJK character is on either side of it. (The former lookaround
  // regex did the same but retried the lookahead from every space of a run between Latin letters: quadratic.)
  const squeezed = text.replace(SPACE_RUN, (run: string, at: number) =>
    CJK_CHAR.test(text.charAt(at - 1)) || CJK_CHAR.test(text.charAt(at + run.length)) ? '' : run,
  );
  return squeezed.replace(/[ \t\u00a0]{2,}/g, ' ').trim();
}

/** Removes spaces inside numbers broken by the conversion ("239. 6358" → "239.6358", "4 77 38" → "47738"). */
export function squeezeNumber(text: string): string {
  const t = text.trim();
  if (/^[+-]?[\d.\s]+%?$/.test(t) && /\d/.test(t)) return t.replace(/\s+/g, '');
  return t;
}

/** A table cell as printed: CJK spaces and broken numbers mended. */
export function cleanCell(text: string): string {
  return squeezeNumber(squeezeCjkSpaces(text));
}

const OPEN = '〔\\[［【(（';
const CLOSE = '〕\\]］】)）';
/** A document number (文号) anywhere in text: prefix, year in brackets, serial, 号. */
export const DOC_NUMBER_PATTERN = new RegExp(`([\\u4e00-\\u9fa5]{1,12})\\s*[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]\\s*(\\d{1,4})\\s*号`, 'g');

/** Normalises a 文号 to the standard form: full-width 〔〕, ASCII digits, no inner spaces. Returns null if it is not one. */
export function normalizeDocNumber(raw: string): string | null {
  const text = toAsciiDigits(raw).trim();
  const m = new RegExp(`^${DOC_NUMBER_PATTERN.source}$`).exec(text);
  if (!m) return null;
  return `${m[1]}〔${m[2]}〕${Number(m[3])}号`;
}

/** Every 文号 cited in a text, normalised, in order of first appearance. */
export function findDocNumbers(text: string): string[] {
  const seen = new Set<string>();
  const re = new RegExp(DOC_NUMBER_PATTERN.source, 'g');
  for (const m of toAsciiDigits(text).matchAll(re)) {
    // The prefix is greedy over CJK text; a real issuer code is the tail after
    // the last punctuation-like word boundary such as "》（" or "和".
    const prefix = trimNumberPrefix(m[1]);
    if (!prefix) continue;
    seen.add(`${prefix}〔${m[2]}〕${Number(m[3])}号`);
  }
  return [...seen];
}

// Issuer codes end in 发/字/规/函/办/令 etc. and are short; body text before them is not part of the code.
function trimNumberPrefix(prefix: string): string | null {
  const m = /([\u4e00-\u9fa5]{1,8})$/.exec(prefix);
  if (!m) return null;
  let p = m[1];
  // Common words that precede a citation in running text.
  p = p.replace(/^.*?(?:印发|转发|根据|按照|依据|见|和|及|与|的|号文件|文件)(?=[\u4e00-\u9fa5]{2,})/, '');
  return p.length >= 2 ? p : null;
}

const FULLWIDTH_DIGITS = /[０-９]/g;
export function toAsciiDigits(text: string): string {
  return text.replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

const NUMERALS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 十六 → 16, 二十五 → 25, 一百零二 → 102. Returns null for anything else. */
export function chineseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(text)) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = NUMERALS[ch];
  }
  return total + current;
}

const DIGIT_CHARS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 16 → 十六 (used to build article anchors such as 第十六条). */
export function toChineseNumeral(n: number): string {
  if (n < 10) return DIGIT_CHARS[n];
  if (n < 20) return '十' + (n % 10 ? DIGIT_CHARS[n % 10] : '');
  if (n < 100) return DIGIT_CHARS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGIT_CHARS[n % 10] : '');
  const rest = n % 100;
  return (
    DIGIT_CHARS[Math.floor(n / 100)] +
    '百' +
    (rest === 0 ? '' : rest < 10 ? '零' + DIGIT_CHARS[rest] : rest < 20 ? '一' + toChineseNumeral(rest) : toChineseNumeral(rest))
  );
}

/** Parses "2022 年 7 月 4 日" or "二〇二二年七月四日" into an ISO date; null when it is not a valid date. */
export function parseChineseDate(text: string): string | null {
  const t = toAsciiDigits(text).replace(/\s+/g, '');
  const m = /^(\d{4}|[〇零一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日$/.exec(t);
  if (!m) return null;
  const year = /^\d+$/.test(m[1]) ? Number(m[1]) : Number([...m[1]].map((c) => NUMERALS[c]).join(''));
  const month = chineseNumeral(m[2]);
  const day = chineseNumeral(m[3]);
  if (month === null || day === null) return null;
  return isoDate(year, month, day);
}

export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** Key used to compare titles across differently typeset copies (spaces, bracket widths, dash styles). */
export function titleKey(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[—–\-－~～]+/g, '-')
    .replace(/[“”"「」]/g, '"')
    .replace(/[，,]/g, ',')
    .replace(/[：:]/g, ':');
}
