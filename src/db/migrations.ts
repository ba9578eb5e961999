// Schema migrations for both databases. Full-text search uses each
// database's own index: an FTS5 table on SQLite, a GIN-indexed tsvector on
// PostgreSQL. Both index the same pre-tokenised text (see gazette/tokens.ts).
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';

function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
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
          await sql`CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='search_units', content_rowid='id', tokenize='unicode61', prefix='7')`.execute(db);
          await sql`CREATE TRIGGER search_units_ai AFTER INSERT ON search_units BEGIN INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END`.execute(db);
          await sql`CREATE TRIGGER search_units_ad AFTER DELETE ON search_units BEGIN INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END`.execute(db);
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
