// The notification centre: what the platform told a user (a case moved, 补正 is needed, a certificate is
// ready, a reminder or a 督办), read and marked as read in the web; e-mail and the webhook carry the
// same messages out of the platform (delivered by the job runner, src/jobs/handlers.ts).
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import type { Selectable } from 'kysely';
import type { NotificationTable } from '../db/schema.js';
import type { InsertWith } from '../engine/audit.js';

export async function listNotifications(db: Db, actor: Actor, f: { page?: number; pageSize?: number; unread?: boolean } = {}) {
  let q = db.kysely.selectFrom('notifications').where('user_id', '=', actor.id);
  if (f.unread) q = q.where('read_at', 'is', null);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const unread = await db.kysely
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', actor.id)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  const pageSize = f.pageSize ?? 20;
  const rows = await q
    .selectAll()
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset(((f.page ?? 1) - 1) * pageSize)
    .execute();
  return {
    total: Number(n),
    unread: Number(unread.n),
    page: f.page ?? 1,
    pageSize,
    items: rows.map((r) => ({ id: Number(r.id), caseId: r.case_id, kind: r.kind, title: r.title, body: r.body, createdAt: r.created_at, readAt: r.read_at })),
  };
}

export async function markRead(db: Db, actor: Actor, id: number | 'all') {
  let q = db.kysely.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', actor.id).where('read_at', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return { marked: Number(r.numUpdatedRows) };
}

/** In-app messages to every active user of a role who may read the case (a reminder, a 督办). */
export async function notifyRole(db: Db, users: { id: number }[], n: { caseId: string | null; kind: string; title: string; body: string }) {
  const now = new Date().toISOString();
  if (users.length === 0) return 0;
  await db.kysely
    .insertInto('notifications')
    .values(users.map((u) => ({ user_id: u.id, case_id: n.caseId, kind: n.kind, title: n.title, body: n.body, created_at: now, read_at: null })))
    .execute();
  return users.length;
}

/** A notification as the engine writes it with a step. */
export type NotificationRow = Omit<Selectable<NotificationTable>, 'id' | 'read_at'>;

const COLUMNS: [keyof NotificationRow, 'text' | 'integer'][] = [
  ['user_id', 'integer'],
  ['case_id', 'text'],
  ['kind', 'text'],
  ['title', 'text'],
  ['body', 'text'],
  ['created_at', 'text'],
];

/** Notifications inserted with a step's write, outside the query builder (audit.ts `InsertWith`). */
export const notificationsInsert = (rows: NotificationRow[]): InsertWith => ({
  table: 'notifications',
  columns: COLUMNS,
  rows: rows.map((n) => COLUMNS.map(([c]) => n[c])),
});
