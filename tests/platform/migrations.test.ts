// Opening a database: the migrator runs only when a migration is pending; a current database is opened with
// one read of the migration table, so it neither loads the migration code nor waits for the write lock.
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { MIGRATION_NAMES } from '../../src/db/migration-names.js';
import { migrations } from '../../src/db/migrations.js';
import { ENGINES, freshDatabaseUrl } from '../helpers/databases.js';

const applied = async (db: Awaited<ReturnType<typeof openDb>>) =>
  (
    await db.kysely
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute()
  )
    .map((r) => (r as { name: string }).name)
    .sort();

describe.each(ENGINES)('opening a database on %s', (engine) => {
  it('applies every migration of the list to a fresh database, and the list is the migrator’s', async () => {
    const db = await openDb(await freshDatabaseUrl(engine));
    try {
      expect(Object.keys(migrations(db.dialect)).sort()).toEqual([...MIGRATION_NAMES].sort());
      expect(await applied(db)).toEqual([...MIGRATION_NAMES].sort());
    } finally {
      await db.close();
    }
  });

  it('runs the pending migrations of a database left at an older version', async () => {
    const url = await freshDatabaseUrl(engine);
    const old = await openDb(url, { migrate: false });
    const before = Object.fromEntries(Object.entries(migrations(old.dialect)).filter(([name]) => name < '0010'));
    const { error } = await new Migrator({ db: old.kysely, provider: { getMigrations: async () => before } }).migrateToLatest();
    expect(error).toBeUndefined();
    expect((await applied(old)).length).toBe(Object.keys(before).length);
    await old.close();
    const db = await openDb(url);
    try {
      expect(await applied(db)).toEqual([...MIGRATION_NAMES].sort());
      // A table of a later migration is there and usable.
      expect(await db.kysely.selectFrom('parameter_values').select('key').execute()).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('a current SQLite file', () => {
  it('opens while another process holds the write lock (no migration lock is needed to read)', async () => {
    const url = await freshDatabaseUrl('sqlite');
    await (await openDb(url)).close();
    const other = new SQLite(url.slice('sqlite:'.length));
    other.exec('BEGIN IMMEDIATE');
    try {
      // Before, opening took the write lock to check migrations and waited out the busy timeout, then failed.
      const db = await openDb(url);
      expect((await applied(db)).length).toBe(MIGRATION_NAMES.length);
      await db.close();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
