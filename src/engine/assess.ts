// Judging an application: validate the form, pick the rules in force on its
// application date, run them, and say whether the governing document is in force.
import { ZodError } from 'zod';
import './zod-locale.js';
import { governingStatus, ruleSetFor, type GovernanceRecord } from './governance.js';
import type { ProcedureDefinition } from './procedure.js';

/** Bad input: every problem names its field. */
export class InputError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`输入不正确：${issues.map((i) => `${i.field || '（整体）'}：${i.message}`).join('；')}`);
    this.name = 'InputError';
  }
  static fromZod(e: ZodError): InputError {
    return new InputError(e.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
}

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
