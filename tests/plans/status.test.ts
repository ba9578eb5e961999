// Status against the straight path from baseline to target: table-driven.
import { describe, expect, it } from 'vitest';
import { computeStatus, pathValue, type Observation, type Status, type StatusInput } from '../../src/plans/status.js';

const ind = (p: Partial<StatusInput> & { b?: [number, number] | null; t: [number, number | null] }): StatusInput => ({
  baseline: p.b ? { year: p.b[0], value: p.b[1] } : { year: null, value: null },
  target: { year: p.t[0], value: p.t[1] },
  comparison: p.comparison ?? 'gte',
  direction: p.direction ?? 'higher',
});

// [description, indicator, observations, year, expected status, expected path value]
const CASES: [string, StatusInput, Observation[], number, Status, number | null][] = [
  ['no report for the year', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2021, value: 64 }], 2022, 'no_data', null],
  ['higher is better, exactly on the path', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2022, value: 68 }], 2022, 'on_track', 68],
  ['higher is better, ahead of the path', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2022, value: 75 }], 2022, 'on_track', 68],
  ['higher is better, short within 10% of the planned change', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2022, value: 66.5 }], 2022, 'at_risk', 68],
  ['higher is better, short by more than 10% of the change', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2022, value: 65 }], 2022, 'off_track', 68],
  ['target reached early', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2023, value: 81 }], 2023, 'achieved', 80],
  ['target year, not reached', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2025, value: 79.9 }], 2025, 'off_track', 80],
  ['target year, reached', ind({ b: [2020, 60], t: [2025, 80] }), [{ year: 2025, value: 80 }], 2025, 'achieved', 80],
  [
    'lower is better (≤), on path',
    ind({ b: [2020, 30], t: [2025, 20], comparison: 'lte', direction: 'lower' }),
    [{ year: 2021, value: 27.5 }],
    2021,
    'on_track',
    28,
  ],
  [
    'lower is better (≤), behind within tolerance',
    ind({ b: [2020, 30], t: [2025, 20], comparison: 'lte', direction: 'lower' }),
    [{ year: 2021, value: 28.9 }],
    2021,
    'at_risk',
    28,
  ],
  [
    'lower is better (≤), behind',
    ind({ b: [2020, 30], t: [2025, 20], comparison: 'lte', direction: 'lower' }),
    [{ year: 2021, value: 30 }],
    2021,
    'off_track',
    28,
  ],
  ['keep at 0 (劣Ⅴ类 0 → 0)', ind({ b: [2020, 0], t: [2025, 0], comparison: 'lte', direction: 'lower' }), [{ year: 2022, value: 0 }], 2022, 'achieved', 0],
  ['keep at 100: 99.5 is at risk (1% of target)', ind({ b: [2020, 100], t: [2025, 100] }), [{ year: 2022, value: 99.5 }], 2022, 'at_risk', 100],
  ['keep at 100: 97 is off track', ind({ b: [2020, 100], t: [2025, 100] }), [{ year: 2022, value: 97 }], 2022, 'off_track', 100],
  ['strictly greater (>80%): 80 does not meet', ind({ t: [2025, 80], comparison: 'gt' }), [{ year: 2025, value: 80 }], 2025, 'off_track', 80],
  ['strictly greater (>80%): 80.1 meets', ind({ t: [2025, 80], comparison: 'gt' }), [{ year: 2024, value: 80.1 }], 2024, 'achieved', 80],
  [
    'decrease by 17.5% since 2020: cumulative 7% in 2022 is on the path (7)',
    ind({ b: [2020, 0], t: [2025, 17.5], comparison: 'decrease_by' }),
    [{ year: 2022, value: 7 }],
    2022,
    'on_track',
    7,
  ],
  [
    'decrease by 17.5%: cumulative 5% in 2022 is off track',
    ind({ b: [2020, 0], t: [2025, 17.5], comparison: 'decrease_by' }),
    [{ year: 2022, value: 5 }],
    2022,
    'off_track',
    7,
  ],
  [
    'decrease by 17.5%: 17.5 achieved',
    ind({ b: [2020, 0], t: [2025, 17.5], comparison: 'decrease_by' }),
    [{ year: 2025, value: 17.5 }],
    2025,
    'achieved',
    17.5,
  ],
  ['about 170 (左右): 171 meets within 1%', ind({ t: [2025, 170], comparison: 'eq' }), [{ year: 2025, value: 171 }], 2025, 'achieved', 170],
  ['no baseline, single report: within 10% of the target before the target year', ind({ t: [2025, 2.5] }), [{ year: 2022, value: 2.3 }], 2022, 'at_risk', null],
  ['no baseline, single report: far from the target', ind({ t: [2025, 2.5] }), [{ year: 2022, value: 1.5 }], 2022, 'off_track', null],
  [
    'no baseline: the first report starts the path',
    ind({ t: [2025, 100] }),
    [
      { year: 2021, value: 60 },
      { year: 2023, value: 80 },
    ],
    2023,
    'on_track',
    80,
  ],
  [
    'no baseline: the first report starts the path, behind',
    ind({ t: [2025, 100] }),
    [
      { year: 2021, value: 60 },
      { year: 2023, value: 70 },
    ],
    2023,
    'off_track',
    80,
  ],
  [
    'qualitative target: the assessment filed',
    ind({ t: [2025, null], comparison: 'status' }),
    [{ year: 2023, value: null, assessment: 'at_risk' }],
    2023,
    'at_risk',
    null,
  ],
  ['qualitative target: no assessment', ind({ t: [2025, null], comparison: 'status' }), [{ year: 2023, value: null, assessment: null }], 2023, 'no_data', null],
  [
    'blank target: treated as qualitative',
    ind({ t: [2025, null], comparison: 'gte' }),
    [{ year: 2023, value: 3, assessment: 'on_track' }],
    2023,
    'on_track',
    null,
  ],
];

describe('computeStatus', () => {
  it.each(CASES)('%s', (_d, indicator, observations, year, status, expected) => {
    const r = computeStatus(indicator, observations, year);
    expect(r.status).toBe(status);
    expect(r.expected).toBe(expected);
    expect(r.reason.length).toBeGreaterThan(4);
  });
  it('path value is linear and clamped', () => {
    expect(pathValue(2020, 60, 2025, 80, 2020)).toBe(60);
    expect(pathValue(2020, 60, 2025, 80, 2023)).toBeCloseTo(72);
    expect(pathValue(2020, 60, 2025, 80, 2030)).toBe(80);
  });
});
