// The rules of 隆政办规〔2022〕1号 (乡村一体化管理准入退出有关规定) about one person: the two routes into
// registration as a village doctor (一、（二）免试, 一、（三）考试), deregistration after two years of
// suspension (一、（五）) and the retirement ages (二、（一）). One named rule per condition, each with its
// article and the words it rests on (QUOTES, checked against the library by the tests).
//
// Counting years (one rule for ages and for the 2-year mark): “满 N 周岁/满 N 年” is reached on the N-th
// anniversary itself; a 29 February date falls on 1 March in common years (see anniversary() in person.ts).
import { figure, gazetteValue, type ParameterDef } from '../../engine/parameters.js';
import { evaluate, type Citation, type Finding, type Rule, type RuleContext, type RuleSet } from '../../engine/rules.js';
import { anniversary, birthOf, CERTIFICATES, fullYears, LONGHUA, MAJORS, sexOf, type Person } from './person.js';

export const GOVERNING_DOCUMENT = '隆政办规〔2022〕1号';

/** The anchors the parser gives the units (an item of 一、（三） is “1.”, so 一、（三） + item “3.” is 一、（三）3.). */
export const QUOTES: Record<string, string> = {
  '一、（一）': '聘用到村卫生室的村医，应具备执业（助理）医师、乡村全科执业助理医师或乡村医生执业证书等相应执业资格，并按照规定进行注册，在规定范围内执业。',
  '一、（二）':
    '具有全日制大专以上学历的临床医学、中医学类、中西医结合类等相关专业应届毕业生（含尚在择业期内未落实工作单位的毕业生）可以免试申请乡村医生执业注册。',
  '一、（三）': '经县卫健主管部门组织考试合格后，可以申请乡村医生执业注册，进入村卫生室执业。',
  '一、（三）1.': '取得临床医学、中医学、中西医结合等医学专业的中等学历，或者取得省中医药主管部门颁发的《传统医学师承出师证书》，并具有相应证明材料；',
  '一、（三）2.': '户籍应在本县，或者配偶户籍在本县且长期居住。',
  '一、（三）3.': '招聘对象年龄须在35岁以下，有医疗机构从业经历的可适当放宽年龄限制，原则上不超过45周岁。',
  '一、（四）':
    '对本乡镇范围内的乡村医生进行岗位调配，调配后要保证该村有长期在岗村医方能调配使用，不允许调配后再形成村医“空白村”，原则上已经培养过村医的行政村不再安排定向培养。',
  '一、（五）': '注册后中止执业活动满2年的，由县卫健部门注销并收回《乡村医生执业证书》。',
  '一、（六）': '在每年5月底前向县级卫生主管部门报备辖区村医岗位需求情况。',
  '二、（一）': '男村医60周岁退休；女村医55周岁退休。',
  '二、（二）':
    '对达到退休年龄，服务能力较强、有个人意愿的一体化村医，由个人提出书面申请，县卫生健康主管部门确认其申请资格，允许其向县行政审批局申办个体卫生室。',
  '二、（三）': '对之前派驻在村医岗位的在岗正式职工，有合格村医上岗，正式职工要退出村医岗位，回归本职工作，不得影响新村医上岗。',
  '二、（四）': '有村医辞职、转岗、死亡等，乡镇卫生院要及时向县卫生健康主管部门报备，并完善相关合同手续，避免以后出现不必要的劳务纠纷。',
  '四、': '本规定自2022年6月15日开始实施，有效期5年。',
};

export const cite = (article: string, item: string | null = null): Citation => ({ document: GOVERNING_DOCUMENT, article, item });
export const quoteOf = (c: Citation) => QUOTES[c.article + (c.item ?? '')] ?? '';

const fig = (key: string, label: string, unit: string, value: number, citation: Citation, description: string): ParameterDef => ({
  key: `village_doctor.${key}`,
  label,
  unit,
  kind: 'number',
  description,
  values: [{ from: '2022-06-15', value, citation }],
});

/** Ages and periods of the text, as dated parameters with their articles (src/engine/parameters.ts). */
export const VILLAGE_DOCTOR_PARAMETERS = {
  retirementAgeMale: fig('retirement_age_male', '男村医退休年龄', '周岁', 60, cite('二、（一）'), '男村医到该年龄的生日退休。'),
  retirementAgeFemale: fig('retirement_age_female', '女村医退休年龄', '周岁', 55, cite('二、（一）'), '女村医到该年龄的生日退休。'),
  // “35 岁以下” includes 35 (民法典 第一千二百五十九条), so up to the day before the 36th birthday.
  examMaxAge: fig('exam_max_age', '招录年龄上限', '岁', 35, cite('一、（三）', '3.'), '招聘对象年龄须在该岁数以下（含本数）。'),
  examMaxAgeExperienced: fig(
    'exam_max_age_experienced',
    '有医疗机构从业经历的招录年龄上限',
    '周岁',
    45,
    cite('一、（三）', '3.'),
    '原则上不超过该周岁（含本数）。',
  ),
  suspensionYears: fig('suspension_years', '中止执业注销年限', '年', 2, cite('一、（五）'), '注册后中止执业活动满该年数的，注销。'),
};
const P = VILLAGE_DOCTOR_PARAMETERS;

/** The article's own figures (summaries, FAQs, the views); the rules read the figure in force on the case's date. */
export const STANDARDS = {
  retirementAge: { male: gazetteValue(P.retirementAgeMale), female: gazetteValue(P.retirementAgeFemale) },
  examMaxAge: gazetteValue(P.examMaxAge),
  examMaxAgeExperienced: gazetteValue(P.examMaxAgeExperienced),
  suspensionYears: gazetteValue(P.suspensionYears),
} as const;

const SEX_LABEL = { male: '男', female: '女' } as const;
type R = Rule<Person>;

/** The day the person reaches the retirement age of 二、（一） (on the birthday). */
export function retirementDate(p: Pick<Person, 'sex' | 'birthDate' | 'idNumber'>, ctx?: RuleContext): string {
  return anniversary(birthOf(p), retirementAgeOf(sexOf(p), ctx));
}
/** The retirement age in force on a rule's date (the article's own without one). */
const retirementAgeOf = (sex: 'male' | 'female', ctx?: RuleContext) =>
  ctx ? figure(sex === 'male' ? P.retirementAgeMale : P.retirementAgeFemale, ctx) : STANDARDS.retirementAge[sex];

export const retirementAge: R = {
  id: 'retirement_age',
  citation: cite('二、（一）'),
  summary: '男村医 60 周岁退休，女村医 55 周岁退休。',
  check: (p, ctx) => {
    const sex = sexOf(p);
    const age = retirementAgeOf(sex, ctx);
    const on = retirementDate(p, ctx);
    const basis = `${SEX_LABEL[sex]}，出生日期 ${birthOf(p)}${p.birthDate ? '（按填报）' : '（按身份证号码）'}，${age} 周岁退休，退休日期 ${on}`;
    return ctx.date >= on
      ? { outcome: 'fail', message: `${basis}：${ctx.date} 已达到退休年龄，应到龄退出。` }
      : { outcome: 'pass', message: `${basis}：${ctx.date} 尚未达到退休年龄。` };
  },
};

// ── 一、（二） 免试申请乡村医生执业注册 ──

export const fullTimeCollege: R = {
  id: 'full_time_college',
  citation: cite('一、（二）'),
  summary: '免试注册须具有全日制大专以上学历。',
  check: (p) =>
    p.education.level === 'college_or_above' && p.education.fullTime
      ? { outcome: 'pass', message: '具有全日制大专以上学历。' }
      : {
          outcome: 'fail',
          message:
            p.education.level !== 'college_or_above'
              ? '不具有大专以上学历，不能免试注册（可按一、（三）参加考试）。'
              : '大专以上学历不是全日制，不能免试注册。',
        },
};

export const relatedMajor: R = {
  id: 'related_major',
  citation: cite('一、（二）'),
  summary: '免试注册限临床医学、中医学类、中西医结合类等相关专业。',
  check: (p) => {
    const m = p.education.major;
    if (m === 'non_medical') return { outcome: 'fail', message: '所学专业不是临床医学、中医学类、中西医结合类等相关专业。' };
    if (m === 'other_medical') return { outcome: 'pass', message: '所学专业属“等相关专业”，由县卫健部门审核认定。' };
    return { outcome: 'pass', message: `所学专业为${MAJORS[m]}。` };
  },
};

export const freshGraduate: R = {
  id: 'fresh_graduate',
  citation: cite('一、（二）'),
  summary: '免试注册限应届毕业生，含尚在择业期内未落实工作单位的毕业生。',
  check: (p, ctx) => {
    const on = p.education.graduatedOn;
    if (!on) return { outcome: 'fail', message: '未填写毕业日期，无法认定为应届毕业生。' };
    if (on > ctx.date) return { outcome: 'fail', message: `毕业日期 ${on} 在申请日 ${ctx.date} 之后，尚未毕业。` };
    // 应届: graduated in the calendar year of the application.
    if (on.slice(0, 4) === ctx.date.slice(0, 4)) return { outcome: 'pass', message: `${on} 毕业，为应届毕业生。` };
    // The text does not say how long 择业期 lasts: the declaration is taken, the county verifies it.
    return p.education.seekingJob
      ? { outcome: 'pass', message: `${on} 毕业，非应届，声明尚在择业期内未落实工作单位（择业期限本规定未作规定，由县卫健部门核实）。` }
      : { outcome: 'fail', message: `${on} 毕业，不是应届毕业生，也未声明尚在择业期内未落实工作单位。` };
  },
};

export const notRetired: R = { ...retirementAge, id: 'not_retired', summary: '已达到退休年龄的，不再准入。' };

export const WITHOUT_EXAM_RULES: R[] = [fullTimeCollege, relatedMajor, freshGraduate, notRetired];

// ── 一、（三） 考试招录 ──

export const examRequired: R = {
  id: 'exam_required',
  citation: cite('一、（三）'),
  summary: '经县卫健主管部门组织考试合格后，可以申请乡村医生执业注册。',
  check: () => ({ outcome: 'info', message: '符合条件的，须经县卫健主管部门组织考试合格后方可申请注册。' }),
};

export const secondaryMedical: R = {
  id: 'secondary_medical_or_apprentice',
  citation: cite('一、（三）', '1.'),
  summary: '取得临床医学、中医学、中西医结合等医学专业的中等学历，或者取得《传统医学师承出师证书》。',
  check: (p) => {
    if (p.certificates.includes('tcm_apprentice')) return { outcome: 'pass', message: '取得《传统医学师承出师证书》。' };
    const { level, major } = p.education;
    const medical = major !== 'non_medical';
    if (level === 'secondary' && medical)
      return { outcome: 'pass', message: `取得${MAJORS[major]}专业的中等学历${major === 'other_medical' ? '（属“等医学专业”，由县卫健部门审核认定）' : ''}。` };
    if (!medical) return { outcome: 'fail', message: '所学专业不是医学专业，且未取得《传统医学师承出师证书》。' };
    // The text names 中等学历 only; a higher degree is the route of 一、（二） (if fresh) — the text is followed as written.
    return level === 'college_or_above'
      ? { outcome: 'fail', message: '本项规定的是中等医学专业学历；大专以上学历的应届毕业生适用一、（二）免试注册。' }
      : { outcome: 'fail', message: '未取得医学专业中等学历，也未取得《传统医学师承出师证书》。' };
  },
};

export const residence: R = {
  id: 'hukou_in_county',
  citation: cite('一、（三）', '2.'),
  summary: '户籍在本县，或者配偶户籍在本县且长期居住。',
  check: (p) => {
    if (p.hukouCounty === LONGHUA) return { outcome: 'pass', message: `户籍在${LONGHUA}。` };
    if (p.spouseHukouCounty === LONGHUA)
      return p.longTermResident
        ? { outcome: 'pass', message: `户籍在${p.hukouCounty}，配偶户籍在${LONGHUA}且长期居住。` }
        : { outcome: 'fail', message: `户籍在${p.hukouCounty}；配偶户籍在${LONGHUA}，但本人未在本县长期居住。` };
    return { outcome: 'fail', message: `户籍在${p.hukouCounty}，配偶户籍也不在${LONGHUA}。` };
  },
};

export const examAge: R = {
  id: 'exam_age',
  citation: cite('一、（三）', '3.'),
  summary: '年龄须在 35 岁以下；有医疗机构从业经历的，原则上不超过 45 周岁。',
  check: (p, ctx) => {
    const age = fullYears(birthOf(p), ctx.date);
    const limit = figure(p.medicalInstitutionExperience ? P.examMaxAgeExperienced : P.examMaxAge, ctx);
    const lastDay = anniversary(birthOf(p), limit + 1); // the age limit is exceeded on the next birthday
    const why = p.medicalInstitutionExperience ? '有医疗机构从业经历，年龄放宽至原则上不超过 45 周岁' : '年龄须在 35 岁以下';
    return age <= limit
      ? { outcome: 'pass', message: `申请日（${ctx.date}）${age} 周岁，${why}（${lastDay} 起超龄）。` }
      : {
          outcome: 'fail',
          message: `申请日（${ctx.date}）${age} 周岁，${why}，已于 ${lastDay} 超龄${p.medicalInstitutionExperience ? '（“原则上”：例外由县卫健部门决定）' : ''}。`,
        };
  },
};

export const EXAM_RULES: R[] = [examRequired, secondaryMedical, residence, examAge, notRetired];

// ── 一、（五） 注册与注销 ──

export type RegistrationStatus = 'registered' | 'to_cancel' | 'cancelled' | 'none';

/** The status on `date` and why (a suspension of 2 full years makes a registration one to cancel). */
export function statusOn(p: Person, date: string): { status: RegistrationStatus; message: string } {
  const r = p.registration;
  if (!r || r.registeredOn > date) return { status: 'none', message: `${date} 未进行乡村医生执业注册。` };
  if (r.cancelledOn && r.cancelledOn <= date) return { status: 'cancelled', message: `${r.registeredOn} 注册，已于 ${r.cancelledOn} 注销。` };
  if (!r.suspendedOn || r.suspendedOn > date) return { status: 'registered', message: `${r.registeredOn} 注册，执业中。` };
  const full = anniversary(r.suspendedOn, STANDARDS.suspensionYears);
  const resumed = r.resumedOn && r.resumedOn <= date ? r.resumedOn : null;
  if (resumed && resumed < full) return { status: 'registered', message: `${r.suspendedOn} 中止执业活动，${resumed} 恢复执业，未满 2 年。` };
  if (date >= full)
    return {
      status: 'to_cancel',
      message: `${r.suspendedOn} 中止执业活动，${full} 满 2 年${resumed ? `（${resumed} 才恢复执业）` : ''}：由县卫健部门注销并收回《乡村医生执业证书》。`,
    };
  return { status: 'registered', message: `${r.suspendedOn} 中止执业活动，至 ${full} 满 2 年。` };
}

export const suspensionCancels: R = {
  id: 'suspension_two_years',
  citation: cite('一、（五）'),
  summary: '注册后中止执业活动满 2 年的，由县卫健部门注销并收回《乡村医生执业证书》。',
  check: (p, ctx) => {
    const s = statusOn(p, ctx.date);
    return { outcome: s.status === 'to_cancel' ? 'fail' : s.status === 'registered' ? 'pass' : 'info', message: s.message };
  },
};

export const practisingQualification: R = {
  id: 'practising_qualification',
  citation: cite('一、（一）'),
  summary: '聘用到村卫生室的村医，应具备执业（助理）医师、乡村全科执业助理医师或乡村医生执业证书等相应执业资格，并按照规定注册。',
  check: (p, ctx) => {
    const has = p.certificates.filter((c) => c !== 'tcm_apprentice');
    if (has.length) return { outcome: 'pass', message: `具备执业资格：${has.map((c) => CERTIFICATES[c]).join('、')}。` };
    const s = statusOn(p, ctx.date).status;
    if (s === 'registered' || s === 'to_cancel') return { outcome: 'pass', message: '已进行乡村医生执业注册（持《乡村医生执业证书》）。' };
    return { outcome: 'info', message: '尚未具备执业（助理）医师、乡村全科执业助理医师资格或乡村医生执业证书，须经注册方可在村卫生室执业。' };
  },
};

export const REGISTRATION_RULES: R[] = [suspensionCancels, practisingQualification];

// ── The rule set in force (四、: 自 2022-06-15 施行，有效期 5 年 → last day 2027-06-14) ──

export const VILLAGE_DOCTOR_RULES_2022: RuleSet<Person> = {
  id: 'village-doctor-2022',
  governingDocument: GOVERNING_DOCUMENT,
  period: { from: '2022-06-15', until: '2027-06-14' },
  validityCitation: cite('四、'),
  rules: WITHOUT_EXAM_RULES,
};

// ── What the CLI and the tests read ──

export interface Route {
  eligible: boolean;
  findings: Finding[];
}
const route = (rules: R[], p: Person): Route => {
  const findings = evaluate(rules, p, { date: p.asOf });
  return { eligible: !findings.some((f) => f.outcome === 'fail'), findings };
};

/** 一、（二）: may the person apply for registration without the exam? */
export const withoutExam = (p: Person): Route => route(WITHOUT_EXAM_RULES, p);
/** 一、（三）: may the person sit the county's exam (and register after passing it)? */
export const examRoute = (p: Person): Route => route(EXAM_RULES, p);
/** 一、（五）: the registration on the person's asOf date. */
export const registrationStatus = (p: Person): { status: RegistrationStatus; findings: Finding[] } => ({
  status: statusOn(p, p.asOf).status,
  findings: evaluate(REGISTRATION_RULES, p, { date: p.asOf }),
});
