/** Users and Inbox reads for the explorer, as the database owner (auth.* is not exposed to API roles). */
import type { ApiRole, JwtClaims, Queryable } from '../db/types';

/** A user as the Users view lists it. */
export interface UserSummary {
  id: string;
  email: string;
  confirmed: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** A mail in the local Inbox. */
export interface InboxMail {
  id: number;
  to: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: string;
}

/** Who the explorer and the SQL console act as. */
export type ActingAs = { kind: 'service' } | { kind: 'anon' } | { kind: 'user'; id: string; email: string };

/** The JWT claims an `ActingAs` stands for, shaped like the ones Supabase's auth server issues. */
export function claimsFor(actor: ActingAs): JwtClaims {
  if (actor.kind === 'service') return { role: 'service_role' satisfies ApiRole };
  if (actor.kind === 'anon') return { role: 'anon' };
  return { role: 'authenticated', sub: actor.id, email: actor.email, aud: 'authenticated' };
}

/** A short label for banners and status texts. */
export function actingLabel(actor: ActingAs): string {
  return actor.kind === 'service' ? 'service role (bypasses RLS)' : actor.kind === 'anon' ? 'anon (not signed in)' : `${actor.email} (authenticated)`;
}

/** Lists users, newest first. */
export async function listUsers(db: Pick<Queryable, 'query'>): Promise<UserSummary[]> {
  const result = await db.query<{ id: string; email: string; confirmed: boolean; created: string; last: string | null }>(
    `select id::text, email, email_confirmed_at is not null as confirmed, created_at::text as created, last_sign_in_at::text as last from auth.users order by created_at desc`,
  );
  return result.rows.map((r) => ({ id: r.id, email: r.email, confirmed: r.confirmed, createdAt: r.created, lastSignInAt: r.last }));
}

/** Marks a user's email as confirmed (as the admin API's `email_confirm` does). */
export async function confirmEmail(db: Pick<Queryable, 'query'>, id: string): Promise<void> {
  await db.query(`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = null where id = $1`, [id]);
}

/** Lists Inbox mails, newest first. */
export async function listInbox(db: Pick<Queryable, 'query'>, limit = 200): Promise<InboxMail[]> {
  const result = await db.query<{ id: number; to_email: string; kind: string; subject: string; body: string; link: string | null; created: string }>(
    `select id, to_email, kind, subject, body, link, created_at::text as created from auth.inbox order by id desc limit $1`,
    [limit],
  );
  return result.rows.map((r) => ({ id: Number(r.id), to: r.to_email, kind: r.kind, subject: r.subject, body: r.body, link: r.link, createdAt: r.created }));
}
