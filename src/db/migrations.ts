// Schema migrations for both databases. Full-text search uses each
// database's own index: an FTS5 table on SQLite, a GIN-indexed tsvector on
// PostgreSQL. Both index the same pre-tokenised text (see gazette/tokens.ts).
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';
import type { MigrationName } from './migration-names.js';
import { plansMigration, plansTasksMigration } from '../plans/migration.js';
import { ratingsMigration } from '../ratings/migration.js';
import { servicePointsMigration } from '../guide/service-points.js';
import { registrationsMigration } from '../registration/migration.js';
import { parameterValuesMigration } from '../engine/parameters.js';
import { relationIndexesMigration, relationsMigration, searchFacetsMigration, searchStoreMigration } from '../gazette/migration.js';
import { caseChainsMigration } from '../engine/audit-migration.js';

// Exported for tests that migrate a database only part of the way.
export function migrations(dialect: 'sqlite' | 'postgres'): Record<MigrationName, Migration> {
  return {
    '0001_gazette': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('gazette_issues')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('number', 'text')
          .addColumn('title', 'text')
          .addColumn('editor', 'text')
          .addColumn('toc_json', 'text', (c) => c.notNull())
          .addColumn('warnings_json', 'text', (c) => c.notNull())
          .addColumn('source_sha256', 'text', (c) => c.notNull().unique())
          .addColumn('source_text', 'text', (c) => c.notNull())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('documents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('issue_id', 'text', (c) => c.notNull().references('gazette_issues.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('number', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('document_title', 'text')
          .addColumn('issuer', 'text')
          .addColumn('date', 'text')
          .addColumn('recipients', 'text')
          .addColumn('interprets', 'text')
          .addColumn('valid_from', 'text')
          .addColumn('valid_until', 'text')
          .addColumn('validity_text', 'text')
          .addColumn('truncated', 'integer', (c) => c.notNull())
          .addColumn('article_count', 'integer', (c) => c.notNull())
          .addColumn('table_count', 'integer', (c) => c.notNull())
          .addColumn('data_json', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('documents_issue').on('documents').columns(['issue_id', 'seq']).execute();
        await db.schema.createIndex('documents_issuer').on('documents').column('issuer').execute();
        const unit = db.schema
          .createTable('search_units')
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
          .addColumn('anchor', 'text')
          .addColumn('label', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('tokens', 'text', (c) => c.notNull());
        if (dialect === 'postgres') {
          await unit.addColumn('tsv', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple', tokens)`).stored()).execute();
          await sql`CREATE INDEX search_units_tsv ON search_units USING GIN (tsv)`.execute(db);
        } else {
          await unit.execute();
          // External-content FTS5 table kept in step by triggers.
          await sql`CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='search_units', content_rowid='id', tokenize='unicode61', prefix='7')`.execute(
            db,
          );
          await sql`CREATE TRIGGER search_units_ai AFTER INSERT ON search_units BEGIN INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END`.execute(
            db,
          );
          await sql`CREATE TRIGGER search_units_ad AFTER DELETE ON search_units BEGIN INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END`.execute(
            db,
          );
        }
        await db.schema.createIndex('search_units_doc').on('search_units').column('doc_id').execute();
        await db.schema
          .createTable('calendar_years')
          .addColumn('year', 'integer', (c) => c.primaryKey())
          .addColumn('data_json', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('loaded_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_cases': {
      async up(db: Kysely<any>) {
        const id = (t: any) =>
          t.addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c: any) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          );
        await id(db.schema.createTable('users'))
          .addColumn('username', 'text', (c: any) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c: any) => c.notNull())
          .addColumn('display_name', 'text', (c: any) => c.notNull())
          .addColumn('role', 'text', (c: any) => c.notNull())
          .addColumn('county', 'text')
          .addColumn('township', 'text')
          .addColumn('village', 'text')
          .addColumn('demo', 'integer', (c: any) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c: any) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('procedure', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('county', 'text', (c) => c.notNull())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('village', 'text', (c) => c.notNull())
          .addColumn('applicant_user_id', 'integer', (c) => c.references('users.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('application_json', 'text', (c) => c.notNull())
          .addColumn('data_json', 'text', (c) => c.notNull())
          .addColumn('application_date', 'text', (c) => c.notNull())
          .addColumn('state_entered_on', 'text', (c) => c.notNull())
          .addColumn('due_on', 'text')
          .addColumn('due_note', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('cases_scope').on('cases').columns(['procedure', 'county', 'township', 'village']).execute();
        await db.schema.createIndex('cases_applicant').on('cases').column('applicant_user_id').execute();
        await db.schema
          .createTable('case_events')
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('on_date', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'integer')
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('actor_role', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('from_state', 'text')
          .addColumn('to_state', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('data_json', 'text', (c) => c.notNull())
          .addColumn('rules_json', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'seq']).execute();
        // One row: the head of the audit chain. Updating it serialises appends.
        await db.schema
          .createTable('audit_head')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: 'GENESIS' }).execute();
        await id(db.schema.createTable('governance_records'))
          .addColumn('procedure', 'text', (c: any) => c.notNull())
          .addColumn('kind', 'text', (c: any) => c.notNull())
          .addColumn('document', 'text', (c: any) => c.notNull())
          .addColumn('valid_until', 'text')
          .addColumn('note', 'text')
          .addColumn('recorded_by', 'text', (c: any) => c.notNull())
          .addColumn('recorded_at', 'text', (c: any) => c.notNull())
          .execute();
      },
    },
    '0003_documents': {
      async up(db: Kysely<any>) {
        // Attachments are stored content-addressed (SHA-256) inside the database,
        // so an upload and its audit event commit together.
        await db.schema
          .createTable('blobs')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('mime', 'text', (c) => c.notNull())
          .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .execute();
        await (db.schema.createTable('case_documents') as any)
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c: any) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('case_id', 'text', (c: any) => c.notNull().references('cases.id'))
          .addColumn('kind', 'text', (c: any) => c.notNull())
          .addColumn('name', 'text', (c: any) => c.notNull())
          .addColumn('sha256', 'text', (c: any) => c.notNull().references('blobs.sha256'))
          .addColumn('uploaded_by', 'text', (c: any) => c.notNull())
          .addColumn('uploaded_at', 'text', (c: any) => c.notNull())
          .execute();
        await db.schema.createIndex('case_documents_case').on('case_documents').column('case_id').execute();
      },
    },
    '0004_units': {
      async up(db: Kysely<any>) {
        // The unit a user acts for (市生态环境局, 市科技局, 某企业…); jurisdiction stays in county/township/village.
        await db.schema.alterTable('users').addColumn('unit', 'text').execute();
      },
    },
    '0005_parties': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('case_parties')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('role_in_case', 'text', (c) => c.notNull())
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('case_parties_pk', ['case_id', 'user_id'])
          .execute();
        await db.schema.createIndex('case_parties_user').on('case_parties').column('user_id').execute();
      },
    },
    '0006_plans': plansMigration,
    '0011_definition_version': {
      // The version of the procedure definition a case was filed under (a newer definition may drop a state).
      async up(db: Kysely<any>) {
        await db.schema
          .alterTable('cases')
          .addColumn('definition_version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
      },
    },
    '0010_duties': {
      async up(db: Kysely<any>) {
        await (db.schema.createTable('duty_occurrences') as any)
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c: any) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('duty_id', 'text', (c: any) => c.notNull())
          .addColumn('period', 'text', (c: any) => c.notNull())
          .addColumn('scope_key', 'text', (c: any) => c.notNull())
          .addColumn('role', 'text', (c: any) => c.notNull())
          .addColumn('county', 'text')
          .addColumn('township', 'text')
          .addColumn('unit', 'text')
          .addColumn('due_on', 'text', (c: any) => c.notNull())
          .addColumn('status', 'text', (c: any) => c.notNull())
          .addColumn('filed_on', 'text')
          .addColumn('filed_by', 'text')
          .addColumn('note', 'text')
          .addColumn('escalated_on', 'text')
          .addUniqueConstraint('duty_occurrences_once', ['duty_id', 'period', 'scope_key'])
          .execute();
      },
    },
    '0009_time': {
      async up(db: Kysely<any>) {
        const id = (c: any) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
        const serial = dialect === 'postgres' ? 'serial' : 'integer';
        // Jobs and the outbox in one table: written in the transaction of the event that causes them, run by
        // whichever server claims them first (a lease in the database), retried with back-off, de-duplicated by key.
        await (db.schema.createTable('jobs') as any)
          .addColumn('id', serial, id)
          .addColumn('kind', 'text', (c: any) => c.notNull())
          .addColumn('dedup_key', 'text', (c: any) => c.notNull().unique())
          .addColumn('run_at', 'text', (c: any) => c.notNull())
          .addColumn('payload_json', 'text', (c: any) => c.notNull())
          .addColumn('status', 'text', (c: any) => c.notNull())
          .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
          .addColumn('lease_until', 'text')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c: any) => c.notNull())
          .addColumn('done_at', 'text')
          .execute();
        await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
        // 督办: a breached time limit, escalated to the supervising office.
        await (db.schema.createTable('supervision_items') as any)
          .addColumn('id', serial, id)
          .addColumn('case_id', 'text', (c: any) => c.notNull().references('cases.id'))
          .addColumn('state', 'text', (c: any) => c.notNull())
          .addColumn('breached_due', 'text', (c: any) => c.notNull())
          .addColumn('supervisor_role', 'text', (c: any) => c.notNull())
          .addColumn('opened_on', 'text', (c: any) => c.notNull())
          .addColumn('status', 'text', (c: any) => c.notNull())
          .addColumn('new_due', 'text')
          .addColumn('comments_json', 'text', (c: any) => c.notNull())
          .addColumn('closed_on', 'text')
          .addColumn('closing_note', 'text')
          .addColumn('citation', 'text', (c: any) => c.notNull())
          .execute();
        await db.schema.createIndex('supervision_case').on('supervision_items').columns(['case_id', 'state', 'breached_due']).unique().execute();
        // In-app notifications (the notification centre).
        await (db.schema.createTable('notifications') as any)
          .addColumn('id', serial, id)
          .addColumn('user_id', 'integer', (c: any) => c.notNull())
          .addColumn('case_id', 'text')
          .addColumn('kind', 'text', (c: any) => c.notNull())
          .addColumn('title', 'text', (c: any) => c.notNull())
          .addColumn('body', 'text', (c: any) => c.notNull())
          .addColumn('created_at', 'text', (c: any) => c.notNull())
          .addColumn('read_at', 'text')
          .execute();
        await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at']).execute();
        await db.schema.alterTable('users').addColumn('email', 'text').execute();
      },
    },
    '0007_security': {
      async up(db: Kysely<any>) {
        const id = (c: any) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
        const serial = dialect === 'postgres' ? 'serial' : 'integer';
        // Lockout after repeated wrong passwords, and accounts an administrator has disabled.
        await db.schema
          .alterTable('users')
          .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
        await db.schema
          .alterTable('users')
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
        // Security events (sign-in failures, lockouts, user administration): appended, never updated.
        await (db.schema.createTable('security_events') as any)
          .addColumn('id', serial, id)
          .addColumn('at', 'text', (c: any) => c.notNull())
          .addColumn('kind', 'text', (c: any) => c.notNull())
          .addColumn('username', 'text')
          .addColumn('actor', 'text')
          .addColumn('ip', 'text')
          .addColumn('detail_json', 'text', (c: any) => c.notNull())
          .execute();
        // Administrator tokens, stored as hashes with an expiry, so every server of a deployment honours a rotation.
        await db.schema
          .createTable('admin_tokens')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('prefix', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        // Signed checkpoints of the audit chain's head (the key is kept outside the database).
        await (db.schema.createTable('audit_checkpoints') as any)
          .addColumn('id', serial, id)
          .addColumn('at', 'text', (c: any) => c.notNull())
          .addColumn('events', 'integer', (c: any) => c.notNull())
          .addColumn('head_hash', 'text', (c: any) => c.notNull())
          .addColumn('key_id', 'text', (c: any) => c.notNull())
          .addColumn('signature', 'text', (c: any) => c.notNull())
          .execute();
      },
    },
    '0008_plan_tasks': plansTasksMigration,
    '0012_ratings': ratingsMigration(dialect),
    '0013_service_points': servicePointsMigration(dialect),
    '0014_registrations': registrationsMigration(dialect),
    '0015_parameter_values': parameterValuesMigration(dialect),
    '0016_search_facets': searchFacetsMigration(dialect),
    '0019_document_relations': relationsMigration(dialect),
    '0020_case_chains': caseChainsMigration(dialect),
    '0021_search_store': searchStoreMigration(dialect),
    '0022_relation_indexes': relationIndexesMigration(),
  };
}

class InlineProvider implements MigrationProvider {
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}
  async getMigrations() {
    return migrations(this.dialect);
  }
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: new InlineProvider(db.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${error instanceof Error ? error.message : String(error ?? '')}`);
}
