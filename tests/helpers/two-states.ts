// A minimal procedure for the engine's own tests: a case filed by a township moves between two states (甲, 乙),
// each move recording a note. `extended` adds what the write tests need: a 10-working-day limit on 乙 (so a step
// queues a reminder), a step that stays in 乙, and 办结.
import { z } from 'zod';
import type { Actor } from '../../src/auth/service.js';
import { STAY, type ActionDef, type ProcedureDefinition, type StateDef } from '../../src/engine/procedure.js';

export const TODAY = '2026-11-27';
export const PLACE = { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' };
export const township: Actor = { id: 0, username: 't', name: '乡镇', role: 'township', ...PLACE, unit: null };

const cite = { document: '测试文件', article: '第一条', item: null };

export function twoStates(o: { id: string; name: string; idPrefix: string; extended?: boolean }): ProcedureDefinition<{ title: string; date: string }> {
  const note = o.extended ? z.object({ note: z.string(), reason: z.string().optional() }) : z.object({ note: z.string() });
  const move = (id: string, label: string, from: string, to: string): ActionDef<any> => ({
    id,
    label,
    from: [from],
    to,
    roles: ['township'],
    citation: cite,
    payload: note,
    record: (_c, p) => p,
  });
  const states: StateDef[] = [
    { id: 'a', label: '甲', actor: 'township' },
    o.extended
      ? { id: 'b', label: '乙', actor: 'township', limit: { kind: 'due', workdays: 10, label: '10 个工作日内办结', citation: cite } }
      : { id: 'b', label: '乙', actor: 'township' },
  ];
  const actions = [move('forward', '转乙', 'a', 'b'), move('back', '转甲', 'b', 'a')];
  if (o.extended) {
    states.push({ id: 'done', label: '办结', actor: null, terminal: true });
    actions.push(move('remark', '记录', 'b', STAY), { id: 'finish', label: '办结', from: ['a', 'b'], to: 'done', roles: ['township'], citation: cite });
  }
  return {
    id: o.id,
    name: o.name,
    idPrefix: o.idPrefix,
    applicationSchema: z.object({ title: z.string(), date: z.string() }),
    filedBy: ['township'],
    access: { read: { township: 'township' } },
    ruleSets: [{ id: o.idPrefix.toLowerCase(), governingDocument: '测试文件', period: { from: '2000-01-01', until: null }, validityCitation: null, rules: [] }],
    applicationDate: (a) => a.date,
    jurisdiction: () => PLACE,
    initialState: () => 'a',
    assess: () => ({ decision: 'eligible', findings: [] }),
    states,
    actions,
    documentKinds: [],
    certificates: [],
    title: (a) => a.title,
  };
}

/** An event of a case of this procedure as the township writes it, for tests that append past the engine. */
export const townshipEvent = (caseId: string, action: string, to: string, data: object, from = 'a') => ({
  case_id: caseId,
  at: new Date().toISOString(),
  on_date: TODAY,
  actor_id: 0,
  actor_name: '乡镇',
  actor_role: 'township',
  action,
  from_state: from,
  to_state: to,
  reason: null,
  data_json: JSON.stringify(data),
  rules_json: '[]',
});
