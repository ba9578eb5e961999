// Status of an indicator in a year, against the straight path from the
// baseline to the target. The method is described in docs/plans-status-method.md.
import type { Comparison, Direction } from './figures.js';

export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export const STATUS_LABEL: Record<Status, string> = {
  achieved: '已达标',
  on_track: '进度正常',
  at_risk: '存在风险',
  off_track: '进度滞后',
  no_data: '未报送',
};
export const STATUSES: Status[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];

/** Share of the planned change by which a value may fall short of the path and still be "at risk" rather than "off track". */
export const PATH_TOLERANCE = 0.1;
/** Minimum tolerance, as a share of the target, for flat paths (100 → 100). */
export const FLAT_TOLERANCE = 0.01;
/** Without any path: a shortfall up to this share of the target, before the target year, is "at risk". */
export const TARGET_ONLY_TOLERANCE = 0.1;

export interface StatusInput {
  baseline: { year: number | null; value: number | null };
  target: { year: number | null; value: number | null };
  comparison: Comparison;
  direction: Direction;
}

export interface Observation {
  year: number;
  value: number | null;
  /** For non-numeric targets, the reporting unit's own assessment. */
  assessment?: Exclude<Status, 'no_data'> | null;
}

export interface StatusResult {
  year: number;
  status: Status;
  value: number | null;
  expected: number | null; // the path value for the year, when there is a path
  reason: string;
}

const EPS = 1e-9;

export function meets(comparison: Comparison, value: number, target: number): boolean {
  switch (comparison) {
    case 'gte':
    case 'decrease_by': // the value is the cumulative decrease since the base year
      return value >= target - EPS;
    case 'gt':
      return value > target + EPS;
    case 'lte':
      return value <= target + EPS;
    case 'lt':
      return value < target - EPS;
    case 'eq':
      return Math.abs(value - target) <= Math.max(Math.abs(target) * FLAT_TOLERANCE, EPS);
    default:
      return false;
  }
}

/** The path value for `year`, on the straight line from (startYear, start) to (targetYear, target). */
export function pathValue(startYear: number, start: number, targetYear: number, target: number, year: number): number {
  if (targetYear <= startYear) return target;
  const share = Math.min(1, Math.max(0, (year - startYear) / (targetYear - startYear)));
  return start + (target - start) * share;
}

export function computeStatus(ind: StatusInput, observations: Observation[], year: number): StatusResult {
  const obs = observations.find((o) => o.year === year);
  const none = (reason: string): StatusResult => ({ year, status: 'no_data', value: null, expected: null, reason });
  if (!obs) return none(`${year}年未报送。`);
  const t = ind.target.value;
  if (ind.comparison === 'status' || t === null) {
    if (!obs.assessment) return none('定性目标：报送时未选择完成状态。');
    return { year, status: obs.assessment, value: obs.value, expected: null, reason: '定性目标：按报送单位的状态判断（附说明与佐证）。' };
  }
  const v = obs.value;
  if (v === null) return none('报送记录没有数值。');
  if (meets(ind.comparison, v, t)) return { year, status: 'achieved', value: v, expected: t, reason: `${v} 已达到目标 ${t}。` };
  const ty = ind.target.year ?? year;
  // Which way is "better" between the start and the target.
  const better = (a: number, b: number, up: boolean) => (up ? a >= b - EPS : a <= b + EPS);
  let start: { year: number; value: number } | null = null;
  if (ind.baseline.value !== null && ind.baseline.year !== null) start = { year: ind.baseline.year, value: ind.baseline.value };
  else {
    const first = observations.filter((o) => o.year < year && o.value !== null).sort((a, b) => a.year - b.year)[0];
    if (first) start = { year: first.year, value: first.value! };
  }
  const up = ind.comparison === 'eq' && start ? t >= start.value : !(ind.comparison === 'lte' || ind.comparison === 'lt' || ind.direction === 'lower');
  if (year >= ty) return { year, status: 'off_track', value: v, expected: t, reason: `已到目标年份，${v} 未达到目标 ${t}。` };
  if (!start) {
    const shortfall = Math.abs(t - v);
    if (shortfall <= Math.abs(t) * TARGET_ONLY_TOLERANCE)
      return {
        year,
        status: 'at_risk',
        value: v,
        expected: null,
        reason: `无基期值，仅与目标比较：差距 ${round(shortfall)}，在目标的 ${TARGET_ONLY_TOLERANCE * 100}% 以内。`,
      };
    return {
      year,
      status: 'off_track',
      value: v,
      expected: null,
      reason: `无基期值，仅与目标比较：差距 ${round(shortfall)}，超过目标的 ${TARGET_ONLY_TOLERANCE * 100}%。`,
    };
  }
  const expected = pathValue(start.year, start.value, ty, t, year);
  if (better(v, expected, up))
    return { year, status: 'on_track', value: v, expected: round(expected), reason: `${v} 不低于按直线路径应达到的 ${round(expected)}。` };
  const tolerance = Math.max(Math.abs(t - start.value) * PATH_TOLERANCE, Math.abs(t) * FLAT_TOLERANCE);
  const shortfall = Math.abs(expected - v);
  if (shortfall <= tolerance + EPS)
    return {
      year,
      status: 'at_risk',
      value: v,
      expected: round(expected),
      reason: `比路径值 ${round(expected)} 差 ${round(shortfall)}，在容差 ${round(tolerance)} 以内。`,
    };
  return {
    year,
    status: 'off_track',
    value: v,
    expected: round(expected),
    reason: `比路径值 ${round(expected)} 差 ${round(shortfall)}，超过容差 ${round(tolerance)}。`,
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
