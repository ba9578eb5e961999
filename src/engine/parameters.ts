// Dated parameters: every figure a rule reads is named, with its unit and its dated values, each with the
// article it comes from — the gazette's own (70 平方米, 承市政办字〔2022〕48号 二、（二）), or a local value a
// county records where the gazette leaves the figure to it (小户型的具体面积由各县（市、区）政府确定), with
// the local document. Rules read the value in force on the case's date; an absent value is absent, never
// invented, and the rule that needs it says so. Local values are appended, never updated (a correction is a
// newer entry), so what a past assessment read can always be shown again.
import type { Generated, Kysely, Migration } from 'kysely';
import { z } from 'zod';
import { isoDate } from '../calendar/dates.js';
import type { Db } from '../db/connection.js';
import type { Role } from '../platform/roles.js';
import { citeLink, citeText, MissingParameter, type Citation, type RuleContext } from './rules.js';

export interface ParameterDef {
  key: string;
  label: string;
  /** 平方米, 元/平方米·月, %, or '' for a text (准入条件). */
  unit: string;
  description: string;
  kind: 'number' | 'text';
  /** Values the gazette itself sets, in order of their dates. */
  values: { from: string; value: number | string; citation: Citation }[];
  /** Where the gazette leaves the figure to each county: who records it, and the article that delegates it. */
  local?: { roles: Role[]; delegatedBy: Citation };
}

/** A value as a rule reads it: the figure, from when, and where it comes from. */
export interface ParameterValue {
  key: string;
  value: number | string;
  from: string;
  /** 'gazette': set by the cited article; 'local': recorded by a county with its own document. */
  level: 'gazette' | 'local';
  source: string;
  link: string | null;
  scope: string;
}

/** What a rule reads: the value in force on the case's date for a scope (a county), or null when none is. */
export type ParameterReader = (key: string, scope: string) => ParameterValue | null;

export interface ParameterValueTable {
  id: Generated<number>;
  key: string;
  scope: string; // a county name
  effective_from: string;
  value_json: string;
  source: string; // the local document (文号 and title) that sets it
  note: string;
  entered_by: number;
  entered_by_name: string;
  entered_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    parameter_values: ParameterValueTable;
  }
}

export const parameterValuesMigration = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<any>) {
    await (db.schema.createTable('parameter_values') as any)
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c: any) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('key', 'text', (c: any) => c.notNull())
      .addColumn('scope', 'text', (c: any) => c.notNull())
      .addColumn('effective_from', 'text', (c: any) => c.notNull())
      .addColumn('value_json', 'text', (c: any) => c.notNull())
      .addColumn('source', 'text', (c: any) => c.notNull())
      .addColumn('note', 'text', (c: any) => c.notNull())
      .addColumn('entered_by', 'integer', (c: any) => c.notNull())
      .addColumn('entered_by_name', 'text', (c: any) => c.notNull())
      .addColumn('entered_at', 'text', (c: any) => c.notNull())
      .execute();
    await db.schema.createIndex('parameter_values_key').on('parameter_values').columns(['key', 'scope', 'effective_from']).execute();
  },
});

export type LocalRow = Pick<ParameterValueTable, 'key' | 'scope' | 'effective_from' | 'value_json' | 'source' | 'entered_at'> & { id: number };

/** The local values recorded for some keys (a procedure's), oldest first. */
export async function localValues(db: Db, keys: string[]): Promise<LocalRow[]> {
  if (keys.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('parameter_values')
    .select(['id', 'key', 'scope', 'effective_from', 'value_json', 'source', 'entered_at'])
    .where('key', 'in', keys)
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * The value in force on a date: a county's own value from its effective date on, else the gazette's. Of two
 * local entries with the same effective date the later entry (a correction) wins.
 */
export function valueAt(def: ParameterDef, rows: LocalRow[], scope: string, date: string): ParameterValue | null {
  const local = rows.filter((r) => r.key === def.key && r.scope === scope && r.effective_from <= date).at(-1);
  if (local) return { key: def.key, value: JSON.parse(local.value_json), from: local.effective_from, level: 'local', source: local.source, link: null, scope };
  const own = def.values.filter((v) => v.from <= date).at(-1);
  if (own) return { key: def.key, value: own.value, from: own.from, level: 'gazette', source: citeText(own.citation), link: citeLink(own.citation), scope: '' };
  return null;
}

export function readerFor(defs: ParameterDef[], rows: LocalRow[], date: string): ParameterReader {
  return (key, scope) => {
    const def = defs.find((d) => d.key === key);
    if (!def) throw new Error(`unknown parameter ${key}`);
    return valueAt(def, rows, scope, date);
  };
}

/**
 * A figure a rule needs, in force on the rule's date: what the case's reader gives (recorded values included), else
 * the gazette's own value; none → MissingParameter, which the evaluation reports as a finding.
 */
export function figure(def: ParameterDef, ctx: RuleContext, scope = ''): number {
  const v = ctx.parameter ? ctx.parameter(def.key, scope) : valueAt(def, [], scope, ctx.date);
  if (!v) throw new MissingParameter(def.key, def.label, ctx.date);
  return Number(v.value);
}

/** The gazette's first value of a figure, for texts that quote the article (summaries, FAQs). */
export const gazetteValue = (def: ParameterDef) => Number(def.values[0].value);

/** How a value is told in a finding: "70 平方米（承市政办字〔2022〕48号 二、（二））" or the county's document. */
export function told(v: ParameterValue, unit: string): string {
  const figure = typeof v.value === 'number' ? `${v.value}${unit ? ` ${unit}` : ''}` : String(v.value);
  return `${figure}（${v.level === 'local' ? `${v.scope}：${v.source}，${v.from} 起` : v.source}）`;
}

/** A new local value: what an official records. */
export const LocalValueSchema = z.object({
  scope: z.string().trim().max(40).default('').meta({ title: '县（市、区）（公报统一规定的数值留空）' }),
  effectiveFrom: isoDate('生效日期').meta({ title: '生效日期', format: 'date' }),
  value: z.union([z.number({ error: '请填写数值' }), z.string().trim().min(1, '请填写内容').max(4000)]).meta({ title: '值' }),
  source: z.string().trim().min(4, '请填写设定该值的本地文件（文号和标题）').max(200).meta({ title: '依据文件（文号、标题）' }),
  note: z.string().trim().max(500).default('').meta({ title: '说明' }),
});
export type LocalValueInput = z.infer<typeof LocalValueSchema>;
