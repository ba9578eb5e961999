// Personal data: validated on input, masked on output.
import { z } from 'zod';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999: 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check character. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Full years of age on `date`. */
export function ageOn(id: string, date: string): number {
  const b = birthDateOf(id);
  let age = Number(date.slice(0, 4)) - Number(b.slice(0, 4));
  if (date.slice(5) < b.slice(5)) age--;
  return age;
}

export const maskIdNumber = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
export const maskPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`;

const ID_SHAPE = /^\d{17}[\dX]$/;
const PHONE_SHAPE = /^1[3-9]\d{9}$/;

/**
 * The kinds of personal data the platform holds, declared once: each kind's input schema carries
 * `personal` in its metadata (so published JSON Schemas say which fields are personal), and every
 * value of that kind is masked wherever it appears in output — application, record, timeline,
 * lists, exports — whatever key it sits under (a 包干制 payee's `payeeIdNumber`, a challenger's
 * `contact.phone`). A masked value no longer has the kind's shape, so masking twice changes nothing.
 */
export const PERSONAL_KINDS = {
  id_number: { label: '身份证号码', matches: (v: string) => ID_SHAPE.test(v) && validIdNumber(v), mask: maskIdNumber },
  phone: { label: '手机号码', matches: (v: string) => PHONE_SHAPE.test(v), mask: maskPhone },
} as const;
export type PersonalKind = keyof typeof PERSONAL_KINDS;

/** Birth dates a living applicant can have: from 1900, and not after today. */
const birthInRange = (id: string, today = new Date().toISOString().slice(0, 10)) => {
  const b = birthDateOf(id);
  return b >= '1900-01-01' && b <= today;
};

export const IdNumberSchema = z
  .string({ error: '请填写身份证号码' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => ID_SHAPE.test(s), '身份证号码应为 18 位（最后一位可为 X）')
  .refine(validIdNumber, '身份证号码无效：出生日期或校验位不符（GB 11643）')
  .refine((s) => !validIdNumber(s) || birthInRange(s), '身份证号码中的出生日期不合理（应在 1900 年以后且不晚于今天）')
  .meta({ personal: 'id_number' satisfies PersonalKind, title: '身份证号码' });

export const PhoneSchema = z
  .string({ error: '请填写手机号码' })
  .trim()
  .regex(PHONE_SHAPE, '手机号码应为 11 位，以 1 开头')
  .meta({ personal: 'phone' satisfies PersonalKind, title: '手机号码' });

/** The first valid 身份证号 in a value, in document order (an application's applicant comes first), or null. */
export function firstIdNumber(value: unknown): string | null {
  if (typeof value === 'string') return PERSONAL_KINDS.id_number.matches(value.trim().toUpperCase()) ? value.trim().toUpperCase() : null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const f = firstIdNumber(v);
      if (f) return f;
    }
    return null;
  }
  if (value && typeof value === 'object') return firstIdNumber(Object.values(value));
  return null;
}

/** The value with every personal datum masked (for API output, exports and logs). */
export function maskPersonalData<T>(value: T): T {
  if (typeof value === 'string') return maskInText(value) as T;
  if (Array.isArray(value)) return value.map(maskPersonalData) as T;
  if (value && typeof value === 'object') {
    // Every response passes through here (a case view is some 20 KB): a plain loop, no entry arrays.
    const out: Record<string, unknown> = {};
    for (const k in value) if (Object.hasOwn(value, k)) out[k] = maskPersonalData((value as Record<string, unknown>)[k]);
    return out as T;
  }
  return value;
}

// A value stands alone or is written into free text (a reason, a note); runs glued to letters or
// digits (hashes, case numbers) are not personal data.
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/g;
const PHONE_IN_TEXT = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

// Both kinds have a run of at least 11 digits; most texts have none, and this test is far cheaper than the two below.
const DIGIT_RUN = /\d{11}/;

function maskInText(text: string): string {
  if (text.length < 11 || !DIGIT_RUN.test(text)) return text;
  return text.replace(ID_IN_TEXT, (m) => (PERSONAL_KINDS.id_number.matches(m) ? maskIdNumber(m) : m)).replace(PHONE_IN_TEXT, maskPhone);
}

/** Unmasked personal values found in a text (for tests and audits of output). */
export function findPersonalData(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(ID_IN_TEXT)) if (PERSONAL_KINDS.id_number.matches(m[0])) found.add(m[0]);
  for (const m of text.matchAll(PHONE_IN_TEXT)) found.add(m[0]);
  return [...found];
}
