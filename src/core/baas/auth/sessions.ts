import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types';
import { signJwt } from './jwt';

/** The auth settings of one BaaS instance. */
export interface AuthConfig {
  jwtSecret: string;
  /** The server's base URL, for links in Inbox emails. */
  publicUrl: string;
  /** When true, sign-up needs no email confirmation (a quick-start switch; Supabase's "Confirm email" off). */
  autoConfirm: boolean;
  /** Access-token lifetime in seconds (Supabase's default is 3600). */
  jwtExpiry: number;
}

/** A user row of auth.users. */
export interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string;
  email_confirmed_at: Date | string | null;
  last_sign_in_at: Date | string | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The user object as GoTrue returns it. */
export function userJson(u: UserRow): Record<string, unknown> {
  return {
    id: u.id,
    aud: u.aud,
    role: u.role,
    email: u.email,
    email_confirmed_at: iso(u.email_confirmed_at),
    confirmed_at: iso(u.email_confirmed_at),
    phone: '',
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data,
    user_metadata: u.raw_user_meta_data,
    identities: [],
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
  };
}

/** A random opaque token (refresh tokens, email links). */
export function opaqueToken(): string {
  return randomBytes(24).toString('base64url');
}

async function accessToken(cfg: AuthConfig, user: UserRow, sessionId: string): Promise<string> {
  return signJwt(
    {
      sub: user.id,
      aud: user.aud,
      role: 'authenticated',
      email: user.email,
      phone: '',
      app_metadata: user.raw_app_meta_data,
      user_metadata: user.raw_user_meta_data,
      session_id: sessionId,
      is_anonymous: false,
    },
    cfg.jwtSecret,
    cfg.jwtExpiry,
  );
}

/** Starts a session for a user and returns it as GoTrue's token response. */
export async function startSession(tx: Queryable, cfg: AuthConfig, user: UserRow): Promise<Record<string, unknown>> {
  const { rows } = await tx.query<{ id: string }>('insert into auth.sessions (user_id) values ($1) returning id', [user.id]);
  await tx.query('update auth.users set last_sign_in_at = now() where id = $1', [user.id]);
  return issueTokens(tx, cfg, user, rows[0].id, null);
}

/** Issues an access token and a new refresh token in a session (parent: the token it replaces). */
export async function issueTokens(
  tx: Queryable,
  cfg: AuthConfig,
  user: UserRow,
  sessionId: string,
  parent: string | null,
): Promise<Record<string, unknown>> {
  const refresh = opaqueToken();
  await tx.query('insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3, $4)', [
    refresh,
    user.id,
    sessionId,
    parent,
  ]);
  const now = Math.floor(Date.now() / 1000);
  return {
    access_token: await accessToken(cfg, user, sessionId),
    token_type: 'bearer',
    expires_in: cfg.jwtExpiry,
    expires_at: now + cfg.jwtExpiry,
    refresh_token: refresh,
    user: userJson(user),
  };
}

/** Outcome of presenting a refresh token. */
export type RefreshOutcome = { session: Record<string, unknown> } | { error: 'not_found' | 'reused' | 'revoked' };

/**
 * Rotates a refresh token. Presenting a token that was already rotated is reuse: the whole session is revoked,
 * as GoTrue does (https://supabase.com/docs/guides/auth/sessions, read 2026-11-27). GoTrue's 10 s reuse interval
 * for concurrent refreshes is not modelled.
 */
export async function rotateRefreshToken(tx: Queryable, cfg: AuthConfig, token: string): Promise<RefreshOutcome> {
  const { rows } = await tx.query<{ session_id: string; revoked: boolean; user_id: string; revoked_at: Date | null }>(
    `select t.session_id, t.revoked, t.user_id, s.revoked_at from auth.refresh_tokens t
       join auth.sessions s on s.id = t.session_id where t.token = $1 for update`,
    [token],
  );
  const row = rows[0];
  if (!row) return { error: 'not_found' };
  if (row.revoked_at) return { error: 'revoked' };
  if (row.revoked) {
    await revokeSession(tx, row.session_id);
    return { error: 'reused' };
  }
  await tx.query('update auth.refresh_tokens set revoked = true where token = $1', [token]);
  const user = (await tx.query<UserRow>('select * from auth.users where id = $1', [row.user_id])).rows[0];
  return { session: await issueTokens(tx, cfg, user, row.session_id, token) };
}

/** Ends a session: its refresh tokens can no longer be used. */
export async function revokeSession(tx: Queryable, sessionId: string): Promise<void> {
  await tx.query('update auth.sessions set revoked_at = now() where id = $1 and revoked_at is null', [sessionId]);
  await tx.query('update auth.refresh_tokens set revoked = true where session_id = $1', [sessionId]);
}
