// The list of issues (the home page's first call): paged, newest first, and read without the source
// text, which lives in gazette_sources (migration 0016) and follows its issue when it is replaced.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { decompressSource } from '../../src/gazette/source.js';
import { ingestGazette } from '../../src/gazette/store.js';
import { testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');
/** The sample as another issue of the same year, every 文号 of it renumbered into another year. */
const renumbered = (serial: number) => SAMPLE.replace('2022 年第 4 号', `2022 年第 ${serial} 号`).replace(/〔2022〕/g, `〔${2100 + serial}〕`);

describe.each(ENGINES)('list of issues on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { demo: 'none' });
    ({ db, app } = platform);
    for (const text of [SAMPLE, renumbered(5), renumbered(6)]) expect((await ingestGazette(db, Buffer.from(text))).status).toBe('created');
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('pages the issues newest first, keeping the shape the home page reads', async () => {
    const all = (await app.inject({ url: '/api/issues' })).json();
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(all.items.map((i: any) => i.id)).toEqual(['2022年第6号', '2022年第5号', '2022年第4号']);
    expect(all.items[0]).toMatchObject({ number: '2022年第6号', title: '承德市人民政府公报' });
    expect(all.items[0].toc).toHaveLength(5);
    expect(all.items[0].ingestedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Object.keys(all.items[0]).sort()).toEqual(['editor', 'id', 'ingestedAt', 'number', 'title', 'toc', 'warnings']);
    const second = (await app.inject({ url: '/api/issues?page=2&pageSize=2' })).json();
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((i: any) => i.id)).toEqual(['2022年第4号']);
    expect((await app.inject({ url: '/api/issues?pageSize=0' })).statusCode).toBe(400);
  });

  it('keeps each source text once (compressed), apart from the list, and replaces it with its issue', async () => {
    const sources = async () =>
      (await db.kysely.selectFrom('gazette_sources').select(['issue_id', 'text_gzip']).orderBy('issue_id').execute()).map((r) => [
        r.issue_id,
        decompressSource(r.text_gzip).length,
      ]);
    expect(await sources()).toEqual([
      ['2022年第4号', SAMPLE.length],
      ['2022年第5号', renumbered(5).length],
      ['2022年第6号', renumbered(6).length],
    ]);
    const corrected = renumbered(5).replace('加快建设京津冀水源涵养功能区', '加快建设京津冀水源涵养功能区（更正）');
    expect((await ingestGazette(db, Buffer.from(corrected))).status).toBe('replaced');
    expect((await sources())[1]).toEqual(['2022年第5号', corrected.length]);
    expect(await sources()).toHaveLength(3);
  });
});
