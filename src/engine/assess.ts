// Judging an application: validate the form, pick the rules in force on its
// application date, run them, and say whether the governing document is in force.
import './zod-locale.js';
import { governingStatus, ruleSetFor, type GovernanceRecord } from './governance.js';
import type { ProcedureDefinition } from './procedure.js';

/** Bad input: every problem names its field. */
export { InputError } from '../platform/errors.js';
import { InputError } from '../platform/errors.js';

export function parseApplication<A, E extends object>(p: ProcedureDefinition<A, E>, input: unknown): A {
  const r = p.applicationSchema.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  return r.data;
}

export function assessApplication<A, E extends object>(p: ProcedureDefinition<A, E>, application: A, records: GovernanceRecord[]) {
  const date = p.applicationDate(application);
  const ruleSet = ruleSetFor(p.ruleSets, records, date);
  const result = p.assess(application, ruleSet);
  return { ...result, ruleSet: ruleSet.id, governingDocumentStatus: governingStatus(ruleSet, records, date) };
}
