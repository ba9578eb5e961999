// The guard for every route and every future procedure: each route of the OpenAPI document × every role
// (and anonymous) × cases of every procedure in two counties and two townships, on both databases.
// Fails on any leak (a case answered or listed to someone the brief says may not see it), on any 5xx,
// and on any unmasked 身份证号 or phone number in any response (JSON, text or Excel).
// The expectation is written here from the brief, independently of the access declarations it checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createUser } from '../../src/auth/service.js';
import { openCalendar } from '../../src/calendar/service.js';
import type { Db } from '../../src/db/connection.js';
import { findPersonalData } from '../../src/engine/personal-data.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { buildApp } from '../../src/server/app.js';
import { ensureDemoData } from '../../src/server/demo.js';
import { apiClient } from '../helpers/api.js';
import { ENGINES, freshDb } from '../helpers/databases.js';
import { APPLICATIONS } from '../helpers/fixtures.js';
import { REGISTRY } from '../../src/procedures/registry.js';

const TODAY = '2026-11-27';
const HOMESTEAD_FAMILY = ['homestead', 'homestead-transfer', 'homestead-reclaim', 'homestead-patrol'];
// A second county (滦平县) next to the demo's 隆化县.
const LP = { county: '滦平县', township: '长山峪镇', village: '长山峪村' };
const EXTRA_USERS = [
  { username: 'wangwu-lp', displayName: '王五（长山峪村村民）', role: 'applicant' as const, ...LP },
  { username: 'village-lp', displayName: '长山峪村协管员', role: 'village' as const, ...LP },
  { username: 'township-lp', displayName: '长山峪镇人民政府', role: 'township' as const, county: LP.county, township: LP.township },
  { username: 'county-lp', displayName: '滦平县农业农村局', role: 'county' as const, county: LP.county },
  { username: 'kj-lp', displayName: '滦平县科技管理部门', role: 'county_science' as const, county: LP.county, unit: '滦平县科学技术局' },
  { username: 'qiye-lp', displayName: '滦平某铁矿有限公司', role: 'enterprise' as const, county: LP.county, unit: '滦平某铁矿有限公司' },
  { username: 'cy-tgt', displayName: '钱玉芬（村医）', role: 'village_doctor' as const, county: '隆化县', township: '汤头沟镇' },
  { username: 'wsy-lp', displayName: '长山峪镇卫生院', role: 'health_centre' as const, county: LP.county, township: LP.township, unit: '长山峪镇卫生院' },
  { username: 'wjj-lp', displayName: '滦平县卫生健康局', role: 'county_health' as const, county: LP.county, unit: '滦平县卫生健康局' },
  { username: 'zjj-lp', displayName: '滦平县住房和城乡建设局', role: 'county_housing' as const, county: LP.county, unit: '滦平县住房和城乡建设局' },
  { username: 'fgj-lp', displayName: '滦平县发展和改革局', role: 'county_drc' as const, county: LP.county, unit: '滦平县发展和改革局' },
];
const PASSWORD = 'matrix-test-pass';
// Published on purpose: the 揭榜 榜单 (承市科规〔2022〕1号 第十条) and the 需求库 that shows it beside the 成果库 (承市政办字〔2022〕46号 四、（二））.
const PUBLIC_LISTS = ['/api/jiebang/list', '/api/science/library'];
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

type Place = { county: string; township: string; village: string };
interface Filed {
  id: string;
  procedure: string;
  place: Place;
  filer: string;
  parties: string[];
}

describe.each(ENGINES)('route × role access matrix on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  const users: Record<string, { role: string; county?: string | null; township?: string | null; village?: string | null }> = {};
  const cases: Filed[] = [];
  beforeAll(async () => {
    db = await freshDb(engine);
    const demo = await ensureDemoData(db);
    for (const u of EXTRA_USERS) await createUser(db, { ...u, password: PASSWORD });
    for (const u of [...demo, ...EXTRA_USERS]) users[u.username] = u;
    app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'matrix-admin', webRoot: '/nonexistent', today: () => TODAY });
    api = apiClient(app, 'matrix-admin');
    await api.signIn([...demo.map((u) => u.username), ...EXTRA_USERS.map((u) => [u.username, PASSWORD] as [string, string])]);

    const file = async (filer: string, procedure: string, application: any, place: Place) => {
      // Filed as paper applications received on their dates (the demo's cases are dated before TODAY).
      const c = await api.ok(api.file(filer, procedure, application, '测试：补录窗口收到的纸质申请'));
      const up = await app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/documents?kind=${c.documentKinds[0].kind}&name=x.png`,
        payload: PNG,
        headers: { ...api.as(filer), 'content-type': 'image/png' },
      });
      expect(up.statusCode, up.body).toBe(201);
      cases.push({ id: c.id, procedure, place, filer, parties: [] });
      return c;
    };
    const TGT = { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' };
    const HMY = { county: '隆化县', township: '韩麻营镇', village: '韩麻营村' };
    await file('zhangsan', 'homestead', APPLICATIONS.homestead.application, TGT);
    await file(
      'lisi',
      'homestead',
      deepMerge(baseApplication(), {
        applicationDate: '2026-11-02',
        applicant: { name: '李四', idNumber: '130825196001015018', phone: '13612345678', township: '韩麻营镇', village: '韩麻营村' },
        household: { members: [{ name: '李四', idNumber: '130825196001015018', relation: '本人' }] },
      }),
      HMY,
    );
    await file(
      'wangwu-lp',
      'homestead',
      deepMerge(baseApplication(), {
        applicationDate: '2026-11-02',
        applicant: { name: '王五', idNumber: '130824197702023019', phone: '13512345678', ...LP },
        household: { members: [{ name: '王五', idNumber: '130824197702023019', relation: '本人' }] },
      }),
      LP,
    );
    await file('zhangsan', 'homestead-transfer', APPLICATIONS['homestead-transfer'].application, TGT);
    await file('village-tgt', 'homestead-reclaim', APPLICATIONS['homestead-reclaim'].application, TGT);
    await file(
      'village-hmy',
      'homestead-patrol',
      { ...(APPLICATIONS['homestead-patrol'].application as object), township: '韩麻营镇', village: '韩麻营村' },
      HMY,
    );
    const jb = await file('qiye-a', 'jiebang', APPLICATIONS.jiebang.application, { county: '隆化县', township: '', village: '' });
    const jbApp = APPLICATIONS.jiebang.application as any;
    await file(
      'qiye-lp',
      'jiebang',
      { ...jbApp, demander: { ...jbApp.demander, unit: '滦平某铁矿有限公司', county: '滦平县', contact: { name: '孙工', phone: '13312345678' } } },
      { county: '滦平县', township: '', village: '' },
    );
    await file('qiye-b', 'baogan', APPLICATIONS.baogan.application, { county: '双桥区', township: '', village: '' });
    // 隆政办规〔2022〕1号: a register entry in each township (one of them the doctor's own), an exam of the county, a 个体卫生室 application.
    const doctor = (name: string, idNumber: string, place: Place, account?: string) => ({
      doctor: { name, idNumber },
      qualification: { certificate: 'village_doctor', certificateNo: `XC-${name}`, registeredOn: '2010-05-01' },
      basis: 'existing',
      posting: place,
      ...(account ? { account } : {}),
      enteredOn: '2026-11-02',
    });
    const own = await file('wsy-tgt', 'village-doctor-roster', doctor('钱玉芬', '130825196805061028', TGT, 'cy-tgt'), TGT);
    cases.at(-1)!.parties.push('cy-tgt');
    await file('wsy-hmy', 'village-doctor-roster', doctor('赵德山', '130825196803081017', HMY), HMY);
    await file('wjj-longhua', 'village-doctor-exam', REGISTRY.module('village-doctor-exam')!.example!.application, {
      county: '隆化县',
      township: '',
      village: '',
    });
    await file('wsy-tgt', 'village-doctor-clinic', { ...(REGISTRY.module('village-doctor-clinic')!.example!.application as object), rosterCase: own.id }, TGT);
    // 承市政办字〔2022〕48号: a project in 双桥区 and one in 滦平县, the county's 公租房 list and its yearly plan.
    const rental = REGISTRY.module('rental-housing')!.example!.application as any;
    const SQ = { county: '双桥区', township: '西大街街道', village: '西大街社区' };
    const LPU = { county: '滦平县', township: '中兴路街道', village: '桥东社区' };
    await file('qiye-zl', 'rental-housing', rental, SQ);
    await file('qiye-lp', 'rental-housing', { ...rental, place: LPU, owner: { ...rental.owner, name: '滦平某铁矿有限公司', phone: '13331400009' } }, LPU);
    await file('zjj-shuangqiao', 'rental-housing-public-rental', REGISTRY.module('rental-housing-public-rental')!.example!.application, {
      county: '双桥区',
      township: '',
      village: '',
    });
    await file(
      'zjj-lp',
      'rental-housing-plan',
      { ...(REGISTRY.module('rental-housing-plan')!.example!.application as object), county: '滦平县' },
      {
        county: '滦平县',
        township: '',
        village: '',
      },
    );
    // 承市政办字〔2022〕46号: an evaluation filed by an enterprise and a 科研诚信 record of the bureau.
    await file('qiye-a', 'science-evaluation', REGISTRY.module('science-evaluation')!.example!.application, { county: '', township: '', village: '' });
    await file('kjj', 'research-integrity', REGISTRY.module('research-integrity')!.example!.application, { county: '', township: '', village: '' });
    // qiye-b becomes a party to 隆化县's 揭榜 demand by applying to its published list.
    for (const [u, a, p] of [
      ['kj-longhua', 'recommend'],
      ['expert', 'score', { score: 80, conflictOfInterest: false, declaration: '无利害关系' }],
      ['kjj', 'conclude_review', { selected: true }],
      ['kjj', 'publish_list', { deadline: '2026-12-31' }],
    ] as [string, string, unknown?][])
      await api.ok(api.act(u, jb.id, a, TODAY, p));
    const challenge = {
      party: {
        unit: '河北某大学科研院',
        county: '双桥区',
        registeredInChengde: true,
        independentLegalPerson: true,
        creditClean3y: true,
        contact: { name: '钱工', phone: '13712340000' },
      },
      equityRelationWithDemander: false,
      plan: '保密的实施方案',
      ownIP: true,
      stableTeam: true,
    };
    await api.ok(api.act('qiye-b', jb.id, 'apply', TODAY, challenge));
    cases.find((c) => c.id === jb.id)!.parties.push('qiye-b');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** Who may see a case, written from the brief. */
  const expected = (username: string, c: Filed): boolean => {
    const u = users[username];
    const same = (levels: (keyof Place)[]) => levels.every((k) => c.place[k] !== '' && (u as any)[k] === c.place[k]);
    const rural = HOMESTEAD_FAMILY.includes(c.procedure);
    const doctors = c.procedure.startsWith('village-doctor');
    switch (u.role) {
      case 'admin':
        return true;
      case 'applicant':
      case 'enterprise':
        return c.filer === username || c.parties.includes(username);
      case 'village':
        return rural && same(['county', 'township', 'village']);
      case 'township':
        return rural && same(['county', 'township']);
      case 'county':
        return rural && same(['county']);
      case 'county_science':
        return c.procedure === 'jiebang' && same(['county']);
      case 'science_bureau':
        return ['jiebang', 'baogan', 'science-evaluation', 'research-integrity'].includes(c.procedure);
      // Experts review demands and evaluations; the 科研诚信 record is the bureau's alone.
      case 'expert':
        return c.procedure === 'jiebang' || c.procedure === 'science-evaluation';
      // 隆政办规〔2022〕1号 is 隆化县's: its health centres see their township (an exam: their county), the bureau its county,
      // the 行政审批局 what is handed to it, the doctor his own entry.
      case 'health_centre':
        return doctors && same(c.procedure === 'village-doctor-exam' ? ['county'] : ['county', 'township']);
      case 'county_health':
        return doctors && same(['county']);
      // 48号: the leading group's departments see their county's projects (三、（二）); the housing department also
      // its 公租房 list and yearly plans; the city bureau every county (四、（二）).
      case 'county_approval':
        return (c.procedure === 'village-doctor-clinic' || c.procedure === 'rental-housing') && same(['county']);
      case 'county_drc':
      case 'county_finance':
      case 'county_nrp':
        return c.procedure === 'rental-housing' && same(['county']);
      case 'county_housing':
        return c.procedure.startsWith('rental-housing') && same(['county']);
      case 'city_housing':
        return c.procedure.startsWith('rental-housing');
      case 'village_doctor':
        return c.procedure === 'village-doctor-roster' && c.parties.includes(username);
      default:
        return false;
    }
  };

  it('answers no case, list, archive, document, certificate or action to anyone outside the declaration; no 5xx; no unmasked personal data', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json();
    const callers = ['anonymous', ...Object.keys(users)];
    const leaks: string[] = [];
    const errors: string[] = [];
    const unmasked: string[] = [];
    let cells = 0;
    const headers = (u: string) => (u === 'anonymous' ? {} : api.as(u));
    const scan = async (label: string, r: { headers: Record<string, any>; body: string; rawPayload: Buffer }) => {
      let text = r.body;
      if (String(r.headers['content-type'] ?? '').includes('spreadsheetml')) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(r.rawPayload as any);
        text = wb.worksheets
          .flatMap((ws) =>
            ws
              .getSheetValues()
              .flat()
              .map((v) => JSON.stringify(v ?? '')),
          )
          .join(' ');
      } else if (String(r.headers['content-type'] ?? '').includes('pdf')) return; // certificates: see below
      for (const v of findPersonalData(text)) unmasked.push(`${label}: ${v}`);
    };
    const docs: Record<string, string> = {};
    for (const c of cases) docs[c.id] = (await api.ok(app.inject({ url: `/api/cases/${c.id}/documents`, headers: api.as('admin') }))).items[0].sha256;
    const actionOf: Record<string, string> = {};
    for (const c of cases) {
      const info = await api.ok(app.inject({ url: `/api/procedures/${c.procedure}` }));
      actionOf[c.id] = info.actions.find((a: any) => a.id !== 'apply').id;
    }

    for (const [path, ops] of Object.entries<any>(spec.paths)) {
      if (path === '/api/auth/logout') continue; // it would end the callers' sessions; it touches no case
      for (const method of Object.keys(ops)) {
        const caseScoped = path.startsWith('/api/cases/{id}');
        for (const c of caseScoped ? cases : [null]) {
          const url = path
            .replace('{id}', c?.id ?? 'x')
            .replace('{action}', c ? actionOf[c.id] : 'x')
            .replace('{certificate}', 'homestead-approval')
            .replace('{sha256}', c ? docs[c.id] : 'x')
            .replace('{procedure}', 'homestead')
            .replace('{year}', '2031')
            .replace(/\{[^}]+\}/g, 'x');
          for (const who of callers) {
            cells++;
            const isUpload = path.endsWith('/documents') && method === 'post';
            const r = await app.inject({
              method: method.toUpperCase() as any,
              url: isUpload
                ? `${url}?kind=${c!.procedure === 'homestead-reclaim' ? 'evidence' : 'other'}&name=y.png`
                : path === '/api/cases'
                  ? `${url}?pageSize=200`
                  : url,
              headers: { ...headers(who), ...(isUpload ? { 'content-type': 'image/png' } : {}) },
              ...(method === 'get' ? {} : { payload: isUpload ? PNG : path.includes('/actions/') ? { version: 1, payload: {} } : {} }),
            });
            const label = `${method.toUpperCase()} ${url} as ${who}`;
            if (r.statusCode >= 500) errors.push(`${label} → ${r.statusCode} ${r.body.slice(0, 100)}`);
            await scan(label, r);
            if (who === 'anonymous') {
              if (caseScoped && r.statusCode !== 401) leaks.push(`${label} → ${r.statusCode}`);
              continue;
            }
            if (c) {
              // "Not yours" answers exactly like "does not exist"; other 404s (no such certificate) are about the route's subject.
              const hidden = r.statusCode === 404 && /^案件不存在/.test(r.json().message ?? '');
              const may = expected(who, c);
              if (!may && !hidden) leaks.push(`${label} → ${r.statusCode} (expected 404 案件不存在)`);
              if (may && hidden) leaks.push(`${label} → 404 although the brief lets ${who} see it`);
            } else if (r.statusCode < 300 && !PUBLIC_LISTS.includes(path)) {
              // Lists: every case named in the answer must be one the caller may see.
              for (const other of cases) if (r.body.includes(other.id) && !expected(who, other)) leaks.push(`${label} lists ${other.id} (${other.procedure})`);
              if (path === '/api/cases') {
                const seen = new Set((r.json().items as { id: string }[]).map((i) => i.id));
                for (const other of cases) if (expected(who, other) && !seen.has(other.id)) leaks.push(`${label} omits ${other.id} (${other.procedure})`);
              }
            }
          }
        }
      }
    }
    // A figure for the note, not an assertion.
    console.log(
      `access matrix on ${engine}: ${cells} route × caller × case cells, ${leaks.length} leaks, ${errors.length} 5xx, ${unmasked.length} unmasked values`,
    );
    expect(errors).toEqual([]);
    expect(leaks).toEqual([]);
    expect(unmasked).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
    // Every route × every caller × every case: it grows with each module (15,000 cells by now), so it gets more time than one test.
  }, 300_000);

  it('keeps a challenger’s plan from competitors and the experts’ identities from the parties (揭榜挂帅)', async () => {
    const jb = cases.find((c) => c.procedure === 'jiebang' && c.filer === 'qiye-a')!;
    await createUser(db, {
      username: 'qiye-d',
      password: PASSWORD,
      displayName: '另一揭榜单位',
      role: 'enterprise',
      county: '双桥区',
      unit: '承德某装备有限公司',
    });
    await api.signIn([['qiye-d', PASSWORD]]);
    const challenge = {
      party: {
        unit: '承德某装备有限公司',
        county: '双桥区',
        registeredInChengde: true,
        independentLegalPerson: true,
        creditClean3y: true,
        contact: { name: '周工', phone: '13787654321' },
      },
      equityRelationWithDemander: false,
      plan: '竞争者的方案',
      ownIP: true,
      stableTeam: true,
    };
    await api.ok(api.act('qiye-d', jb.id, 'apply', TODAY, challenge));
    const asCompetitor = await api.ok(api.get('qiye-d', jb.id));
    const text = JSON.stringify(asCompetitor);
    expect(text).not.toContain('保密的实施方案'); // qiye-b's plan
    expect(text).toContain('竞争者的方案'); // its own
    expect(text).not.toContain('王教授');
    expect(asCompetitor.record.challengers).toHaveLength(1);
    expect(asCompetitor.record.scores.every((s: any) => s.score === undefined && /^评审专家 \d+$/.test(s.expert))).toBe(true);
    const asDemander = await api.ok(api.get('qiye-a', jb.id));
    expect(asDemander.record.challengers.map((c: any) => c.challenge.plan).sort()).toEqual(['保密的实施方案', '竞争者的方案']);
    expect(JSON.stringify(asDemander)).not.toContain('王教授');
    const asBureau = await api.ok(api.get('kjj', jb.id));
    expect(asBureau.record.scores[0]).toMatchObject({ score: 80, expert: expect.stringContaining('王教授') });
  });
});
