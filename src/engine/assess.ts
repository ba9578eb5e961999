// Judging an application: validate the form, pick the rules in force on its
// application date, run them, and say whether the governing document is in force.
import './zod-locale.js';
import { governingStatus, ruleSetFor, type GovernanceRecord } from './governance.js';
import type { ProcedureDefinition } from './procedure.js';
import { readerFor, type LocalRow } from './parameters.js';

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
  const result = p.assess(application, ruleSet, readerFor(p.parameters ?? [], local, date));
  return { ...result, ruleSet: ruleSet.id, governingDocumentStatus: governingStatus(ruleSet, records, date) };
}
