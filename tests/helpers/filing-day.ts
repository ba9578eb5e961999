// The system records the day it receives an application. A test that files an application dated before the
// platform's today files it on that day, as the person would have: the test platform's clock stands at the
// application's date while it is filed (registered here per app by testPlatform and startPlatform).
import type { FastifyInstance } from 'fastify';
import { REGISTRY } from '../../src/procedures/registry.js';

const clocks = new WeakMap<FastifyInstance, { today: () => string; set: (day: string | null) => void; registry?: typeof REGISTRY }>();

/** A clock for an app: `today()` is what the app is given; `set` moves it for one filing. */
export function filingClock(base: () => string) {
  let day: string | null = null;
  return { today: () => day ?? base(), set: (d: string | null) => void (day = d), base };
}

export function registerFilingClock(app: FastifyInstance, clock: ReturnType<typeof filingClock>, registry?: typeof REGISTRY) {
  clocks.set(app, { today: clock.base, set: clock.set, registry });
}

/** Runs a filing on the application's own day when it lies before the platform's today. */
export async function onFilingDay<T>(app: FastifyInstance, procedure: string, body: unknown, file: () => Promise<T>): Promise<T> {
  const c = clocks.get(app);
  let day: unknown;
  try {
    day = c ? (c.registry ?? REGISTRY).procedures.get(procedure)?.applicationDate(body as never) : null;
  } catch {
    day = null; // a malformed body is filed today, and refused as it would be
  }
  if (!c || typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || day >= c.today()) return file();
  c.set(day);
  try {
    return await file();
  } finally {
    c.set(null);
  }
}
