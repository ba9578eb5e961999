// Judging an application: validate the form, pick the rules in force on its
// application date, run them, and say whether the governing document is in force.
import './zod-locale.js';
import { governingStatus, ruleSetFor, type GovernanceRecord } from './governance.js';
import type { ProcedureDefinition } from './procedure.js';
import { readerFor, type LocalRow, type ParameterReader } from './parameters.js';

/** A parameter an assessment read: its value in force on the application date (null: none), and where it comes from. */
export interface ParameterTrace {
  key: string;
  scope: string;
  label: string;
  unit: string;
  value: number | string | null;
  from: string | null;
  source: string | null;
  link: string | null;
}

/** Bad input: every problem names its field. */
export { InputError } from '../platform/errors.js';
import { InputError } from '../platform/errors.js';

export function parseApplication<A, E extends object>(p: ProcedureDefinition<A, E>, input: unknown): A {
  const r = p.applicationSchema.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  return r.data;
}

/** `local`: the counties' recorded parameter values (none: only the gazette's own values are read). */
export function assessApplication<A, E extends object>(p: ProcedureDefinition<A, E>, application: A, records: GovernanceRecord[], local: LocalRow[] = []) {
  const date = p.applicationDate(application);
  const ruleSet = ruleSetFor(p.ruleSets, records, date);
  // The trace of the figures the rules read: each with its value, from when and where it comes from (or absent).
  const reader = readerFor(p.parameters ?? [], local, date);
  const read: ParameterTrace[] = [];
  const tracing: ParameterReader = (key, scope) => {
    const v = reader(key, scope);
    if (!read.some((r) => r.key === key && r.scope === scope)) {
      const d = p.parameters!.find((x) => x.key === key)!;
      read.push({ key, scope, label: d.label, unit: d.unit, value: v?.value ?? null, from: v?.from ?? null, source: v?.source ?? null, link: v?.link ?? null });
    }
    return v;
  };
  const result = p.assess(application, ruleSet, tracing);
  return { ...result, ruleSet: ruleSet.id, governingDocumentStatus: governingStatus(ruleSet, records, date), parameters: read };
}
