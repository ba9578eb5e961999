// Every database test runs on both engines: a fresh SQLite file and a fresh
// PostgreSQL database (on the server that scripts/test.sh starts and names
// in ZHENGWU_TEST_PG_URL).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../../src/db/connection.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export async function freshDatabaseUrl(engine: Engine): Promise<string> {
  if (engine === 'sqlite') return `sqlite:${join(mkdtempSync(join(tmpdir(), 'zhengwu-test-')), 'test.sqlite')}`;
  const admin = process.env.ZHENGWU_TEST_PG_URL;
  if (!admin) throw new Error('ZHENGWU_TEST_PG_URL is not set: run the suite with `npm test`, which starts PostgreSQL.');
  const name = `zw_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function freshDb(engine: Engine, options: Parameters<typeof openDb>[1] = {}): Promise<Db> {
  return openDb(await freshDatabaseUrl(engine), options);
}

export async function countRows(db: Db) {
  const n = async (t: 'gazette_issues' | 'documents' | 'search_units') =>
    Number(
      (
        await db.kysely
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { issues: await n('gazette_issues'), documents: await n('documents'), units: await n('search_units') };
}
