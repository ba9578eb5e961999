// What the county housing department and the city see of the programme: each county's yearly plan against the
// projects recognised and completed (二、（一）), the rental register's figures, the parameters still missing
// (二、（二）（六）) and the open spot-check findings (二、（五）). Pure functions over the rows the actor may read.
import type { ParameterReader } from '../../engine/parameters.js';
import { totalUnits, type Project } from './form.js';
import { currentTarget, KEY_AREAS, type Plan } from './plan.js';
import type { CheckFinding, Tenancy } from './procedure.js';
import { PARAM, RENTAL_HOUSING_PARAMETERS } from './rules.js';

export interface Row<A> {
  id: string;
  state: string;
  county: string;
  application: A;
  record: Record<string, any>;
}

const RECOGNISED = ['recognised', 'operating', 'closed'];

export function countyOverview(county: string, year: number, projects: Row<Project>[], plans: Row<Plan>[], parameter: ParameterReader) {
  const mine = projects.filter((p) => p.county === county);
  const inYear = (d: string | undefined) => Boolean(d && d.startsWith(String(year)));
  const recognised = mine.filter((p) => RECOGNISED.includes(p.state) && inYear(p.record.recognition?.date));
  const completed = mine.filter((p) => ['operating', 'closed'].includes(p.state) && inYear(p.record.acceptance?.date));
  const plan = plans.find((p) => p.county === county && p.application.year === year);
  const sum = (rows: Row<Project>[]) => rows.reduce((n, p) => n + totalUnits(p.application), 0);
  const tenancies = mine.flatMap((p) => ((p.record.tenancies ?? []) as Tenancy[]).filter((t) => !t.endedOn));
  const open = mine.flatMap((p) =>
    ((p.record.checkFindings ?? []) as CheckFinding[]).filter((f) => f.result !== 'ok' && !f.closedOn).map((f) => ({ project: p.id, ...f })),
  );
  const target = plan ? currentTarget(plan.application, plan.record) : null;
  return {
    county,
    year,
    keyArea: KEY_AREAS.includes(county),
    plan: plan ? { id: plan.id, target, document: plan.application.document, publishedOn: plan.application.publishedOn } : null,
    projects: { total: mine.length, inReview: mine.filter((p) => !RECOGNISED.includes(p.state) && !['refused', 'withdrawn'].includes(p.state)).length },
    recognisedUnits: sum(recognised),
    completedUnits: sum(completed),
    // Against the plan: recognised units as a share of the target (null without a plan).
    progress: target ? Math.round((sum(recognised) / target) * 1000) / 10 : null,
    lettings: tenancies.length,
    openFindings: open,
    // What the county has not recorded yet: the rules that need these say so instead of guessing.
    missingParameters: RENTAL_HOUSING_PARAMETERS.filter((d) => d.local && d.key !== PARAM.smallUnit && !parameter(d.key, county)).map((d) => d.label),
  };
}
