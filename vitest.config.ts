import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two at a time even on a 2-core machine: most files wait on PostgreSQL or Chromium (other processes) for
    // much of their time, and vitest's default (cores − 1) would run the files one by one.
    maxWorkers: 2,
    // A screen that updates after a request (a browser journey polling for the new state) may take more than
    // the default 1 s while another file runs beside it; a poll still fails at once on a wrong final value only
    // after this wait, so a real failure is slower to report, not hidden.
    expect: { poll: { timeout: 15_000 } },
  },
});
