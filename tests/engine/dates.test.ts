// One date type everywhere: impossible days, days outside the calendar and ID numbers with impossible
// birth dates are refused with a clear message and store nothing, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { isoDate, isRealDate } from '../../src/calendar/dates.js';
import type { Db } from '../../src/db/connection.js';
import { IdNumberSchema } from '../../src/engine/personal-data.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

/** A valid GB 11643 number for a birth date (check digit computed). */
function idBornOn(yyyymmdd: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const base = `130825${yyyymmdd}301`;
  const sum = [...base].reduce((s, d, i) => s + W[i] * Number(d), 0);
  return base + '10X98765432'[sum % 11];
}

describe('the date type', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-00-00', false],
    ['2026-13-01', false],
    ['2026-2-3', false],
    ['20260203', false],
  ])('%s is a real day: %s', (text, real) => {
    expect(isRealDate(text)).toBe(real);
    expect(isoDate('申请日期').safeParse(text).success).toBe(real);
  });
  it('says which day does not exist', () => {
    expect(isoDate('申请日期').safeParse('2026-02-30').error!.issues[0].message).toBe('申请日期“2026-02-30”不存在，请检查年月日');
    expect(isoDate('申请日期').safeParse('1800-01-01').error!.issues[0].message).toBe('申请日期应在 1900 年至 2100 年之间');
  });
  it('refuses ID numbers whose check digit is right but whose birth date is impossible for an applicant', () => {
    expect(IdNumberSchema.safeParse(idBornOn('19850315')).success).toBe(true);
    expect(IdNumberSchema.safeParse(idBornOn('20900101')).error!.issues[0].message).toMatch(/出生日期不合理/);
    expect(IdNumberSchema.safeParse(idBornOn('18000101')).error!.issues[0].message).toMatch(/出生日期不合理/);
  });
});

describe.each(ENGINES)('dates through the API on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: '2026-11-27', users: ['zhangsan', 'village-tgt', 'admin'] });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const count = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses impossible application dates, days the calendar does not cover, and impossible birth dates; stores nothing', async () => {
    const before = await count();
    for (const [date, status, message] of [
      ['2026-02-30', 400, /申请日期“2026-02-30”不存在/],
      ['2026-00-00', 400, /申请日期“2026-00-00”不存在/],
      ['1999-03-01', 422, /申请日期 1999-03-01 无法受理/],
    ] as const) {
      const r = await api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: date }));
      expect(r.statusCode, date).toBe(status);
      expect(r.json().message).toMatch(message);
    }
    const id = idBornOn('20900101');
    const born = await api.file(
      'zhangsan',
      'homestead',
      deepMerge(baseApplication(), {
        applicationDate: '2026-11-02',
        applicant: { idNumber: id },
        household: { members: [{ name: '张三', idNumber: id, relation: '本人' }] },
      }),
    );
    expect(born.statusCode).toBe(400);
    expect(born.json().message).toMatch(/出生日期不合理/);
    expect(await count()).toBe(before);
  });

  it('refuses an impossible action date and an impossible governance date', async () => {
    const c = await api.ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2026-11-02' })));
    const r = await api.act('village-tgt', c.id, 'accept_complete', '2026-11-31');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/办理日期“2026-11-31”不存在/);
    expect((await api.ok(api.get('zhangsan', c.id))).version).toBe(1);
    const g = await app.inject({
      method: 'POST',
      url: '/api/procedures/homestead/governance',
      headers: api.as('admin'),
      payload: { kind: 'extension', document: '隆政发〔2024〕9号', validUntil: '2026-02-30' },
    });
    expect(g.statusCode).toBe(400);
    expect(g.json().message).toMatch(/2026-02-30.*不存在/);
  });
});
