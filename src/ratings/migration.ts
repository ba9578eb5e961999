// Migration '0012_ratings': 好差评 — the ratings of finished cases and the follow-up each 差评 opens.
// The same statements on SQLite and PostgreSQL (an auto-increment id on SQLite, serial on PostgreSQL).
import { sql, type Kysely, type Migration } from 'kysely';

export function ratingsMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      const serial = dialect === 'postgres' ? 'serial' : 'integer';
      const id = (c: any) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
      // One rating per case (the unique key is the last guard against a second one sent at the same moment).
      // The office rated is stored as it stood when the rating was given — the role that acted last before
      // the case ended, with the case's place down to that role's level (and the unit of a city department) —
      // so a later move of the case, a renamed role or a changed account does not re-attribute old ratings.
      await (db.schema.createTable('ratings') as any)
        .addColumn('id', serial, id)
        .addColumn('case_id', 'text', (c: any) => c.notNull().unique().references('cases.id'))
        .addColumn('procedure', 'text', (c: any) => c.notNull())
        .addColumn('rater_user_id', 'integer', (c: any) => c.notNull().references('users.id'))
        .addColumn('score', 'integer', (c: any) => c.notNull().check(sql`score >= 1 AND score <= 5`))
        .addColumn('comment', 'text')
        .addColumn('office_role', 'text', (c: any) => c.notNull())
        .addColumn('office_level', 'text', (c: any) => c.notNull())
        .addColumn('office_county', 'text', (c: any) => c.notNull())
        .addColumn('office_township', 'text', (c: any) => c.notNull())
        .addColumn('office_village', 'text', (c: any) => c.notNull())
        .addColumn('office_unit', 'text', (c: any) => c.notNull())
        .addColumn('office_label', 'text', (c: any) => c.notNull())
        .addColumn('rated_on', 'text', (c: any) => c.notNull())
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .execute();
      await db.schema.createIndex('ratings_office').on('ratings').columns(['office_role', 'office_county', 'office_township', 'office_village']).execute();
      // The follow-up of a 差评: due on the working-day calendar, answered once by the office rated.
      await (db.schema.createTable('rating_followups') as any)
        .addColumn('id', serial, id)
        .addColumn('rating_id', 'integer', (c: any) => c.notNull().unique().references('ratings.id'))
        .addColumn('case_id', 'text', (c: any) => c.notNull().references('cases.id'))
        .addColumn('opened_on', 'text', (c: any) => c.notNull())
        .addColumn('due_on', 'text')
        .addColumn('due_note', 'text')
        .addColumn('status', 'text', (c: any) => c.notNull())
        .addColumn('reply', 'text')
        .addColumn('replied_by_id', 'integer')
        .addColumn('replied_by_name', 'text')
        .addColumn('replied_at', 'text')
        .addColumn('replied_on', 'text')
        .addColumn('citation', 'text', (c: any) => c.notNull())
        .execute();
      await db.schema.createIndex('rating_followups_status').on('rating_followups').columns(['status', 'due_on']).execute();
    },
  };
}
