// Migration '0014_registrations': accounts for real people — self-registration of villagers and enterprises,
// one-time phone codes (registration and password reset), and the "must change password" flag a temporary
// password sets. The same statements on SQLite and PostgreSQL.
import type { Generated, Kysely, Migration } from 'kysely';

/** One self-registration: the account it made (disabled until active), what was declared, and its decision. */
export interface RegistrationTable {
  id: Generated<number>;
  user_id: number;
  kind: string; // applicant | enterprise
  name: string; // the villager's name, or the enterprise's contact person
  phone: string;
  county: string;
  township: string | null;
  village: string | null;
  unit: string | null; // the enterprise's name
  credit_code: string | null; // 统一社会信用代码
  id_number: string | null;
  /** pending_code (waits for the SMS code) | pending (waits for an official) | active | rejected */
  status: string;
  reason: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  created_at: string;
}

/** A one-time code sent to a phone: only its salted hash is kept, with its expiry, wrong attempts and sends. */
export interface PhoneCodeTable {
  id: Generated<number>;
  purpose: string; // register | reset
  phone: string;
  code_hash: string;
  salt: string;
  expires_at: string;
  attempts: number;
  sends: number;
  window_start: string;
  last_sent_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    registrations: RegistrationTable;
    phone_codes: PhoneCodeTable;
  }
  interface UserTable {
    /** 1 after a temporary password: every call but /api/me and /api/me/password is refused until it is changed. */
    must_change_password: Generated<number>;
  }
}

export const registrationsMigration = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<any>) {
    const serial = dialect === 'postgres' ? 'serial' : 'integer';
    const id = (c: any) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
    await db.schema
      .alterTable('users')
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await (db.schema.createTable('registrations') as any)
      .addColumn('id', serial, id)
      .addColumn('user_id', 'integer', (c: any) => c.notNull().unique().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c: any) => c.notNull())
      .addColumn('name', 'text', (c: any) => c.notNull())
      .addColumn('phone', 'text', (c: any) => c.notNull())
      .addColumn('county', 'text', (c: any) => c.notNull())
      .addColumn('township', 'text')
      .addColumn('village', 'text')
      .addColumn('unit', 'text')
      .addColumn('credit_code', 'text')
      .addColumn('id_number', 'text')
      .addColumn('status', 'text', (c: any) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_by_name', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', (c: any) => c.notNull())
      .execute();
    await db.schema.createIndex('registrations_area').on('registrations').columns(['status', 'county', 'township', 'village']).execute();
    await (db.schema.createTable('phone_codes') as any)
      .addColumn('id', serial, id)
      .addColumn('purpose', 'text', (c: any) => c.notNull())
      .addColumn('phone', 'text', (c: any) => c.notNull())
      .addColumn('code_hash', 'text', (c: any) => c.notNull())
      .addColumn('salt', 'text', (c: any) => c.notNull())
      .addColumn('expires_at', 'text', (c: any) => c.notNull())
      .addColumn('attempts', 'integer', (c: any) => c.notNull())
      .addColumn('sends', 'integer', (c: any) => c.notNull())
      .addColumn('window_start', 'text', (c: any) => c.notNull())
      .addColumn('last_sent_at', 'text', (c: any) => c.notNull())
      .addUniqueConstraint('phone_codes_purpose_phone', ['purpose', 'phone'])
      .execute();
  },
});
