// Migration '0006_plans': the yearly filings of plan indicators. The same
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

// Migration '0008_plan_tasks': progress reports on the plans' tasks and 督办
// items with their steps. Same style as above: text keys, both databases.
export const plansTasksMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('plan_task_reports')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('evidence_sha256', 'text')
      .addColumn('evidence_name', 'text')
      .addColumn('evidence_mime', 'text')
      .addColumn('reported_by_id', 'integer', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      // Two reporters filing the same version at once: the database keeps one.
      .addUniqueConstraint('plan_task_reports_version', ['task_id', 'year', 'stream', 'version'])
      .execute();
    await db.schema.createIndex('plan_task_reports_unit').ifNotExists().on('plan_task_reports').columns(['unit', 'year']).execute();
    await db.schema
      .createTable('plan_supervisions')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('opened_by_id', 'integer', (c) => c.notNull())
      .addColumn('opened_by', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .execute();
    await db.schema.createIndex('plan_supervisions_task').ifNotExists().on('plan_supervisions').columns(['task_id', 'state']).execute();
    await db.schema
      .createTable('plan_supervision_events')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('supervision_id', 'text', (c) => c.notNull().references('plan_supervisions.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('state_after', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      // One step per position: two people acting on the same version cannot both succeed.
      .addUniqueConstraint('plan_supervision_events_seq', ['supervision_id', 'seq'])
      .execute();
  },
};
