// Procedure modules: a synthetic procedure (tests/fixtures/procedures/test-street-service) with two new roles
// and an urban area path is added with one line — a registry built from the real modules plus it — and is
// filed, listed in the right inbox only, and acted on, through the HTTP API; definitions with defects are
// refused at start-up; a case left in a state a newer definition dropped gets a clear refusal, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDefinition, type ProcedureDefinition } from '../../src/engine/procedure.js';
import { buildRegistry, MODULES } from '../../src/procedures/registry.js';
import { streetServiceModule, streetServiceProcedure } from '../fixtures/procedures/test-street-service/index.js';
import { testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const registry = buildRegistry([...MODULES, streetServiceModule]);

const application = (over: Record<string, unknown> = {}) => ({
  applicationDate: '2026-11-23',
  resident: { name: '王五', idNumber: '11010519491231002X', phone: '13912345678' },
  county: '双桥区',
  township: '西大街街道',
  village: '西大街社区居民委员会',
  service: 'elderly_meal',
  households: 3,
  ...over,
});

describe('definitions are validated at start-up', () => {
  const base = streetServiceProcedure;
  const broken: [string, Partial<ProcedureDefinition<any, any>>, RegExp][] = [
    [
      'an action leading to a state that does not exist',
      { actions: base.actions.map((a) => (a.id === 'forward' ? { ...a, to: 'nowhere' } : a)) },
      /unknown state nowhere/,
    ],
    [
      'a decide function without its declared next states',
      { actions: base.actions.map((a) => (a.id === 'decide' ? { ...a, next: undefined } : a)) },
      /declares no next state/,
    ],
    [
      'a role nobody registered',
      { actions: base.actions.map((a) => (a.id === 'forward' ? { ...a, roles: ['street_sweeper'] } : a)) },
      /unknown role street_sweeper/,
    ],
    ['a state that cannot be reached', { states: [...base.states, { id: 'limbo', label: '悬置', actor: 'community' }] }, /limbo cannot be reached/],
    [
      'a state with no way out',
      { states: base.states.map((s) => (s.id === 'registered' ? { ...s, terminal: false } : s)) },
      /registered is not terminal and has no way out/,
    ],
    [
      'a 公示 shorter than 5 days',
      { states: base.states.map((s) => (s.id === 'community_review' ? { ...s, limit: { ...s.limit!, kind: 'minimum' as const, workdays: 3 } } : s)) },
      /minimum period shorter than 5/,
    ],
    [
      'an extension on a minimum period',
      { states: base.states.map((s) => (s.id === 'street_review' ? { ...s, limit: { ...s.limit!, kind: 'minimum' as const } } : s)) },
      /only a deadline can be extended/,
    ],
  ];
  it.each(broken)('refuses %s', (_name, change, message) => {
    expect(() => validateDefinition({ ...base, ...change } as ProcedureDefinition<any, any>)).toThrow(message);
  });
  it('accepts every registered procedure and the synthetic one', () => {
    for (const m of registry.modules) expect(() => validateDefinition(m.definition)).not.toThrow();
    expect([...registry.procedures.keys()]).toContain('test-street-service');
  });
  it('refuses a module registered twice', () => {
    expect(() => buildRegistry([...MODULES, streetServiceModule, streetServiceModule])).toThrow(/registered twice/);
  });
});

describe.each(ENGINES)('a synthetic procedure module on %s', (engine) => {
  let p: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    p = await testPlatform(engine, {
      registry,
      users: ['test-resident', 'test-community-xdj', 'test-street-xdj', 'test-street-tdpl', 'township-tgt', 'county'],
    });
  });
  afterAll(async () => p?.close());

  it('publishes the procedure, its roles and its urban area labels in the registry', async () => {
    const r = await p.api.ok(p.app.inject({ url: '/api/registry' }));
    const entry = r.procedures.find((x: { id: string }) => x.id === 'test-street-service');
    expect(entry).toMatchObject({
      name: '【测试】街道便民服务登记',
      areaLabels: { county: '县（区）', township: '街道', village: '社区' },
      filedBy: [
        { id: 'applicant', label: '申请人' },
        { id: 'community', label: '社区居民委员会' },
      ],
    });
    expect(r.roles).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'street_office', label: '街道办事处', level: 'township' })]));
    // The schemas the generic screens draw from: labels and widgets travel with them.
    const info = await p.api.ok(p.app.inject({ url: '/api/procedures/test-street-service' }));
    expect(info.schema.properties.resident.properties.idNumber).toMatchObject({ title: '身份证号码', personal: 'id_number' });
    expect(info.schema.properties.applicationDate).toMatchObject({ format: 'date' });
    expect(info.actions.find((a: { id: string }) => a.id === 'decide').payloadSchema.properties.register).toMatchObject({ type: 'boolean', title: '审核结论' });
  });

  it('is filed by a resident, reaches the community, then the right 街道 only, and is decided there', async () => {
    const filed = await p.api.ok(p.api.file('test-resident', 'test-street-service', application()));
    expect(filed.state.id).toBe('community_review');
    const inbox = async (u: string) => (await p.api.ok(p.app.inject({ url: '/api/inbox', headers: p.api.as(u) }))).items.map((c: { id: string }) => c.id);
    const list = async (u: string) =>
      (await p.api.ok(p.app.inject({ url: '/api/cases?procedure=test-street-service', headers: p.api.as(u) }))).items.map((c: { id: string }) => c.id);
    expect(await inbox('test-community-xdj')).toContain(filed.id);
    expect(await inbox('test-street-xdj')).not.toContain(filed.id); // not its step yet
    expect(await list('test-street-xdj')).toContain(filed.id); // but in its area
    expect(await list('test-street-tdpl')).not.toContain(filed.id); // another 街道
    expect(await list('township-tgt')).not.toContain(filed.id); // a rural role the procedure does not name
    expect((await p.api.get('test-street-tdpl', filed.id)).statusCode).toBe(404);

    const forwarded = await p.api.ok(p.api.act('test-community-xdj', filed.id, 'forward', '2026-11-24', { opinion: '情况属实，同意' }));
    expect(forwarded.state.id).toBe('street_review');
    expect(await inbox('test-street-xdj')).toContain(filed.id);
    expect(await inbox('test-street-tdpl')).not.toContain(filed.id);
    expect(await inbox('test-community-xdj')).not.toContain(filed.id);
    // The community cannot take the 街道's decision.
    expect((await p.api.act('test-community-xdj', filed.id, 'decide', '2026-11-25', { register: true })).statusCode).toBe(403);

    // The engine allows one extension per state, before the deadline.
    expect((await p.api.act('test-street-xdj', filed.id, 'extend', '2026-11-25')).statusCode).toBe(200);
    const again = await p.api.act('test-street-xdj', filed.id, 'extend', '2026-11-26');
    expect(again.statusCode).toBe(422);
    expect(again.json().message).toMatch(/只能延长一次.*2026-11-25/);

    const decided = await p.api.ok(p.api.act('test-street-xdj', filed.id, 'decide', '2026-11-26', { register: true }));
    expect(decided.state).toMatchObject({ id: 'registered', terminal: true });
    expect(decided.record.decision).toEqual({ date: '2026-11-26', register: true });
    // Personal data is masked for the officials as for everyone.
    expect(JSON.stringify(decided.application)).not.toContain('11010519491231002X');
  });

  it('refuses a filing outside the filer’s own 社区 and a bad payload, in Chinese, changing nothing', async () => {
    const other = await p.api.file('test-community-xdj', 'test-street-service', application({ township: '头道牌楼街道', village: '头道牌楼社区居民委员会' }));
    expect(other.statusCode).toBe(403);
    const bad = await p.api.file('test-resident', 'test-street-service', application({ households: 0, service: 'tea' }));
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['households', 'service']);
  });

  it('tells a case left in a state that a newer definition dropped, without a 500', async () => {
    const filed = await p.api.ok(p.api.file('test-resident', 'test-street-service', application()));
    await p.db.kysely.updateTable('cases').set({ state: 'old_interview' }).where('id', '=', filed.id).execute();
    const view = await p.api.ok(p.api.get('test-resident', filed.id));
    expect(view.state.label).toBe('old_interview（现行流程已取消该环节）');
    expect(view.actions).toEqual([]);
    const act = await p.api.act('test-community-xdj', filed.id, 'forward', '2026-11-24', { opinion: '同意' });
    expect(act.statusCode).toBe(409);
    expect(act.json().message).toMatch(/现行流程（第 1 版）已取消该环节/);
    expect((await p.app.inject({ url: '/api/inbox', headers: p.api.as('test-community-xdj') })).statusCode).toBe(200);
  });
});

describe.each(ENGINES)('the typed record on %s', (engine) => {
  // The same module, but its forward action records a field its record schema does not declare.
  const faulty = {
    ...streetServiceModule,
    definition: {
      ...streetServiceProcedure,
      actions: streetServiceProcedure.actions.map((a) => (a.id === 'forward' ? { ...a, record: () => ({ undeclared: true }) } : a)),
    },
  };
  let p: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    p = await testPlatform(engine, { registry: buildRegistry([...MODULES, faulty]), users: ['test-resident', 'test-community-xdj'] });
  });
  afterAll(async () => p?.close());

  it('refuses an action whose record breaks the schema, and writes nothing', async () => {
    const filed = await p.api.ok(p.api.file('test-resident', 'test-street-service', application()));
    const r = await p.api.act('test-community-xdj', filed.id, 'forward', '2026-11-24', { opinion: '同意报街道' });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/记录格式不符/);
    const after = await p.api.ok(p.api.get('test-resident', filed.id));
    expect(after).toMatchObject({ version: filed.version, state: { id: 'community_review' }, record: {} });
  });
});
