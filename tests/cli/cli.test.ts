// The CLI contract: bin/zhengwu.js, run as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDemoData } from '../../src/server/demo.js';
import { openCalendar } from '../../src/calendar/service.js';
import { openDb } from '../../src/db/connection.js';
import { CaseEngine } from '../../src/engine/cases.js';
// Every module brings its own demo accounts: the counts follow the registry.
import { DEMO_ACCOUNTS, PROCEDURES } from '../../src/procedures/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'zhengwu-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/zhengwu.js', ...args], { env, encoding: 'utf8' });

describe('zhengwu CLI', () => {
  it('gazette parse --json prints the issue and its documents in gazette order', () => {
    const r = run('gazette', 'parse', 'data/gazettes/2022-04.txt', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.issue.number).toBe('2022年第4号');
    expect(out.documents).toHaveLength(17);
    for (const d of out.documents) {
      for (const key of ['kind', 'number', 'title', 'issuer', 'date', 'recipients', 'interprets', 'validFrom', 'validUntil']) expect(d).toHaveProperty(key);
    }
    expect(out.documents[13]).toMatchObject({
      kind: 'notice',
      number: '隆政发〔2022〕11号',
      date: '2022-07-04',
      validFrom: '2022-07-04',
      validUntil: '2024-07-03',
      interprets: null,
    });
    expect(out.documents[16]).toMatchObject({ kind: 'interpretation', number: null, date: null, interprets: '承市政办字〔2022〕51号' });
  });

  it('gazette ingest is idempotent and gazette search --json finds text', () => {
    const a = run('gazette', 'ingest', 'data/gazettes/2022-04.txt');
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/已导入：2022年第4号，17 篇/);
    const b = run('gazette', 'ingest', 'data/gazettes/2022-04.txt');
    expect(b.stdout).toMatch(/未变化/);
    const s = run('gazette', 'search', '宅基', '--json');
    expect(s.status).toBe(0);
    const res = JSON.parse(s.stdout);
    expect(res.total).toBeGreaterThan(0);
    expect(res.items[0].snippet).toContain('<mark>宅基</mark>');
  });

  it('gazette ingest DIR ingests every issue of a folder, a line per file, and sums up what was new, unchanged or refused', () => {
    const folder = mkdtempSync(join(tmpdir(), 'zhengwu-cli-archive-'));
    const sample = readFileSync('data/gazettes/2022-04.txt', 'utf8');
    writeFileSync(join(folder, '2022-04.txt'), sample);
    writeFileSync(join(folder, '2023-02.txt'), sample.replace('2022 年第 4 号', '2023 年第 2 号').replace(/〔2022〕/g, '〔2023〕'));
    writeFileSync(join(folder, '封面.txt'), '承德市人民政府公报\n\n2024 年第 1 号\n');
    const r = run('gazette', 'ingest', folder);
    expect(r.status).toBe(1); // a file was refused
    expect(r.stdout).toContain('[1/3] 2022-04.txt：未变化 2022年第4号，17 篇');
    expect(r.stdout).toContain('[2/3] 2023-02.txt：新增 2023年第2号，17 篇');
    expect(r.stdout).toMatch(/\[3\/3\] 封面\.txt：拒收（未在文件中找到任何公文/);
    expect(r.stdout).toContain('共 3 个文件：新增 1，已更新 0，未变化 1，拒收 1。');
    const json = JSON.parse(run('gazette', 'ingest', folder, '--json').stdout);
    expect(json).toMatchObject({ created: 0, unchanged: 2, refused: 1 });
    expect(run('gazette', 'ingest', join(folder, 'none')).stderr).toMatch(/文件不存在/);
  });

  it('workdays add counts on the official calendar', () => {
    const r = run('workdays', 'add', '2026-09-28', '5');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('2026-10-10');
  });

  it('loads a newly published year from a file', () => {
    const f = join(dir, '2027.json');
    writeFileSync(f, JSON.stringify({ holidays: { '2027-01-01': '元旦' }, workdays: {} }));
    const before = run('workdays', 'add', '2026-12-31', '1');
    expect(before.status).toBe(1);
    expect(before.stderr).toMatch(/2027 年的节假日安排尚未收录/);
    const load = run('workdays', 'load-year', f);
    expect(load.status).toBe(0);
    expect(run('workdays', 'add', '2026-12-31', '1').stdout.trim()).toBe('2027-01-04');
  });

  it.each([
    [['gazette', 'parse', '/nonexistent/file.txt'], /文件不存在/],
    [['gazette', 'ingest', 'package.json'], /不是政府公报/],
    [['gazette', 'parse', '/usr/bin/env'], /不是文本文件/],
    [['workdays', 'add', '2026-13-01', '5'], /格式不正确|不存在/],
    [['workdays', 'add', '2030-01-02', '5'], /尚未收录/],
    [['workdays', 'add', '2026-01-02', 'five'], /无效/],
  ])('bad input %j: a Chinese message, non-zero exit, no stack trace', (args, message) => {
    const r = run(...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['gazette', 'search', '宅基', '--bogus'], 2, /^错误：未知选项：--bogus。/],
    [['gazette', 'search', '-宅基'], 2, /^错误：未知选项：-宅基。/],
    [['gazette', 'search', '宅基', '--page'], 2, /^错误：选项 --page 缺少取值/],
    [['gazette', 'search', '宅基', '--page', '-3'], 2, /^错误：选项 --page 的值“-3”无效，应为 1 到 10000 之间的整数/],
    [['gazette', 'search', '宅基', '--page', 'abc'], 2, /^错误：选项 --page 的值“abc”无效/],
    [['gazette', 'search', '宅基', '--json=yes'], 2, /^错误：选项 --json 不带取值/],
    [['serve', '--port', 'abc'], 2, /^错误：选项 --port 的值“abc”无效/],
    // The calendar counts forward only: a negative count is refused, not read as an option.
    [['workdays', 'add', '2026-01-05', '-3'], 1, /^错误：工作日数不能为负数（“-3”）.*不支持向前倒推/],
    [['workdays', 'add', '2026-01-05', '-35'], 1, /^错误：工作日数不能为负数（“-35”）/],
  ])('bad option or number %j: one line in Chinese, exit %i, no stack trace', (args, code, message) => {
    const r = run(...args);
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('users, demo and admin-token: add and list users, remove the demo data with one command, rotate the token', () => {
    const own = { ...env, DATABASE_URL: `sqlite:${join(dir, 'accounts.sqlite')}` };
    const cli = (input: string | undefined, ...args: string[]) =>
      spawnSync(process.execPath, ['bin/zhengwu.js', ...args], { env: own, encoding: 'utf8', input });
    expect(cli(undefined, 'demo', 'add').stdout).toMatch(new RegExp(`已创建 ${DEMO_ACCOUNTS.length} 个【演示】账号`));
    const user = join(dir, 'user.json');
    writeFileSync(
      user,
      JSON.stringify({
        username: 'lh-township',
        password: 'a-long-passphrase',
        displayName: '汤头沟镇人民政府',
        role: 'township',
        county: '隆化县',
        township: '汤头沟镇',
      }),
    );
    expect(cli(undefined, 'users', 'add', user).stdout).toMatch(/已新增用户 lh-township（乡镇人民政府（街道办事处））/);
    const again = cli(undefined, 'users', 'add', user);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe('错误：用户名 lh-township 已存在。');
    expect(cli('another-long-passphrase\n', 'users', 'passwd', 'lh-township').stdout).toMatch(/已重置 lh-township 的密码/);
    const short = cli('short\n', 'users', 'passwd', 'lh-township');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/密码至少 10 位/);
    expect(cli(undefined, 'users', 'list').stdout).toMatch(new RegExp(`共 ${DEMO_ACCOUNTS.length + 1} 个用户`));
    expect(cli(undefined, 'demo', 'remove').stdout).toMatch(new RegExp(`已删除 ${DEMO_ACCOUNTS.length} 个【演示】账号.*删除 1 条【演示】依据文件记录`));
    const list = cli(undefined, 'users', 'list').stdout;
    expect(list).toMatch(/lh-township/);
    expect(list).not.toMatch(/【演示】/);
    const rotated = cli(undefined, 'admin-token', 'rotate');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout.trim()).toMatch(/^zw_[A-Za-z0-9_-]{32}$/);
    expect(rotated.stderr).toMatch(/旧令牌已失效/);
  });

  it('homestead schema prints the JSON Schema of an application', () => {
    const r = run('homestead', 'schema');
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['applicant', 'plot', 'building']));
  });

  it('homestead assess prints the decision with cited articles', () => {
    const base = JSON.parse(readFileSync('src/procedures/homestead/cases/_base.json', 'utf8'));
    const f = join(dir, 'case.json');
    writeFileSync(f, JSON.stringify({ ...base, plot: { ...base.plot, area: 250 }, building: { ...base.building, investment: 120 } }));
    const r = run('homestead', 'assess', f, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('ineligible');
    // 第二十条第二款: a permit only when both limits are reached (120 万元 but 220 m²: not both).
    expect(out.needsConstructionPermit).toBe(false);
    expect(out.findings.find((x: any) => x.rule === 'construction_permit').message).toMatch(
      /工程投资额 120 万元达到 100 万元，建筑面积 220 平方米未达到 500 平方米/,
    );
    expect(out.findings.find((x: any) => x.outcome === 'fail')).toMatchObject({
      citation: { document: '隆政发〔2022〕11号', article: '第十八条', item: null },
    });
    expect(out.governingDocumentStatus).toMatchObject({ document: '隆政发〔2022〕11号', status: 'in_force', validUntil: '2024-07-03' });
    // Dated after 2024-07-03 with no extension in this database: the status cites 第三十五条 and blocks decisions.
    const late = join(dir, 'late.json');
    writeFileSync(late, JSON.stringify({ ...base, applicationDate: '2026-03-02' }));
    const l = run('homestead', 'assess', late, '--json');
    expect(JSON.parse(l.stdout).governingDocumentStatus).toMatchObject({
      status: 'expired',
      decisionsAllowed: false,
      validityCites: '隆政发〔2022〕11号 第三十五条',
    });
    expect(run('homestead', 'assess', late).stdout).toMatch(/⚠ 隆政发〔2022〕11号 已于 2024-07-03 失效.*第三十五条/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...base, applicant: { ...base.applicant, idNumber: '123' } }));
    const b = run('homestead', 'assess', bad, '--json');
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/applicant\.idNumber/);
  });

  it('rental-housing schema and assess --json: recognisable, findings in the homestead shape, benefits with their articles (承市政办字〔2022〕48号)', () => {
    const schema = JSON.parse(run('rental-housing', 'schema').stdout);
    expect(schema.required).toEqual(expect.arrayContaining(['owner', 'place', 'kind', 'units', 'rent', 'filedOn']));
    const base = JSON.parse(readFileSync('src/procedures/rental-housing/cases/_base.json', 'utf8'));
    const f = join(dir, 'project.json');
    writeFileSync(f, JSON.stringify(base));
    const r = run('rental-housing', 'assess', f, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['recognisable', 'findings', 'benefits']);
    expect(out.recognisable).toBe(true);
    expect(Object.keys(out.findings[0])).toEqual(['rule', 'outcome', 'citation', 'message']);
    expect(out.benefits).toContainEqual({
      name: '用水、用电、用气价格按照居民标准执行',
      citation: { document: '承市政办字〔2022〕48号', article: '三、（五）', item: null },
    });
    // Rent equal to the market rent: not recognisable, no benefits, the article named.
    writeFileSync(f, JSON.stringify({ ...base, rent: { ...base.rent, planned: 25 } }));
    const eq = JSON.parse(run('rental-housing', 'assess', f, '--json').stdout);
    expect(eq).toMatchObject({ recognisable: false, benefits: [] });
    expect(eq.findings.find((x: any) => x.outcome === 'fail')).toMatchObject({ rule: 'rent_below_market', citation: { article: '二、（二）' } });
    expect(run('rental-housing', 'assess', f).stdout).toMatch(/不符合认定条件[\s\S]*✗ 计划租金 25 元\/平方米·月，不低于市场租金/);
    writeFileSync(f, JSON.stringify({ ...base, units: [] }));
    const bad = run('rental-housing', 'assess', f, '--json');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/units/);
  });

  it('audit verify reports an intact chain with exit 0', () => {
    const r = run('audit', 'verify');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/审计链完整/);
  });

  it('audit verify names an edited event and exits non-zero', async () => {
    const db = await openDb(env.DATABASE_URL);
    try {
      await ensureDemoData(db);
      const calendar = await openCalendar(db);
      const engine = new CaseEngine({ db, calendar: () => calendar.calendar(), procedures: PROCEDURES, today: () => '2026-11-27' });
      const u = await db.kysely.selectFrom('users').select('id').where('username', '=', 'zhangsan').executeTakeFirstOrThrow();
      const actor = {
        id: Number(u.id),
        username: 'zhangsan',
        name: '张三',
        role: 'applicant' as const,
        county: '隆化县',
        township: '汤头沟镇',
        village: '大汤头沟村',
        unit: null,
      };
      await engine.create('homestead', actor, {
        ...JSON.parse(readFileSync('src/procedures/homestead/cases/_base.json', 'utf8')),
        applicationDate: '2026-03-02',
      });
      expect(run('audit', 'verify').status).toBe(0);
      await db.kysely.updateTable('case_events').set({ actor_name: '李四' }).where('seq', '=', 1).execute();
    } finally {
      await db.close();
    }
    const r = run('audit', 'verify');
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/事件 #1.*被修改/);
  });

  it('jiebang funding prints the ceiling, tranches and recipient with citations; jiebang schema prints the input schema', () => {
    const f = join(dir, 'agreement.json');
    writeFileSync(f, JSON.stringify({ type: 'tech_breakthrough', agreementAmount: 10000000, firstPayment: 2500000, demander: '承德钒钛新材料有限公司' }));
    const r = run('jiebang', 'funding', f, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ceiling).toMatchObject({ amount: 2000000, citation: { document: '承市科规〔2022〕1号', article: '第十六条', item: '第二款' } });
    expect(out.firstTranche.amount).toBe(500000);
    expect(out.remainder.amount).toBe(1500000);
    expect(out.recipient).toMatchObject({ party: 'demander', name: '承德钒钛新材料有限公司', citation: { article: '第十三条' } });
    const schema = JSON.parse(run('jiebang', 'schema').stdout);
    expect(schema.properties.type.enum).toEqual(['tech_breakthrough', 'achievement_transfer']);
    writeFileSync(f, JSON.stringify({ type: 'tech_breakthrough', agreementAmount: -1 }));
    const bad = run('jiebang', 'funding', f);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/agreementAmount/);
  });

  it('plans indicators --json and plans report --xlsx keep their contract', () => {
    const r = run('plans', 'indicators', '--json');
    expect(r.status).toBe(0);
    const indicators = JSON.parse(r.stdout);
    expect(indicators.length).toBeGreaterThan(100);
    for (const i of indicators) {
      for (const k of ['document', 'name', 'unit', 'baseline', 'target', 'attribute', 'citation']) expect(i).toHaveProperty(k);
      for (const k of ['year', 'value', 'text']) {
        expect(i.baseline).toHaveProperty(k);
        expect(i.target).toHaveProperty(k);
      }
      expect(i.target.value === null || typeof i.target.value === 'number').toBe(true);
    }
    expect(indicators.find((i: any) => i.name === '单位地区生产总值能耗' && i.document === '承市政字〔2022〕26号').target).toMatchObject({
      year: 2025,
      value: 17.5,
      text: '比2020年下降17.5%',
    });
    const f = join(dir, 'report.xlsx');
    const rep = run('plans', 'report', '--year', '2025', '--xlsx', f);
    expect(rep.status).toBe(0);
    expect(readFileSync(f).subarray(0, 2).toString()).toBe('PK');
    const bad = run('plans', 'report', '--year', 'abc', '--xlsx', f);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown command prints usage and exits 2', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/未知命令/);
  });
});
