import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears } from '../../src/calendar/dates.js';

describe('calendar-day arithmetic', () => {
  it.each([
    ['2028-05-31', -3, '2028-02-29'],
    ['2027-05-31', -3, '2027-02-28'],
    ['2028-09-30', 6, '2029-03-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('%s %+d months = %s', (d, n, e) => expect(addMonths(d, n)).toBe(e));
  it('adds years and days', () => {
    expect(addYears('2022-07-04', 2)).toBe('2024-07-04');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(addDays('2024-07-04', -1)).toBe('2024-07-03');
  });
});
