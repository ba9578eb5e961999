// The register's views and export: a 乡镇卫生院 sees its township, the county health bureau any township of
// its county (and the whole county in the export). Who sees which doctors is the register's access policy,
// applied by the engine's query; these routes only derive from what the actor may read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseError } from '../../engine/cases.js';
import { townshipsOf } from '../../platform/areas.js';
import { addSheet, sendWorkbook, toBuffer, workbook } from '../../reports/xlsx.js';
import type { ModuleRouteOptions } from '../shared/module.js';
import { LONGHUA } from './person.js';
import { ROSTER } from './roster.js';
import { registerLines, townshipOverview, type RosterRow } from './views.js';

const TAGS = ['乡村医生'];
const READERS = ['health_centre', 'county_health', 'admin'];

export const villageDoctorRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { engine, actorOf, today }) => {
  const scope = async (req: Parameters<typeof actorOf>[0], township: string | undefined) => {
    const actor = await actorOf(req);
    if (!READERS.includes(actor.role)) throw new CaseError('乡村医生花名册仅供乡镇卫生院和县卫生健康局查看。', 403);
    const county = actor.county ?? LONGHUA;
    // A township office sees its own township only; the county picks one (default: the first of its tree).
    const chosen = actor.role === 'health_centre' ? actor.township! : (township ?? townshipsOf(county)?.[0]?.name ?? '');
    if (actor.role === 'health_centre' && township && township !== actor.township) throw new CaseError(`只能查看本乡镇（${actor.township}）的村医。`, 403);
    if (!townshipsOf(county)?.some((t) => t.name === chosen)) throw new CaseError(`${county}没有“${chosen}”。`, 404);
    const rows = (await engine.readRows(actor, ROSTER)) as RosterRow[];
    return { actor, county, township: chosen, rows };
  };

  app.get(
    '/api/village-doctor/overview',
    {
      schema: {
        tags: TAGS,
        summary: '本乡镇村医情况：空白村、年龄结构、一年内到龄退休、中止执业及满 2 年日期（隆政办规〔2022〕1号）',
        querystring: z.object({ township: z.string().trim().min(1).max(40).optional() }),
      },
    },
    async (req) => {
      const s = await scope(req, req.query.township);
      return {
        ...townshipOverview(s.rows, { county: s.county, township: s.township }, today()),
        townships: s.actor.role === 'health_centre' ? [s.township] : (townshipsOf(s.county) ?? []).map((t) => t.name),
      };
    },
  );

  app.get(
    '/api/village-doctor/register.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '乡村医生花名册（Excel，身份证号码已脱敏）',
        querystring: z.object({ township: z.string().trim().min(1).max(40).optional() }),
      },
    },
    async (req, reply) => {
      const s = await scope(req, req.query.township);
      // The county exports its whole county unless it names a township.
      const rows = s.rows.filter((r) => r.county === s.county && (s.actor.role === 'health_centre' || !req.query.township || r.township === s.township));
      const lines = registerLines(rows, today());
      const wb = workbook();
      addSheet(
        wb,
        '乡村医生花名册',
        [
          { header: '花名册编号', key: 'id', width: 26 },
          { header: '姓名', key: 'name', width: 10 },
          { header: '性别', key: 'sex', width: 6 },
          { header: '身份证号码', key: 'idNumber', width: 22 },
          { header: '年龄', key: 'age', width: 6 },
          { header: '退休日期', key: 'retirementDate', width: 12 },
          { header: '乡镇', key: 'township', width: 12 },
          { header: '村', key: 'village', width: 12 },
          { header: '状态', key: 'stateLabel', width: 12 },
          { header: '执业资格', key: 'qualification', width: 22 },
          { header: '证书编号', key: 'certificateNo', width: 20 },
          { header: '准入方式', key: 'basis', width: 22 },
          { header: '注册日期', key: 'registeredOn', width: 12 },
          { header: '中止执业日期', key: 'suspendedSince', width: 14 },
          { header: '满 2 年日期', key: 'twoYearsOn', width: 14 },
          { header: '正式职工', key: 'regular', width: 10 },
        ],
        lines.map((l) => ({ ...l, regular: l.regularStaff ? '是' : '' })),
      );
      const name = `乡村医生花名册-${s.actor.role === 'health_centre' || req.query.township ? s.township : s.county}-${today()}.xlsx`;
      return sendWorkbook(reply, await toBuffer(wb), name);
    },
  );
};
