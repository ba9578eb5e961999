// `zhengwu plans …` as a function; tests/cli/cli.test.ts runs the contract through bin/zhengwu.js.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { openDb } from '../../src/db/connection.js';
import { plansCli, PlansCliError } from '../../src/plans/cli.js';

describe('plans CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-plans-cli-'));
  const saved = process.env.DATABASE_URL;
  let out = '';
  beforeAll(async () => {
    process.env.DATABASE_URL = `sqlite:${join(dir, 'cli.sqlite')}`;
    await (await openDb()).close();
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += a.join(' ') + '\n'));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    process.env.DATABASE_URL = saved;
  });

  it('plans indicators --json: the contract fields', async () => {
    out = '';
    expect(await plansCli(['indicators'], { json: true })).toBe(0);
    const list = JSON.parse(out);
    expect(list.length).toBeGreaterThan(100);
    const energy = list.find((i: any) => i.document === '承市政字〔2022〕26号' && i.name === '单位地区生产总值能耗');
    expect(energy).toMatchObject({
      unit: '%',
      baseline: { year: 2020, value: 0 },
      target: { year: 2025, value: 17.5, text: '比2020年下降17.5%' },
      attribute: null,
    });
    expect(energy.citation.text).toBe('承市政字〔2022〕26号 二、');
    const science = list.find((i: any) => i.name === '公民具备科学素质的比例');
    expect(science.target).toEqual({ year: 2025, value: 15, text: '15%' });
  });

  it('plans report --year 2025 --xlsx FILE writes the workbook', async () => {
    const file = join(dir, 'report.xlsx');
    expect(await plansCli(['report'], { year: '2025', xlsx: file })).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    expect(wb.getWorksheet('总体情况')!.getCell('A1').value).toBe('承德市规划实施2025年度监测报告（终期评估）');
  });

  it('refuses a missing year or file with one Chinese line', async () => {
    await expect(plansCli(['report'], { xlsx: 'x.xlsx' })).rejects.toThrow(PlansCliError);
    await expect(plansCli(['report'], { year: '2025' })).rejects.toThrow(/--xlsx/);
    await expect(plansCli(['nope'], {})).rejects.toThrow(/未知命令/);
  });

  it('plans land: all checks agree', async () => {
    out = '';
    expect(await plansCli(['land'], {})).toBe(0);
    expect(out).toMatch(/项一致，0 项不一致/);
  });
});
