// The CLI contract: bin/zhengwu.js, run as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    expect(out.documents[13]).toMatchObject({ kind: 'notice', number: '隆政发〔2022〕11号', date: '2022-07-04', validFrom: '2022-07-04', validUntil: '2024-07-03', interprets: null });
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

  it('an unknown command prints usage and exits 2', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/未知命令/);
  });
});
