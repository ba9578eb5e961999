// Opens the database named by DATABASE_URL:
//   unset            → data/zhengwu.sqlite (embedded, better-sqlite3)
//   sqlite:PATH      → that SQLite file (sqlite::memory: for an in-memory one)
//   postgres://…     → PostgreSQL
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import type { Database } from './schema.js';
import { MIGRATION_NAMES } from './migration-names.js';
import { config } from '../platform/config.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  url: string;
  /** The raw better-sqlite3 handle, for SQLite only (benchmarks compare against it). */
  sqlite?: SQLite.Database;
  /** SQLite only: the prepared statement of a text, from the cache the query builder's statements share. */
  statement?: (sql: string) => SQLite.Statement;
  close(): Promise<void>;
}

/** The database as seen inside a transaction: its queries run in `trx` (services given it join that transaction). */
export const transactionDb = (db: Db, trx: Transaction<Database>): Db => ({ kysely: trx, dialect: db.dialect, url: db.url, close: db.close });

/** Runs `f` in a transaction: the one `db` is already inside (a transactionDb), or a new one. */
export const withTransaction = <T>(db: Db, f: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
  db.kysely.isTransaction ? f(db.kysely as Transaction<Database>) : db.kysely.transaction().execute(f);

export const DEFAULT_SQLITE_PATH = 'data/zhengwu.sqlite';

/** How long a SQLite writer waits for another process's write transaction before giving up (SQLITE_BUSY). */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

// Kysely opens SQLite transactions with a deferred BEGIN: the transaction
// reads first and asks for the write lock later. When another process wrote
// in between, that upgrade fails at once with SQLITE_BUSY ("database is
// locked") — the busy timeout does not apply to it. BEGIN IMMEDIATE takes the
// write lock up front, so concurrent writers (two CLI ingests, two processes
// migrating a fresh file) wait their turn within the busy timeout and then
// read what the other committed. Every transaction in the app writes.
//
// Once open, the connection waits for the lock at most SQLITE_BUSY_STEP_MS at a time — better-sqlite3 waits
// synchronously, so a longer busy timeout would stop the whole server while another process writes — and a
// statement that found the lock taken, outside a transaction (a BEGIN IMMEDIATE, a single write), is tried
// again after a pause that lets the event loop run, up to SQLITE_BUSY_TIMEOUT_MS in all.
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;
  readonly #budgetMs: number;
  #waiting: DatabaseConnection | null = null;
  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database, budgetMs: number) {
    super(config);
    this.#sqlite = sqlite;
    this.#budgetMs = budgetMs;
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    const [sqlite, budget] = [this.#sqlite, this.#budgetMs];
    return (this.#waiting ??= {
      executeQuery: (q) => whileBusy(sqlite, () => inner.executeQuery(q), budget),
      streamQuery: (q, chunkSize) => inner.streamQuery(q, chunkSize),
    });
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: SQLite.Database;
  readonly #budgetMs: number;
  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database, budgetMs: number) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
    this.#budgetMs = budgetMs;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#sqlite, this.#budgetMs);
  }
}

/** How long one attempt waits for another process's write lock (synchronously, so briefly). */
export const SQLITE_BUSY_STEP_MS = 20;

/** Whether an error is SQLite's "another connection holds the lock". */
export const isBusy = (e: unknown) => /^SQLITE_BUSY/.test(String((e as { code?: unknown } | null)?.code));

/**
 * Runs a statement; when another process holds the write lock and this connection is not inside a
 * transaction (a transaction that began IMMEDIATE holds the lock already), tries again after a pause, up to
 * SQLITE_BUSY_TIMEOUT_MS, then lets SQLITE_BUSY through (the server answers 503).
 */
async function whileBusy<T>(sqlite: SQLite.Database, f: () => T | Promise<T>, budgetMs = SQLITE_BUSY_TIMEOUT_MS): Promise<T> {
  const until = Date.now() + budgetMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await f();
    } catch (e) {
      if (!isBusy(e) || sqlite.inTransaction || Date.now() + pause > until) throw e;
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

/**
 * Statement texts run as named (server-side prepared) statements on PostgreSQL: the engine's hot path (audit.ts
 * `run`), a fixed set of texts. Each connection parses and plans them once instead of on every call — a plain step
 * took 1.6–1.9× as long with unnamed statements.
 */
const PREPARED = new Map<string, string>();

/** Marks a statement text to be prepared once per connection on PostgreSQL (named after its hash); returns it. */
export function preparedOnPostgres(text: string): string {
  if (!PREPARED.has(text)) PREPARED.set(text, `zw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`);
  return text;
}

type PgClient = typeof import('pg').Client;

/** pg's Client, naming the statements marked by `preparedOnPostgres` (the pool makes its connections with it). */
function namingClient(Base: PgClient): PgClient {
  return class NamingClient extends Base {
    override query(...args: unknown[]): any {
      const [text, values, callback] = args;
      const name = typeof text === 'string' ? PREPARED.get(text) : undefined;
      if (!name || callback !== undefined || typeof values === 'function') return (super.query as (...a: unknown[]) => unknown)(...args);
      const named = () => super.query({ name, text: text as string, values: values as unknown[] });
      return named().catch(async (e: { code?: string }) => {
        // A migration changed a table under a prepared `SELECT *` (a server running across an upgrade): the
        // statement is dropped and prepared again on this connection. Inside a transaction the error stands
        // (the transaction is aborted) and the step is refused; the next use on this connection prepares afresh.
        if (e.code !== '0A000') throw e;
        await super.query(`DEALLOCATE ${name}`);
        const c = (this as unknown as { connection: { parsedStatements: Record<string, unknown>; submittedNamedStatements?: Record<string, unknown> } })
          .connection;
        delete c.parsedStatements[name];
        delete c.submittedNamedStatements?.[name];
        return named();
      });
    }
  } as unknown as PgClient;
}

export function describeUrl(url: string | undefined): { dialect: Dialect; target: string } {
  if (!url) return { dialect: 'sqlite', target: DEFAULT_SQLITE_PATH };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) || DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', target: url };
  throw new Error(`无法识别的 DATABASE_URL：${url}（应为 sqlite:路径 或 postgres://…）`);
}

export async function openDb(
  url: string | undefined = process.env.DATABASE_URL,
  /** `busyTimeoutMs`: once open, how long a SQLite statement waits in all for another process's write lock (tests shorten it); opening and migrating always wait up to SQLITE_BUSY_TIMEOUT_MS. */
  options: { migrate?: boolean; busyTimeoutMs?: number } = {},
): Promise<Db> {
  const { dialect, target } = describeUrl(url);
  let db: Db;
  if (dialect === 'sqlite') {
    if (target !== ':memory:') mkdirSync(dirname(resolve(target)), { recursive: true });
    const sqlite = new SQLite(target);
    // First, so that switching a fresh file to WAL also waits for another process opening it.
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
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
    const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }, sqlite, options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS) });
    db = { kysely, dialect, url: url ?? `sqlite:${target}`, sqlite, statement: database.prepare, close: () => kysely.destroy() };
  } else {
    // DATE columns stay strings: the app works with ISO dates, never JS Date objects.
    // Loaded only for PostgreSQL: the embedded database's commands start without it.
    const { default: pg } = await import('pg');
    pg.types.setTypeParser(1082, (v: string) => v);
    const prepared = config().ZHENGWU_PG_PREPARED === '1';
    const pool = new pg.Pool({ connectionString: target, max: 10, ...(prepared ? { Client: namingClient(pg.Client) } : {}) });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    db = { kysely, dialect, url: target, close: () => kysely.destroy() };
  }
  if (options.migrate !== false && !(await migrationsCurrent(db))) {
    const { migrateToLatest } = await import('./migrations.js');
    if (db.sqlite) await migrateSqliteLocked(db.sqlite, db, migrateToLatest);
    else await migrateToLatest(db); // Kysely's migrator holds an advisory lock on PostgreSQL
  }
  // Opened and migrated (waiting as long as it takes for another process doing the same): from now on a wait
  // for the lock is taken in short steps with the event loop free between them (whileBusy).
  db.sqlite?.pragma(`busy_timeout = ${SQLITE_BUSY_STEP_MS}`);
  return db;
}

/**
 * Whether every migration is already applied: one read of Kysely's own table. On PostgreSQL the migrator applies
 * all pending migrations in one transaction, so seeing every name means they are committed; otherwise (a fresh
 * database, an older one, or a newer one than this code) the migrator decides, under its lock.
 */
async function migrationsCurrent(db: Db): Promise<boolean> {
  try {
    const { rows } = await db.kysely.executeQuery<{ name: string }>(CompiledQuery.raw('SELECT name FROM kysely_migration'));
    const applied = new Set(rows.map((r) => r.name));
    return applied.size === MIGRATION_NAMES.length && MIGRATION_NAMES.every((n) => applied.has(n));
  } catch {
    return false; // no migration table yet
  }
}

// Kysely's migrator takes no lock on SQLite (it assumes a single connection)
// and runs each migration outside a transaction, so processes opening a fresh
// file at once would all run the migrations ("table already exists"). Under
// the write lock (BEGIN IMMEDIATE, waiting within the busy timeout) the later
// ones find them done; and a failed migration leaves nothing half-applied.
async function migrateSqliteLocked(sqlite: SQLite.Database, db: Db, migrateToLatest: (db: Db) => Promise<void>): Promise<void> {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    await migrateToLatest(db);
    sqlite.exec('COMMIT');
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw e;
  }
}
