// The register's views: the visits of a month with the 月探访率 and who is overdue (a village sees its
// village, a township its township, the 县民政局 its county, the 市民政局 every county), and the 高龄津贴
// roster of a month for a county with its Excel export for the finance office. Who sees which people is
// the register's access policy, applied by the engine's query; these routes only derive from it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../engine/assess.js';
import { CaseError } from '../../engine/cases.js';
import { countyOf } from '../../platform/areas.js';
import { addSheet, sendWorkbook, toBuffer, workbook } from '../../reports/xlsx.js';
import type { ModuleRouteOptions } from '../shared/module.js';
import { RATE } from './rate.js';
import { FILING, publicCommitment } from './filing.js';
import { maskPersonalData } from '../../engine/personal-data.js';
import { serviceListView } from './services.js';
import { REGISTER } from './register.js';
import { allowanceRoster, MONTH, visitOverview, type RateRow, type RegisterRow } from './views.js';

const TAGS = ['养老服务'];
const READERS = ['village', 'township', 'county_civil_affairs', 'city_civil_affairs', 'admin'];
const ROSTER_READERS = ['township', 'county_civil_affairs', 'city_civil_affairs', 'admin'];
const monthQuery = z.string().trim().regex(MONTH, '月份格式应为 YYYY-MM').optional().meta({ description: '月份 YYYY-MM，默认本月' });

export const elderlyRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { db, engine, actorOf, today }) => {
  // 备案信用承诺: the written commitments of the recorded institutions and their fulfilment, for everyone (24号 三、（四）2.).
  app.get(
    '/api/elderly/commitments',
    {
      schema: {
        tags: TAGS,
        summary: '养老服务机构备案信用承诺公开：已备案机构的书面承诺及履约情况（承市政字〔2022〕24号 三、（四）2.）；不含联系人',
        querystring: z.object({ county: z.string().trim().min(1).max(40).optional() }),
      },
    },
    async (req) => {
      let q = db.kysely.selectFrom('cases').selectAll().where('procedure', '=', FILING).where('state', 'in', ['recorded', 'closed']);
      if (req.query.county) q = q.where('county', '=', req.query.county);
      const rows = await q.orderBy('id').execute();
      return {
        items: rows.map((r) =>
          maskPersonalData(publicCommitment({ id: r.id, state: r.state, application: JSON.parse(r.application_json), record: JSON.parse(r.data_json) })),
        ),
      };
    },
  );

  const rowsOf = async (req: Parameters<typeof actorOf>[0], readers: string[]) => {
    const actor = await actorOf(req);
    if (!readers.includes(actor.role)) throw new CaseError('老年人名册仅供村（社区）、乡镇（街道）和民政部门查看。', 403);
    return { actor, rows: (await engine.readRows(actor, REGISTER)) as RegisterRow[] };
  };

  app.get(
    '/api/elderly/services',
    {
      schema: {
        tags: TAGS,
        summary:
          '基本养老服务清单：两份文件点名的服务对象、服务内容、服务标准和支出责任（未规定的注明“文件未规定”），逐项附原文（承市政字〔2022〕24号 三、（一）1.）',
      },
    },
    async () => ({ items: serviceListView() }),
  );

  app.get(
    '/api/elderly/visits',
    {
      schema: {
        tags: TAGS,
        summary: '特殊困难老年人探访：本月（或指定月份）月探访率（村、乡镇、县）与未探访名单（承市政办字〔2022〕47号 二、（一）6.、二、（二）1.（5））',
        querystring: z.object({ month: monthQuery }),
      },
    },
    async (req) => {
      const { rows } = await rowsOf(req, READERS);
      return visitOverview(rows, req.query.month ?? today().slice(0, 7), today());
    },
  );

  const rosterOf = async (req: Parameters<typeof actorOf>[0], q: { month?: string; county?: string }) => {
    const { actor, rows } = await rowsOf(req, ROSTER_READERS);
    const county = actor.county ?? q.county;
    if (!county) throw new InputError([{ field: 'county', message: '请指定县（市、区）' }]);
    if (actor.county && q.county && q.county !== actor.county) throw new CaseError(`只能查看本县（${actor.county}）的高龄津贴名册。`, 403);
    if (!countyOf(county)) throw new CaseError(`区划中没有“${county}”。`, 404);
    const rates = (await engine.readRows(actor, RATE)) as RateRow[];
    return allowanceRoster(rows, rates, county, q.month ?? today().slice(0, 7));
  };
  const rosterQuery = z.object({ month: monthQuery, county: z.string().trim().min(1).max(40).optional() });

  app.get(
    '/api/elderly/allowance',
    {
      schema: {
        tags: TAGS,
        summary: '高龄津贴名册：本月满 80 周岁（自生日起享受）、继续享受、死亡或迁出（停发日期）及金额（未录入标准时为“金额未设定”）',
        querystring: rosterQuery,
      },
    },
    async (req) => rosterOf(req, req.query),
  );

  app.get(
    '/api/elderly/allowance.xlsx',
    { schema: { tags: TAGS, summary: '高龄津贴发放名册（Excel，供财政部门；身份证号码已脱敏）', querystring: rosterQuery } },
    async (req, reply) => {
      const r = await rosterOf(req, req.query);
      const wb = workbook();
      addSheet(
        wb,
        '高龄津贴名册',
        [
          { header: '名册编号', key: 'id', width: 24 },
          { header: '姓名', key: 'name', width: 10 },
          { header: '身份证号码', key: 'idNumber', width: 22 },
          { header: '乡镇（街道）', key: 'township', width: 12 },
          { header: '村（社区）', key: 'village', width: 12 },
          { header: '年龄', key: 'age', width: 6 },
          { header: '享受起始日（满80周岁）', key: 'entitledFrom', width: 14 },
          { header: '停发日期', key: 'stopOn', width: 12 },
          { header: '停发原因', key: 'stopReason', width: 10 },
          { header: '本月情况', key: 'statusLabel', width: 18 },
          { header: '本月享受天数', key: 'days', width: 8 },
          { header: '本月金额（元）', key: 'amountText', width: 12 },
          { header: '说明', key: 'note', width: 40 },
        ],
        [
          ...r.lines.map((l) => ({
            ...l,
            stopOn: l.stopOn ?? '',
            stopReason: l.stopReason ?? '',
            amountText: l.amount === null ? '金额未设定' : l.amount.toFixed(2),
          })),
          {
            name: '合计',
            days: '',
            amountText: r.totals.amount === null ? '金额未设定' : r.totals.amount.toFixed(2),
            note: r.standard
              ? `标准 ${r.standard.monthlyAmount} 元/人·月，依据：${r.standard.document}（${r.standard.effectiveFrom} 起执行）；${r.totals.people} 人`
              : `${r.totals.people} 人；县民政局尚未录入高龄津贴标准及其依据文件`,
          },
        ],
      );
      return sendWorkbook(reply, await toBuffer(wb), `高龄津贴名册-${r.county}-${r.month}.xlsx`);
    },
  );
};
