// The peer workflow engine of the performance issue: bpmn-engine (BPMN 2.0, in memory, no persistence),
// running a process of user tasks, each signalled as soon as it waits — one transition per signal. Its
// definition is parsed once and handed over parsed, so the figure is the peer's execution alone.
// bench/engine.ts runs it interleaved with the case engine and prints the ratio.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import BpmnModdle from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';

const TASKS = 10;

const SOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://zhengwu.invalid/bench">
  <process id="twoOffices" isExecutable="true">
    <startEvent id="start" />
    ${Array.from({ length: TASKS }, (_, i) => `<userTask id="t${i}" />`).join('\n    ')}
    <endEvent id="end" />
    <sequenceFlow id="f_start" sourceRef="start" targetRef="t0" />
    ${Array.from({ length: TASKS - 1 }, (_, i) => `<sequenceFlow id="f${i}" sourceRef="t${i}" targetRef="t${i + 1}" />`).join('\n    ')}
    <sequenceFlow id="f_end" sourceRef="t${TASKS - 1}" targetRef="end" />
  </process>
</definitions>`;

let parsed: Promise<unknown> | null = null;

/** Runs processes of TASKS user tasks one after another until `n` transitions (signals) are taken; returns how many. */
export async function bpmnTransitions(n: number): Promise<number> {
  parsed ??= new BpmnModdle().fromXML(SOURCE);
  const moddleContext = await parsed;
  let transitions = 0;
  for (let i = 0; i < Math.ceil(n / TASKS); i++) {
    const listener = new EventEmitter();
    listener.on('wait', (api: { signal: (m?: unknown) => void }) => {
      transitions++;
      api.signal({ note: `第 ${transitions} 步` });
    });
    const engine = new Engine({ name: `bench-${i}`, moddleContext });
    await new Promise<void>((ok, fail) => {
      engine.once('end', () => ok());
      engine.once('error', fail);
      engine.execute({ listener }).catch(fail);
    });
  }
  return transitions;
}

/** The peer as a contender of bench/engine.ts's race: `run(n)` takes n transitions. */
export const bpmnContender = (n: number) => ({
  name: 'bpmn-engine (in memory)',
  n,
  run: async (k: number) => void (await bpmnTransitions(k)),
  close: async () => {},
});

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now();
  const n = await bpmnTransitions(Number(process.argv[2] ?? 2000));
  console.log(`bpmn-engine: ${(n / ((performance.now() - t0) / 1000)).toFixed(0)} transitions/s`);
}
