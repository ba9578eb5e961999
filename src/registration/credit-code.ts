// 统一社会信用代码 (GB 32100-2015): 18 characters — 登记管理部门码 (1), 机构类别码 (1), 登记管理机关行政区划码 (6
// digits), 主体标识码 (9, the organisation code), and a check character computed over the first 17.
// The alphabet is the digits and the capitals without I, O, Z, S, V (31 characters, each worth its index);
// the weight of position i (0-based) is 3^i mod 31; the check character is the one worth 31 − (Σ value × weight
// mod 31), with 31 written as 0.
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/** The check character for the first 17 characters, or null if one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[c];
}

/** Why a 统一社会信用代码 is not valid, in Chinese, or null for a valid one (letters are taken in capitals). */
export function creditCodeIssue(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return `统一社会信用代码应为 18 位（现为 ${code.length} 位）`;
  const bad = [...code].find((ch) => !CREDIT_CODE_ALPHABET.includes(ch));
  if (bad) return `统一社会信用代码不能含有“${bad}”（只用数字和除 I、O、Z、S、V 以外的大写字母）`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3–8 位应为登记管理机关的行政区划码（6 位数字）';
  const check = creditCodeCheckChar(code.slice(0, 17));
  if (check !== code[17]) return '统一社会信用代码校验位不正确，请核对营业执照上的代码';
  return null;
}
