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

export const IdNumberSchema = z
  .string({ error: '请填写身份证号码' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^\d{17}[\dX]$/.test(s), '身份证号码应为 18 位（最后一位可为 X）')
  .refine(validIdNumber, '身份证号码无效：出生日期或校验位不符（GB 11643）');

export const PhoneSchema = z.string({ error: '请填写手机号码' }).trim().regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位，以 1 开头');

/** Masks every idNumber / phone field in a JSON value (for display and API output). */
export function maskPersonalData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskPersonalData) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'idNumber' && typeof v === 'string' && v.length === 18) out[k] = maskIdNumber(v);
      else if (k === 'phone' && typeof v === 'string' && v.length === 11) out[k] = maskPhone(v);
      else out[k] = maskPersonalData(v);
    }
    return out as T;
  }
  return value;
}
