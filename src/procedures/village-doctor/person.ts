// A PERSON as 隆政办规〔2022〕1号 (乡村一体化管理准入退出有关规定) needs to know them: the facts its
// admission routes (一、（二）免试, 一、（三）考试), the deregistration of 一、（五） and the retirement
// ages of 二、（一） are judged on. Sex and birth date come from the 身份证号 (GB 11643) unless given.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import { birthDateOf, IdNumberSchema } from '../../engine/personal-data.js';

export const LONGHUA = '隆化县';

export const EDUCATION_LEVELS = {
  college_or_above: '大专以上',
  secondary: '中专（中等学历）',
  below_secondary: '中专以下',
} as const;

// 一、（二）: 临床医学、中医学类、中西医结合类等相关专业; 一、（三）1: 临床医学、中医学、中西医结合等医学专业.
// Both lists end in 等, so a fourth choice names the other related medical majors; the county decides on them.
export const MAJORS = {
  clinical: '临床医学',
  tcm: '中医学（类）',
  integrated: '中西医结合（类）',
  other_medical: '其他相关医学专业',
  non_medical: '非医学专业',
} as const;
export type Major = keyof typeof MAJORS;

export const CERTIFICATES = {
  village_doctor: '乡村医生执业证书',
  physician: '执业（助理）医师资格',
  village_general_assistant: '乡村全科执业助理医师资格',
  tcm_apprentice: '传统医学师承出师证书',
} as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const text = (label: string, max = 40) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max)
    .meta({ title: label });

/** Who the person is: sex and birth date, when not given, are read from the 身份证号 (the register uses the same fields). */
export const IDENTITY = {
  name: text('姓名', 30),
  idNumber: IdNumberSchema,
  sex: z
    .enum(['male', 'female'], { error: '请选择性别' })
    .optional()
    .meta({ title: '性别', 'x-labels': { male: '男', female: '女' }, description: '不填时按身份证号码第 17 位（奇数为男）' }),
  birthDate: isoDate('出生日期').optional().meta({ title: '出生日期', format: 'date', description: '不填时按身份证号码' }),
};

export const PersonSchema = z
  .object({
    ...IDENTITY,
    education: z
      .object({
        level: z.enum(keys(EDUCATION_LEVELS), { error: '请选择学历' }).meta({ title: '学历', 'x-labels': EDUCATION_LEVELS }),
        fullTime: z.boolean({ error: '请说明是否全日制' }).meta({ title: '全日制' }),
        major: z.enum(keys(MAJORS), { error: '请选择专业' }).meta({ title: '专业', 'x-labels': MAJORS }),
        graduatedOn: isoDate('毕业日期').optional(),
        seekingJob: z.boolean().default(false).meta({ title: '尚在择业期内未落实工作单位', description: '一、（二）' }),
      })
      .meta({ title: '学历' }),
    certificates: z
      .array(z.enum(keys(CERTIFICATES)).meta({ 'x-labels': CERTIFICATES }))
      .max(4)
      .default([])
      .meta({ title: '执业资格与证书', 'x-labels': CERTIFICATES, description: '一、（一）、一、（三）1' }),
    hukouCounty: text('户籍所在县（市、区）'),
    spouseHukouCounty: text('配偶户籍所在县（市、区）').optional(),
    longTermResident: z.boolean().default(false).meta({ title: '在本县长期居住', description: '配偶户籍在本县的，须长期居住（一、（三）2）' }),
    medicalInstitutionExperience: z
      .boolean()
      .default(false)
      .meta({ title: '有医疗机构从业经历', description: '年龄可放宽至原则上不超过 45 周岁（一、（三）3）' }),
    registration: z
      .object({
        registeredOn: isoDate('乡村医生执业注册日期'),
        suspendedOn: isoDate('中止执业活动日期').optional(),
        resumedOn: isoDate('恢复执业活动日期').optional(),
        cancelledOn: isoDate('注销日期').optional(),
      })
      .optional()
      .meta({ title: '乡村医生执业注册' }),
    asOf: isoDate('判断日期（申请日）'),
  })
  .superRefine((p, ctx) => {
    const r = p.registration;
    if (r?.suspendedOn && r.suspendedOn < r.registeredOn)
      ctx.addIssue({ code: 'custom', path: ['registration', 'suspendedOn'], message: '中止执业活动日期不能早于注册日期' });
    if (r?.resumedOn && (!r.suspendedOn || r.resumedOn < r.suspendedOn))
      ctx.addIssue({ code: 'custom', path: ['registration', 'resumedOn'], message: '恢复执业活动日期须在中止执业活动日期之后' });
    if (r?.cancelledOn && r.cancelledOn < r.registeredOn)
      ctx.addIssue({ code: 'custom', path: ['registration', 'cancelledOn'], message: '注销日期不能早于注册日期' });
  })
  .meta({ title: '人员' });

export type Person = z.infer<typeof PersonSchema>;

/** GB 11643: the 17th character is odd for a man, even for a woman. */
export const sexOf = (p: Pick<Person, 'sex' | 'idNumber'>): 'male' | 'female' => p.sex ?? (Number(p.idNumber[16]) % 2 === 1 ? 'male' : 'female');
export const birthOf = (p: Pick<Person, 'birthDate' | 'idNumber'>): string => p.birthDate ?? birthDateOf(p.idNumber);

/**
 * The day someone born on `birth` reaches `years` full years. A 29 February birthday falls on 1 March in
 * common years (the day after 28 February: on 28 February the year is not yet full), the same rule as
 * addYears of the calendar module and ageOn of the personal-data module.
 */
export function anniversary(birth: string, years: number): string {
  const [y, m, d] = birth.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Full years of age on `date` (周岁): the age is reached on the anniversary itself. */
export function fullYears(birth: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  if (date < anniversary(birth, age)) age--;
  return age;
}
