// Indicators and tasks of the plans, read from the parsed library (never retyped).
//
// Sources, all found by general rules:
//  • indicator tables: a table of a plan whose header has an indicator column
//    (指标 / 二级指标) and a target column (a year with 目标/指标值, or the later of
//    two bare year columns);
//  • numbered indicator lists: the items under a heading containing 指标 in a
//    document that implements another plan ("关于落实《…规划》的实施意见"); item n
//    restates row n of that plan's table;
//  • prose targets: clauses after "到2025年" and in the 目标 sections that state a
//    figure ("…比2020年下降17.5%", "…达到15%", "…分别完成…1.27万吨、…").
// Disagreements are never resolved silently: they become flags.
import type { Db } from '../db/connection.js';
import { parsedFromRow } from '../gazette/store.js';
import type { GazetteDocument, Table, Unit } from '../gazette/types.js';
import { PLAN_LAST_YEAR, taskDeadlines } from './deadlines.js';
import { cleanText, lowerIsBetter, parseFigure, splitNameUnit, type Comparison, type Direction, type ParsedFigure } from './figures.js';
import { matchKey, planInfo, PLAN_NUMBERS } from './plans.js';
import { bracketGroups, COUNTY_GOVERNMENTS_LABEL, isResponsibility, normalizeUnit, parseResponsibility, type ResponsibleUnit } from './units.js';

export type Attribute = '约束性' | '预期性' | '参考性';

export interface Figure {
  year: number | null;
  value: number | null;
  text: string;
}

export interface Flag {
  code:
    | 'blank_target'
    | 'conflicting_figures'
    | 'target_below_baseline'
    | 'baseline_not_comparable'
    | 'no_result'
    | 'name_differs'
    | 'attribute_differs'
    | 'marked';
  message: string;
}

export interface Citation {
  document: string;
  anchor: string | null;
  table: string | null;
  row: number | null; // 1-based row of the table or item of the list
  text: string; // how to cite it: "承市政字〔2022〕16号 二、（三）2. 表2-1 第14行"
}

export interface Indicator {
  id: string;
  document: string;
  plan: string;
  period: '十三五' | '十四五';
  source: 'table' | 'list' | 'paragraph';
  category: string | null;
  name: string;
  unit: string | null;
  baseline: Figure;
  target: Figure;
  attribute: Attribute | null;
  comparison: Comparison;
  direction: Direction;
  citation: Citation;
  /** Where the same target is printed again (same figure). */
  alsoStatedIn: Citation[];
  responsible: ResponsibleUnit[];
  /** The department that files the yearly figures. */
  reporter: string;
  flags: Flag[];
  /** 十三五 table: the 2020 result and the printed assessment (完成). */
  result?: { year: number; value: number | null; text: string; assessment: string | null };
  /** A restatement (47号 list item) files its figures under the indicator it restates. */
  restates?: string;
}

export interface Task {
  id: string;
  document: string;
  plan: string;
  anchor: string;
  title: string;
  text: string;
  dueYear: number;
  units: ResponsibleUnit[];
  responsibilityText: string | null;
  citation: string;
  note: string | null;
}

const docCode = (number: string) => {
  const m = /(办)?字?〔(\d{4})〕(\d+)号/.exec(number);
  return m ? `${m[1] ? 'b' : 'z'}${m[2]}-${m[3]}` : number;
};

function allUnits(units: Unit[], out: Unit[] = []): Unit[] {
  for (const u of units) {
    out.push(u);
    allUnits(u.children, out);
  }
  return out;
}

const ATTRIBUTE = /约束性|预期性|参考性/;
function attributeOf(s: string | null | undefined): Attribute | null {
  const m = ATTRIBUTE.exec(s ?? '');
  return m ? (m[0] as Attribute) : null;
}

function figure(year: number | null, f: ParsedFigure): Figure {
  return { year, value: f.value, text: f.text };
}

/** Comparison and direction from the target (and baseline) as printed. */
function comparisonOf(name: string, target: ParsedFigure, baseline: ParsedFigure | null): { comparison: Comparison; direction: Direction } {
  if (target.op === 'decrease_by') return { comparison: 'decrease_by', direction: 'higher' };
  if (target.value === null) return { comparison: 'status', direction: lowerIsBetter(name) ? 'lower' : 'higher' };
  if (target.op) return { comparison: target.op, direction: target.op === 'lte' || target.op === 'lt' ? 'lower' : 'higher' };
  const lower = lowerIsBetter(name);
  if (baseline?.value !== null && baseline?.value !== undefined && baseline.value === target.value && !baseline.op) {
    return { comparison: lower ? 'lte' : 'gte', direction: lower ? 'lower' : 'higher' };
  }
  return { comparison: lower ? 'lte' : 'gte', direction: lower ? 'lower' : 'higher' };
}

interface ColumnRoles {
  name: number;
  category: number | null;
  baseline: { col: number; year: number } | null;
  target: { col: number; year: number } | null;
  result: { col: number; year: number } | null;
  attribute: number | null;
  assessment: number | null;
}

export function columnRoles(header: string[]): ColumnRoles | null {
  const h = header.map((x) => cleanText(x));
  const name = h.findIndex((x) => /^(二级)?指标$/.test(x));
  if (name < 0) return null;
  const yearCols = h.map((x, i) => ({ i, x, year: Number(/(\d{4})年/.exec(x)?.[1] ?? NaN) })).filter((c) => !Number.isNaN(c.year));
  const pick = (re: RegExp) => yearCols.find((c) => re.test(c.x));
  let target = pick(/目标|指标值/);
  const result = pick(/完成情况/);
  let baseline = pick(/现状|基期/);
  const bare = yearCols.filter((c) => /^\d{4}年$/.test(c.x));
  if (!target && bare.length >= 2) target = bare.reduce((a, b) => (b.year > a.year ? b : a));
  if (!baseline && bare.length >= 2) baseline = bare.reduce((a, b) => (b.year < a.year ? b : a));
  if (!target) return null;
  const category = h.findIndex((x, i) => i !== name && /类别|一级指标|领域/.test(x));
  const attribute = h.findIndex((x) => /属性/.test(x));
  const assessment = h.findIndex((x) => /^完成情况$/.test(x));
  return {
    name,
    category: category >= 0 ? category : null,
    baseline: baseline ? { col: baseline.i, year: baseline.year } : null,
    target: { col: target.i, year: target.year },
    result: result ? { col: result.i, year: result.year } : null,
    attribute: attribute >= 0 ? attribute : null,
    assessment: assessment >= 0 ? assessment : null,
  };
}

function citeText(c: Omit<Citation, 'text'>): string {
  return [c.document, c.anchor, c.table ? `《${c.table}》` : null, c.row ? (c.table ? `第${c.row}行` : `第${c.row}项`) : null].filter(Boolean).join(' ');
}
const cite = (c: Omit<Citation, 'text'>): Citation => ({ ...c, text: citeText(c) });

function ownerUnits(document: string): ResponsibleUnit[] {
  const p = planInfo(document);
  return p ? [{ unit: p.owner, printed: p.owner, role: 'lead' }] : [];
}

function tableIndicators(doc: GazetteDocument, t: Table): Indicator[] {
  const roles = columnRoles(t.header);
  if (!roles) return [];
  const number = doc.number!;
  const plan = planInfo(number)?.short ?? doc.documentTitle ?? number;
  const period = roles.target!.year <= 2020 ? '十三五' : '十四五';
  const out: Indicator[] = [];
  t.rows.forEach((row, r) => {
    const rowNo = r + 1;
    let rawName = row[roles.name] ?? '';
    // Row numbers printed inside the name cell ("1.养老服务床位总量", "8 3岁以下…") are the row's, not the name's.
    rawName = rawName.replace(new RegExp(`^${rowNo}(\\.|、|\\s|(?=[^\\d.]))`), '');
    const { name, unit: nameUnit, starred } = splitNameUnit(rawName);
    if (!name) return;
    const tgt = parseFigure(row[roles.target!.col]);
    const base = roles.baseline ? parseFigure(row[roles.baseline.col]) : null;
    const flags: Flag[] = [];
    const { comparison, direction } = comparisonOf(name, tgt, base);
    let baseYear = roles.baseline?.year ?? null;
    if (tgt.op === 'decrease_by' && tgt.fromYear) baseYear = tgt.fromYear;
    if (tgt.blank) flags.push({ code: 'blank_target', message: `《${t.caption ?? '指标表'}》中该指标的${roles.target!.year}年目标值为空白。` });
    if (base && tgt.op === 'decrease_by' && (base.qualitative || (base.op === 'decrease_by' && base.fromYear !== tgt.fromYear))) {
      flags.push({ code: 'baseline_not_comparable', message: `基期栏为"${base.text}"，与目标"${tgt.text}"的比较基准不同，不能作为数值基期。` });
    }
    if (base?.value !== null && base?.value !== undefined && tgt.value !== null && comparison !== 'decrease_by') {
      const below = direction === 'higher' && (tgt.value < base.value || (tgt.value === base.value && base.op === 'gt'));
      const above = direction === 'lower' && (tgt.value > base.value || (tgt.value === base.value && base.op === 'lt'));
      if (below || above)
        flags.push({
          code: 'target_below_baseline',
          message: `目标值 ${tgt.text} ${below ? '低于' : '高于'}基期值 ${base.text}（${direction === 'higher' ? '越高越好' : '越低越好'}的指标）。`,
        });
    }
    if (starred) flags.push({ code: 'marked', message: '表中该指标名称带有"*"标记，原文未说明其含义。' });
    const unit = nameUnit ?? tgt.unit ?? base?.unit ?? null;
    const baseline: Figure = base ? figure(baseYear, base) : { year: null, value: null, text: '' };
    if (tgt.op === 'decrease_by') {
      // "比2020年下降10%": tracked as the cumulative decrease since the base year, which is 0 in that year.
      baseline.value = 0;
      baseline.year = tgt.fromYear ?? baseYear;
    }
    const ind: Indicator = {
      id: `${docCode(number)}-t${t.index + 1}-${rowNo}`,
      document: number,
      plan,
      period,
      source: 'table',
      category: roles.category !== null ? cleanText(row[roles.category] ?? '') || null : null,
      name,
      unit: tgt.op === 'decrease_by' ? '%' : unit,
      baseline,
      target: figure(roles.target!.year, tgt),
      attribute: roles.attribute !== null ? attributeOf(row[roles.attribute]) : null,
      comparison,
      direction,
      citation: cite({ document: number, anchor: t.unitAnchor, table: t.caption, row: rowNo }),
      alsoStatedIn: [],
      responsible: ownerUnits(number),
      reporter: planInfo(number)?.owner ?? '',
      flags,
    };
    if (roles.result) {
      const res = parseFigure(row[roles.result.col]);
      ind.result = {
        year: roles.result.year,
        value: res.value,
        text: res.text,
        assessment: roles.assessment !== null ? cleanText(row[roles.assessment] ?? '') || null : null,
      };
      if (res.notAvailable || res.blank)
        flags.push({
          code: 'no_result',
          message: `${roles.result.year}年完成情况栏为"${res.text || '空白'}"，但完成情况判定为"${ind.result.assessment ?? ''}"。`,
        });
    }
    out.push(ind);
  });
  return out;
}

/** "养老服务床位总量达到2.5万张以上" → name and target. */
function readTargetSentence(s: string): { name: string; target: ParsedFigure } | null {
  const t = cleanText(s).replace(/。$/, '');
  const m = /^(.+?)(?:比(\d{4})年)(?:下降|降低)(\d+(?:\.\d+)?%(?:以上)?)$/.exec(t);
  if (m) return { name: m[1], target: parseFigure(`比${m[2]}年下降${m[3]}`) };
  const qualitative = /^(.+?)(明显增长|确保完成省下达指标|完成省下达指标)$/.exec(t);
  if (qualitative) return { name: qualitative[1].replace(/确保$/, ''), target: { ...parseFigure(qualitative[2]), qualitative: true } };
  // The verb is the first one whose remainder is a figure ("…达标率达到100%": not the 达 of 达标率).
  let fallback: { name: string; target: ParsedFigure } | null = null;
  for (let i = 1; i < t.length; i++) {
    const verb = ['力争达到', '达到', '保持在', '稳定在', '超过', '达'].find((v) => t.startsWith(v, i));
    if (!verb) continue;
    const rest = t.slice(i + verb.length);
    let f = parseFigure(rest.replace(/左右$/, ''));
    const name = t.slice(0, i).replace(/均$/, '');
    if (f.value === null) {
      if (!fallback && verb !== '达') fallback = { name, target: { ...f, qualitative: true, text: rest } };
      continue;
    }
    if (verb === '超过') f = { ...f, op: 'gt' };
    else if (/左右$/.test(rest)) f = { ...f, op: 'eq' };
    else if (!f.op) f = { ...f, op: 'gte' };
    return { name, target: f };
  }
  if (fallback) return fallback;
  return null;
}

function listIndicators(doc: GazetteDocument, docs: GazetteDocument[], tableInds: Indicator[]): Indicator[] {
  // A document implementing another plan ("关于落实…规划的实施意见") restates that plan's indicators.
  const implemented = docs.find(
    (d) => d !== doc && d.documentTitle && (doc.title.includes(d.documentTitle.replace(/^承德市/, '')) || doc.title.includes(d.documentTitle)),
  );
  if (!implemented || !/落实/.test(doc.title)) return [];
  const number = doc.number!;
  const out: Indicator[] = [];
  for (const u of allUnits(doc.units)) {
    if (!/指标/.test(u.heading ?? '') || !u.children.length) continue;
    u.children.forEach((item, i) => {
      const n = i + 1;
      const groups = bracketGroups(item.text);
      const respGroup = groups.find((g) => isResponsibility(g.inner));
      const resp = respGroup ? parseResponsibility(respGroup.inner) : null;
      const constrained = groups.some((g) => /约束性指标/.test(g.inner));
      let body = item.text;
      for (const g of [...groups].reverse()) body = body.slice(0, g.start) + body.slice(g.end);
      const read = readTargetSentence(body);
      if (!read) return;
      const original = tableInds.find((x) => x.document === implemented.number && x.citation.row === n);
      const flags: Flag[] = [];
      const { comparison, direction } = comparisonOf(read.name, read.target, null);
      const ind: Indicator = {
        id: `${docCode(number)}-l-${n}`,
        document: number,
        plan: planInfo(number)?.short ?? number,
        period: '十四五',
        source: 'list',
        category: u.heading,
        name: read.name,
        unit: read.target.unit,
        baseline: { year: null, value: null, text: '' },
        target: figure(2025, read.target),
        attribute: constrained ? '约束性' : null,
        comparison,
        direction,
        citation: cite({ document: number, anchor: item.anchor, table: null, row: null }),
        alsoStatedIn: [],
        responsible: resp?.units ?? ownerUnits(number),
        reporter: resp?.units.find((x) => x.role === 'lead')?.unit ?? planInfo(number)?.owner ?? '',
        flags,
      };
      if (original) {
        ind.restates = original.id;
        if (matchKey(original.name) !== matchKey(read.name)) {
          const f: Flag = { code: 'name_differs', message: `${original.citation.text}为"${original.name}"，${ind.citation.text}为"${read.name}"。` };
          flags.push(f);
          original.flags.push(f);
        }
        const sameFigure =
          original.target.value === read.target.value &&
          (original.target.value !== null || cleanText(original.target.text) === cleanText(read.target.text) || read.target.qualitative);
        if (!sameFigure) {
          const f: Flag = {
            code: 'conflicting_figures',
            message: `同一目标两处数字不同：${original.citation.text}为"${original.target.text}"，${ind.citation.text}为"${read.target.text}"。`,
          };
          flags.push(f);
          original.flags.push(f);
        } else original.alsoStatedIn.push(ind.citation);
        if (constrained && original.attribute !== '约束性') {
          const f: Flag = {
            code: 'attribute_differs',
            message: `${ind.citation.text}标为约束性指标，${original.citation.text}为"${original.attribute ?? '未标注'}"。`,
          };
          flags.push(f);
          original.flags.push(f);
        }
        // The list names who is responsible; the table does not.
        if (resp) {
          original.responsible = resp.units;
          original.reporter = ind.reporter;
        }
        ind.reporter = original.reporter;
        if (!ind.attribute) ind.attribute = original.attribute;
      }
      out.push(ind);
    });
  }
  return out;
}

/** Clauses after "到2025年" (and every clause of a 目标 section) that state a figure. */
function proseIndicators(doc: GazetteDocument): Indicator[] {
  const number = doc.number!;
  const out: Indicator[] = [];
  let k = 0;
  for (const u of allUnits(doc.units)) {
    const text = cleanText(u.text)
      .replace(/到2025年底?/g, '到2025年')
      .replace(/,/g, '，');
    const goalSection = /目标/.test(u.heading ?? '');
    for (const sentence of text.split('。')) {
      const at = sentence.indexOf('到2025年');
      if (at < 0 && !goalSection) continue;
      const scope = at >= 0 ? sentence.slice(at + '到2025年'.length) : sentence;
      let previous = '';
      for (const clauseRaw of scope.split(/[，；]/)) {
        const clause = clauseRaw.replace(/^(全市|按照国家和省要求)/, '');
        const before = previous;
        previous = readTargetSentence(clause)?.name ?? clause;
        if (!/\d|省下达指标/.test(clause)) continue;
        const items = readClause(clause);
        for (const it of items) {
          // "…农药包装废弃物回收率达到85%，回收处理率达到100%": a bare 回收处理率 belongs to the object named just before.
          if (it.name.length <= 5 && before) it.name = before.replace(/(回收率|利用率|使用量减少|使用量|覆盖率|率)$/, '') + it.name;
          if (it.name.length < 2 || it.name.length > 40 || /^\d/.test(it.name)) continue;
          k++;
          const { comparison, direction } = comparisonOf(it.name, it.target, null);
          const decrease = it.target.op === 'decrease_by';
          out.push({
            id: `${docCode(number)}-p-${k}`,
            document: number,
            plan: planInfo(number)?.short ?? number,
            period: '十四五',
            source: 'paragraph',
            category: null,
            name: it.name,
            unit: decrease ? '%' : it.target.unit,
            baseline: decrease
              ? { year: it.target.fromYear ?? 2020, value: 0, text: `${it.target.fromYear ?? 2020}年水平` }
              : { year: null, value: null, text: '' },
            target: figure(2025, it.target),
            attribute: /约束性/.test(sentence) ? '约束性' : null,
            comparison,
            direction,
            citation: cite({ document: number, anchor: u.anchor, table: null, row: null }),
            alsoStatedIn: [],
            responsible: ownerUnits(number),
            reporter: planInfo(number)?.owner ?? '',
            flags: [],
          });
        }
      }
    }
  }
  // 专栏 boxes (one-column tables "专栏2应对气候变化示范重点工程") list the plan period's projects; their figures are targets too.
  for (const t of doc.tables) {
    const cells = [...t.header, ...t.rows.flat()].map((c) => cleanText(c.replace(/<[^>]+>/g, '\n'))).filter(Boolean);
    const title = cells.find((c) => /^专栏\d/.test(c));
    if (!title || t.header.length > 1) continue;
    for (const sentence of cells
      .filter((c) => c !== title)
      .join('。')
      .split('。')) {
      let previous = '';
      for (const clauseRaw of sentence.split(/[，；]/)) {
        const clause = clauseRaw.replace(/^(全市|\d+\.)/, '');
        const before = previous;
        previous = readTargetSentence(clause)?.name ?? clause;
        if (!/\d/.test(clause)) continue;
        for (const it of readClause(clause)) {
          if (it.target.value === null) continue;
          if (it.name.length <= 5 && before) it.name = before + it.name;
          if (it.name.length < 2 || it.name.length > 40 || /^\d/.test(it.name)) continue;
          k++;
          const { comparison, direction } = comparisonOf(it.name, it.target, null);
          out.push({
            id: `${docCode(number)}-p-${k}`,
            document: number,
            plan: planInfo(number)?.short ?? number,
            period: '十四五',
            source: 'paragraph',
            category: title,
            name: it.name,
            unit: it.target.unit,
            baseline: { year: null, value: null, text: '' },
            target: figure(2025, it.target),
            attribute: null,
            comparison,
            direction,
            citation: cite({ document: number, anchor: t.unitAnchor, table: title, row: null }),
            alsoStatedIn: [],
            responsible: ownerUnits(number),
            reporter: planInfo(number)?.owner ?? '',
            flags: [],
          });
        }
      }
    }
  }
  return out;
}

function readClause(clause: string): { name: string; target: ParsedFigure }[] {
  // "…和…比2019年分别降低5%和6%"
  let m = /^(.+?)比(\d{4})年分别(?:下降|降低)(.+)$/.exec(clause);
  if (m) {
    const names = m[1].split(/和|、/);
    const vals = m[3].split(/和|、/);
    if (names.length === vals.length) return names.map((n, i) => ({ name: n, target: parseFigure(`比${m![2]}年下降${vals[i]}`) }));
  }
  // "A、B、C重点工程减排量分别完成省下达的1.27万吨、0.041万吨…目标"; "A、B比例分别达到90%以上、80%以上"
  m = /^(.+?)分别(?:完成省下达的|达到|达)(.+?)(?:目标)?$/.exec(clause);
  if (m) {
    const names = m[1].split('、');
    const vals = m[2].split(/和|、/);
    if (names.length === vals.length) {
      const last = names[names.length - 1];
      const suffix = /(重点工程减排量|排放量|比例|覆盖率)$/.exec(last)?.[1] ?? '';
      return names.map((n, i) => {
        const f = parseFigure(vals[i]);
        return { name: n.endsWith(suffix) ? n : n + suffix, target: f.op ? f : { ...f, op: 'gte' as const } };
      });
    }
  }
  const one = readTargetSentence(clause);
  if (!one) return [];
  if (one.target.value === null && !/省下达指标/.test(clause)) return [];
  return [one];
}

/** Links figures for the same quantity: same document → also stated / conflict; other plans → conflict or blank filled elsewhere. */
function crossCheck(all: Indicator[]) {
  const tableOrList = all.filter((x) => x.source !== 'paragraph' && x.period === '十四五');
  const keep: Indicator[] = [];
  for (const p of all) {
    if (p.source !== 'paragraph') {
      keep.push(p);
      continue;
    }
    const key = matchKey(p.name);
    const same = tableOrList.filter((t) => {
      const tk = matchKey(t.name);
      return tk === key || (Math.min(tk.length, key.length) >= 6 && (tk.includes(key) || key.includes(tk)));
    });
    let duplicate = false;
    for (const t of same) {
      const agree =
        t.target.value !== null && p.target.value !== null
          ? t.target.value === p.target.value
          : cleanText(t.target.text) === cleanText(p.target.text) || (t.comparison === 'status' && p.comparison === 'status');
      if (t.target.text === '') {
        const f: Flag = { code: 'blank_target', message: `${t.citation.text}目标值空白；${p.citation.text}载明"${p.target.text}"（未自动采用）。` };
        t.flags.push(f);
        p.flags.push({ code: 'conflicting_figures', message: `同一目标在${t.citation.text}中为空白。` });
      } else if (agree) {
        if (t.document === p.document) duplicate = true;
        t.alsoStatedIn.push(p.citation);
        if (t.document !== p.document) p.alsoStatedIn.push(t.citation);
      } else {
        const f: Flag = {
          code: 'conflicting_figures',
          message: `同一目标两处数字不同：${t.citation.text}为"${t.target.text}"，${p.citation.text}为"${p.target.text}"。`,
        };
        t.flags.push(f);
        p.flags.push(f);
      }
    }
    // The same quantity stated twice in one plan's prose (正文 and a 专栏).
    for (const q of keep.filter((x) => x.source === 'paragraph' && x.document === p.document)) {
      const qk = matchKey(q.name);
      if (!(qk === key || (Math.min(qk.length, key.length) >= 6 && (qk.includes(key) || key.includes(qk))))) continue;
      if (q.target.value === p.target.value) {
        q.alsoStatedIn.push(p.citation);
        duplicate = true;
      } else {
        const f: Flag = {
          code: 'conflicting_figures',
          message: `同一目标两处数字不同：${q.citation.text}为"${q.target.text}"（${q.name}），${p.citation.text}为"${p.target.text}"（${p.name}）。`,
        };
        q.flags.push(f);
        p.flags.push(f);
      }
    }
    if (!duplicate) keep.push(p);
  }
  return keep;
}

export function extractIndicators(docs: GazetteDocument[]): Indicator[] {
  const plans = docs.filter((d) => d.number && PLAN_NUMBERS.includes(d.number));
  const tables = plans.flatMap((d) => d.tables.flatMap((t) => tableIndicators(d, t)));
  const lists = plans.flatMap((d) => listIndicators(d, plans, tables));
  const prose = plans.flatMap((d) => proseIndicators(d));
  // Prose restating a list item of the same document is the same target.
  const all = crossCheck([...tables, ...lists, ...prose]);
  const order = (n: string) => PLAN_NUMBERS.indexOf(n);
  return all.sort((a, b) => order(a.document) - order(b.document));
}

// ---------------------------------------------------------------- tasks

/** Due in 2025 (the end of the plan period) unless the measure names an earlier deadline ("到2022年，培养培训75名养老院院长…"; deadlines.ts). */
const firstDueYear = (text: string) => taskDeadlines(text).find((d) => d.year < PLAN_LAST_YEAR)?.year ?? PLAN_LAST_YEAR;

function ownText(u: Unit): string {
  return cleanText(u.text);
}

export function extractTasks(docs: GazetteDocument[]): Task[] {
  const out: Task[] = [];
  for (const doc of docs.filter((d) => d.number && PLAN_NUMBERS.includes(d.number))) {
    const number = doc.number!;
    const plan = planInfo(number)?.short ?? number;
    let following: string[] = [];
    let anyPrinted = false;
    const units = allUnits(doc.units);
    const respOf = (u: Unit) => {
      const g = bracketGroups(u.text).filter((x) => isResponsibility(x.inner));
      return g.length ? { group: g[g.length - 1], parsed: parseResponsibility(g[g.length - 1].inner) } : null;
    };
    // A note on its own line after the last item of a group, when no other item has one, covers the whole group (承市政办字〔2022〕50号).
    const groupOwner = new Map<Unit, Unit>();
    for (const parent of units) {
      const kids = parent.children;
      if (kids.length < 2) continue;
      const last = kids[kids.length - 1];
      const r = respOf(last);
      if (r && kids.slice(0, -1).every((k) => !respOf(k)) && /\n\s*$/.test(last.text.slice(0, r.group.start))) {
        groupOwner.set(last, parent);
      }
    }
    for (const u of units) {
      const r = respOf(u);
      if (!r) continue;
      anyPrinted = true;
      const target = groupOwner.get(u) ?? u;
      const units2 = [...r.parsed.units];
      for (const f of following) if (!units2.some((x) => x.unit === f)) units2.push({ unit: f, printed: f, role: 'implementing' });
      if (r.parsed.appliesToFollowing.length) following = r.parsed.appliesToFollowing;
      const text = groupOwner.has(u) ? [ownText(target), ...target.children.map(ownText)].join('\n') : ownText(u);
      const dueYear = firstDueYear(text);
      out.push({
        id: `${docCode(number)}-${target.anchor}`,
        document: number,
        plan,
        anchor: target.anchor,
        title: cleanText(target.heading ?? target.text.slice(0, 30))
          .replace(/（(责任单位|责任部门).*$/, '')
          .replace(/。$/, ''),
        text,
        dueYear,
        units: units2,
        responsibilityText: r.parsed.raw,
        citation: `${number} ${target.anchor}`,
        note: groupOwner.has(u)
          ? `责任单位印在本组最后一项之后，适用于本组各项（${target.children.map((c) => c.anchor).join('、')}）。`
          : r.parsed.appliesToFollowing.length
            ? `本项注明：以下各项均需${r.parsed.appliesToFollowing.join('、')}落实。`
            : null,
      });
    }
    if (!anyPrinted) {
      // Plans that print no responsible units (16号, 49号): every measure of the task chapters, assigned to the plan's owner.
      // (48号 "三、落实支持政策": the support policies are measures too.)
      for (const top of doc.units.filter(
        (x) =>
          x.kind === 'level1' &&
          /任务|措施|行动|工程|推进|建设|防治|保护|治理|提升|完善|健全|政策/.test(x.heading ?? '') &&
          !/总体|保障|组织|实施|形势|回顾|基础/.test(x.heading ?? ''),
      )) {
        for (const u of allUnits(top.children)) {
          if (u.children.length) continue;
          out.push({
            id: `${docCode(number)}-${u.anchor}`,
            document: number,
            plan,
            anchor: u.anchor,
            title: cleanText(u.heading ?? u.text.slice(0, 30)).replace(/。$/, ''),
            text: ownText(u),
            dueYear: firstDueYear(ownText(u)),
            units: ownerUnits(number),
            responsibilityText: null,
            citation: `${number} ${u.anchor}`,
            note: `原文未列责任单位，由规划牵头部门${planInfo(number)?.owner ?? ''}跟踪（${planInfo(number)?.ownerBasis ?? ''}）。`,
          });
        }
      }
    }
    out.push(...annexTasks(doc));
  }
  return out;
}

/** Where an annex names units joining a duty: "会同市住房和城乡建设局、市税务局…", "配合市…局…". */
const JOINED_UNITS = /(?:会同|配合)((?:(?:市|人行|人民银行|承德)[\u4e00-\u9fa5]*?(?:局|委|办|支行|分局|委员会)、?)+)/g;
/** A paragraph that opens with the unit(s) it assigns: "市财政局负责…", "市住房和城乡建设局牵头…". */
const DUTY_LINE = /^((?:市|人行|人民银行|承德|各|团市委)[^，。；：]*?)(牵头|负责)/;

/**
 * An annex that divides the work among departments ("附件 承德市保障性租赁住房工作部门责任分工",
 * 承市政办字〔2022〕48号): each paragraph names a unit and its duties, and is a task of its own.
 *  • anchor: the annex's anchor and the paragraph's place in it ("附件第3段"); the annex prints no numbers;
 *  • lead: the unit(s) before 牵头/负责; co-units: the units it works with ("会同…", "配合…") where named
 *    ("配合相关部门" names none);
 *  • county governments and 管委会 named in a row implement (parseResponsibility, the rule used for 26号).
 */
function annexTasks(doc: GazetteDocument): Task[] {
  const number = doc.number!;
  const plan = planInfo(number)?.short ?? number;
  const out: Task[] = [];
  for (const part of allUnits(doc.units).filter((u) => u.kind === 'part' && /责任分工|任务分工|分工方案/.test(u.heading ?? ''))) {
    const lines = part.text.split('\n').map(cleanText).filter(Boolean);
    lines.forEach((line, i) => {
      const m = DUTY_LINE.exec(line);
      if (!m) return;
      const joined: string[] = [];
      for (const j of line.matchAll(JOINED_UNITS)) for (const u of j[1].split('、')) if (u && !joined.includes(u)) joined.push(u);
      const lead = m[1];
      const co = joined.filter((u) => normalizeUnit(u) !== normalizeUnit(lead));
      const parsed = parseResponsibility(`${lead}牵头${co.length ? `，${co.join('、')}按职责分工负责` : ''}`);
      const anchor = `${part.anchor}第${i + 1}段`;
      out.push({
        id: `${docCode(number)}-${anchor}`,
        document: number,
        plan,
        anchor,
        title: line.split(/[，。；]/)[0],
        text: line,
        dueYear: firstDueYear(line),
        units: parsed.units,
        responsibilityText: line,
        citation: `${number} ${anchor}`,
        note: `附件《${part.heading}》第${i + 1}段：段首单位牵头${co.length ? '，"会同""配合"所列单位配合' : ''}。`,
      });
    });
  }
  return out;
}

export const COUNTY = COUNTY_GOVERNMENTS_LABEL;

/** The plan documents from the stored library (documents.data_json, as ingested). */
export async function loadPlanDocuments(db: Db): Promise<GazetteDocument[]> {
  const rows = await db.kysely.selectFrom('documents').select(['id', 'data_json']).where('id', 'in', PLAN_NUMBERS).execute();
  return rows.map((r) => parsedFromRow(r)).sort((a, b) => PLAN_NUMBERS.indexOf(a.number!) - PLAN_NUMBERS.indexOf(b.number!));
}

/**
 * Indicators with the units responsible for them, and the tasks.
 *  • a prose target printed inside a measure belongs to that measure's units;
 *  • a table row whose category (领域) is the heading of a section of the same
 *    plan belongs to the units leading that section's measures (51号: 领域
 *    "防控出生缺陷和发育障碍致残" = 二、（二）, led by 市卫健委).
 * Otherwise the plan's owner (plans.ts) files the figures.
 */
export function extractPlans(docs: GazetteDocument[]): { indicators: Indicator[]; tasks: Task[] } {
  const indicators = extractIndicators(docs);
  const tasks = extractTasks(docs);
  const printed = tasks.filter((t) => t.responsibilityText);
  for (const ind of indicators) {
    if (ind.source === 'list' || ind.restates) continue;
    if (ind.responsible.length && ind.responsible[0].unit !== planInfo(ind.document)?.owner) continue; // already from a list
    let from: Task[] = [];
    if (ind.source === 'paragraph') {
      from = printed.filter(
        (t) => t.document === ind.document && ind.citation.anchor && (ind.citation.anchor === t.anchor || ind.citation.anchor.startsWith(t.anchor)),
      );
    } else if (ind.category) {
      const doc = docs.find((d) => d.number === ind.document);
      const section = doc && allUnits(doc.units).find((u) => u.heading && cleanText(u.heading) === ind.category);
      if (section) from = printed.filter((t) => t.document === ind.document && t.anchor.startsWith(section.anchor));
    }
    if (!from.length) continue;
    const units: ResponsibleUnit[] = [];
    for (const t of from)
      for (const u of t.units)
        if (u.role !== 'implementing' && !units.some((x) => x.unit === u.unit))
          units.push({ ...u, role: u.role === 'lead' && t === from[0] ? 'lead' : u.role === 'lead' ? 'lead' : 'co' });
    ind.responsible = units;
    ind.reporter = units.find((u) => u.role === 'lead')?.unit ?? ind.reporter;
  }
  // Restatements file under the indicator they restate.
  for (const ind of indicators) if (ind.restates) ind.reporter = indicators.find((x) => x.id === ind.restates)?.reporter ?? ind.reporter;
  return { indicators, tasks };
}

/** May this unit file figures for the indicator? Its reporter, or a lead unit named for it. */
export function unitReportsOn(ind: Indicator, unit: string): boolean {
  return ind.reporter === unit || ind.responsible.some((u) => u.unit === unit && u.role === 'lead');
}
