// Opens the database named by DATABASE_URL:
//   unset            → data/zhengwu.sqlite (embedded, better-sqlite3)
//   sqlite:PATH      → that SQLite file (sqlite::memory: for an in-memory one)
//   postgres://…     → PostgreSQL
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrations.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  url: string;
  /** The raw better-sqlite3 handle, for SQLite only (benchmarks compare against it). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_PATH = 'data/zhengwu.sqlite';

export function describeUrl(url: string | undefined): { dialect: Dialect; target: string } {
  if (!url) return { dialect: 'sqlite', target: DEFAULT_SQLITE_PATH };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) || DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', target: url };
  throw new Error(`无法识别的 DATABASE_URL：${url}（应为 sqlite:路径 或 postgres://…）`);
}

export async function openDb(url: string | undefined = process.env.DATABASE_URL, options: { migrate?: boolean } = {}): Promise<Db> {
  const { dialect, target } = describeUrl(url);
  let db: Db;
  if (dialect === 'sqlite') {
    if (target !== ':memory:') mkdirSync(dirname(resolve(target)), { recursive: true });
    const sqlite = new SQLite(target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Kysely prepares every statement anew; better-sqlite3 statements are reusable, so cache them by SQL text.
    const statements = new Map<string, SQLite.Statement>();
    const database = {
      close: () => sqlite.close(),
      prepare: (query: string) => {
        let st = statements.get(query);
        if (!st) {
          st = sqlite.prepare(query);
          if (statements.size > 2000) statements.clear();
          statements.set(query, st);
        }
        return st;
      },
    };
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    db = { kysely, dialect, url: url ?? `sqlite:${target}`, sqlite, close: () => kysely.destroy() };
  } else {
    // DATE columns stay strings: the app works with ISO dates, never JS Date objects.
    pg.types.setTypeParser(1082, (v: string) => v);
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    db = { kysely, dialect, url: target, close: () => kysely.destroy() };
  }
  if (options.migrate !== false) await migrateToLatest(db);
  return db;
}
