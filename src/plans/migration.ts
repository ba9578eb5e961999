// Migration '0005_plans': the yearly filings of plan indicators. The same
// statements run on SQLite and PostgreSQL (text keys, no auto-increment), and
// `ifNotExists` lets a test harness run it on a database that already has it.
// Evidence files are stored content-addressed in the existing `blobs` table.
import type { Kysely, Migration } from 'kysely';

export const plansMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('plan_reports')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('indicator_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('value', 'double precision')
      .addColumn('assessment', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('evidence_sha256', 'text')
      .addColumn('evidence_name', 'text')
      .addColumn('evidence_mime', 'text')
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('reported_by_id', 'integer', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('plan_reports_version', ['indicator_id', 'year', 'version'])
      .execute();
    await db.schema.createIndex('plan_reports_unit').ifNotExists().on('plan_reports').columns(['unit', 'year']).execute();
  },
};
