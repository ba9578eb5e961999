// 办理地点 and 咨询/监督电话 of the 办事指南: configuration per area, entered by an administrator (real offices
// and numbers are never invented by the software). A point names a procedure (or '*' for every procedure) and a
// place: a county, or a township in it. The guide shows the most specific points for the reader's area.
import type { Generated, Kysely, Migration } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { checkAreaPath } from '../platform/areas.js';

export interface ServicePointTable {
  id: Generated<number>;
  procedure: string; // a procedure id, or '*'
  county: string;
  township: string; // '' for a county-level point
  office: string;
  address: string;
  hours: string;
  consult_phone: string;
  supervise_phone: string;
  promised_workdays: number | null; // 承诺时限, when the office promises less than the legal limit
  updated_by: string;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    service_points: ServicePointTable;
  }
}

export const servicePointsMigration = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<any>) {
    await (db.schema.createTable('service_points') as any)
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c: any) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('procedure', 'text', (c: any) => c.notNull())
      .addColumn('county', 'text', (c: any) => c.notNull())
      .addColumn('township', 'text', (c: any) => c.notNull())
      .addColumn('office', 'text', (c: any) => c.notNull())
      .addColumn('address', 'text', (c: any) => c.notNull())
      .addColumn('hours', 'text', (c: any) => c.notNull())
      .addColumn('consult_phone', 'text', (c: any) => c.notNull())
      .addColumn('supervise_phone', 'text', (c: any) => c.notNull())
      .addColumn('promised_workdays', 'integer')
      .addColumn('updated_by', 'text', (c: any) => c.notNull())
      .addColumn('updated_at', 'text', (c: any) => c.notNull())
      .addUniqueConstraint('service_points_place', ['procedure', 'county', 'township'])
      .execute();
  },
});

// Office numbers: a fixed line with its area code (0314-1234567), a mobile, or a short service number (12345).
const PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|\d{5})$/;
const phone = (label: string) =>
  z
    .string()
    .trim()
    .max(40)
    .refine((s) => s === '' || PHONE.test(s), `${label}应为带区号的固定电话（如 0314-1234567）、手机号或 5 位服务热线`)
    .default('')
    .meta({ title: label });

export const ServicePointSchema = z
  .object({
    procedure: z.string().trim().min(1).max(60).meta({ title: '办理事项（* 表示全部事项）' }),
    county: z.string().trim().min(1, '请填写县（市、区）').max(40).meta({ title: '县（市、区）' }),
    township: z.string().trim().max(40).default('').meta({ title: '乡镇（街道）（空：全县）' }),
    office: z.string().trim().min(2, '请填写办理机构').max(80).meta({ title: '办理机构' }),
    address: z.string().trim().min(2, '请填写办理地点').max(200).meta({ title: '办理地点' }),
    hours: z.string().trim().max(100).default('').meta({ title: '办公时间' }),
    consultPhone: phone('咨询电话'),
    supervisePhone: phone('监督投诉电话'),
    promisedWorkdays: z.number().int().min(1).max(365).nullable().default(null).meta({ title: '承诺时限（工作日）' }),
  })
  .superRefine((p, ctx) => {
    const problem = checkAreaPath({ county: p.county, ...(p.township ? { township: p.township } : {}) }, p.township ? 'township' : 'county');
    if (problem) ctx.addIssue({ code: 'custom', path: [p.township ? 'township' : 'county'], message: problem });
  });
export type ServicePointInput = z.infer<typeof ServicePointSchema>;

export interface ServicePoint {
  procedure: string;
  county: string;
  township: string;
  office: string;
  address: string;
  hours: string;
  consultPhone: string;
  supervisePhone: string;
  promisedWorkdays: number | null;
  updatedAt: string;
}
const view = (r: ServicePointTable & { id: number }): ServicePoint => ({
  procedure: r.procedure,
  county: r.county,
  township: r.township,
  office: r.office,
  address: r.address,
  hours: r.hours,
  consultPhone: r.consult_phone,
  supervisePhone: r.supervise_phone,
  promisedWorkdays: r.promised_workdays === null ? null : Number(r.promised_workdays),
  updatedAt: r.updated_at,
});

/** Records (or replaces) the point of a procedure in a place; one per procedure and place. */
export async function saveServicePoint(db: Db, p: ServicePointInput, by: string): Promise<ServicePoint> {
  const row = {
    procedure: p.procedure,
    county: p.county,
    township: p.township,
    office: p.office,
    address: p.address,
    hours: p.hours,
    consult_phone: p.consultPhone,
    supervise_phone: p.supervisePhone,
    promised_workdays: p.promisedWorkdays,
    updated_by: by,
    updated_at: new Date().toISOString(),
  };
  await db.kysely
    .insertInto('service_points')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['procedure', 'county', 'township']).doUpdateSet({
        office: row.office,
        address: row.address,
        hours: row.hours,
        consult_phone: row.consult_phone,
        supervise_phone: row.supervise_phone,
        promised_workdays: row.promised_workdays,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
  const saved = await db.kysely
    .selectFrom('service_points')
    .selectAll()
    .where('procedure', '=', p.procedure)
    .where('county', '=', p.county)
    .where('township', '=', p.township)
    .executeTakeFirstOrThrow();
  return view(saved as never);
}

/**
 * The points for a procedure in a reader's area: the township's own (if the reader names one) and the county's,
 * the procedure's before the '*' ones; without an area, every point of the procedure (a county lists its townships).
 */
export async function servicePointsFor(db: Db, procedure: string, area: { county?: string; township?: string }): Promise<ServicePoint[]> {
  let q = db.kysely.selectFrom('service_points').selectAll().where('procedure', 'in', [procedure, '*']);
  if (area.county) q = q.where('county', '=', area.county);
  if (area.county && area.township) q = q.where('township', 'in', ['', area.township]);
  const rows = (await q.orderBy('county').orderBy('township').orderBy('procedure').limit(500).execute()) as (ServicePointTable & { id: number })[];
  // The procedure's own point wins over a '*' point of the same place.
  const byPlace = new Map<string, ServicePointTable & { id: number }>();
  for (const r of rows) {
    const key = `${r.county}/${r.township}`;
    const known = byPlace.get(key);
    if (!known || (known.procedure === '*' && r.procedure !== '*')) byPlace.set(key, r);
  }
  // The most specific first: the township's office before the county's.
  return [...byPlace.values()].sort((a, b) => (a.township && !b.township ? -1 : !a.township && b.township ? 1 : 0)).map(view);
}
