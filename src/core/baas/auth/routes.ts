import { json, type ApiContext, type ApiRequest, type ApiResponse } from '../api/types';
import type { Queryable } from '../db/types';
import { hashPassword, verifyPassword } from './passwords';
import { opaqueToken, revokeSession, rotateRefreshToken, startSession, userJson, type AuthConfig, type UserRow } from './sessions';

/** GoTrue's error shape (`code`, `error_code`, `msg`), which supabase-js turns into an AuthApiError. */
export function authError(status: number, errorCode: string, msg: string): ApiResponse {
  return json(status, { code: status, error_code: errorCode, msg });
}

function body(req: ApiRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  const value: unknown = JSON.parse(req.body.toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('body must be a JSON object');
  return value as Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const emailOk = (e: string | undefined): e is string => !!e && /^[^\s@]+@[^\s@]+$/.test(e);

async function userBy(tx: Queryable, column: 'id' | 'email' | 'confirmation_token' | 'recovery_token', value: string) {
  return (await tx.query<UserRow>(`select * from auth.users where ${column} = $1`, [value])).rows[0];
}

async function sendMail(tx: Queryable, cfg: AuthConfig, to: string, kind: string, token: string): Promise<void> {
  const link = `${cfg.publicUrl}/auth/v1/verify?token=${encodeURIComponent(token)}&type=${kind}`;
  const subject = { signup: 'Confirm your signup', magiclink: 'Your magic link', recovery: 'Reset your password' }[kind] ?? kind;
  await tx.query('insert into auth.inbox (to_email, kind, subject, body, link) values ($1, $2, $3, $4, $5)', [
    to,
    kind,
    subject,
    `Follow this link: ${link}`,
    link,
  ]);
}

/** The `/auth/v1` routes, a subset of GoTrue's API (https://github.com/supabase/auth, read 2026-11-27). */
export function authRoutes(cfg: AuthConfig) {
  return async (req: ApiRequest, ctx: ApiContext): Promise<ApiResponse> => {
    let input: Record<string, unknown>;
    try {
      input = body(req);
    } catch (err) {
      return authError(400, 'bad_json', `Could not parse request body as JSON: ${(err as Error).message}`);
    }
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    const { db, claims } = ctx;
    const email = str(input.email)?.toLowerCase();
    const password = str(input.password);

    if (route === 'GET /settings') {
      return json(200, { external: { email: true }, disable_signup: false, mailer_autoconfirm: cfg.autoConfirm });
    }
    if (route === 'POST /signup') {
      if (!emailOk(email)) return authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
      if (!password || password.length < 6) return authError(422, 'weak_password', 'Password should be at least 6 characters.');
      const hash = await hashPassword(password);
      return db.transaction(async (tx) => {
        if (await userBy(tx, 'email', email)) return authError(422, 'user_already_exists', 'User already registered');
        const token = cfg.autoConfirm ? null : opaqueToken();
        const user = (
          await tx.query<UserRow>(
            `insert into auth.users (email, encrypted_password, raw_user_meta_data, email_confirmed_at, confirmation_token, confirmation_sent_at)
             values ($1, $2, $3, $4, $5, $6) returning *`,
            [email, hash, JSON.stringify(input.data ?? {}), cfg.autoConfirm ? new Date() : null, token, token ? new Date() : null],
          )
        ).rows[0];
        if (token) {
          await sendMail(tx, cfg, email, 'signup', token);
          return json(200, userJson(user));
        }
        return json(200, await startSession(tx, cfg, user));
      });
    }
    if (route === 'POST /token') {
      const grant = req.query.get('grant_type');
      if (grant === 'password') {
        const user = email ? await userBy(db, 'email', email) : undefined;
        // Verify even without a user, so that response time does not reveal which emails exist.
        const ok = await verifyPassword(password ?? '', (user as { encrypted_password?: string } | undefined)?.encrypted_password ?? 'scrypt$1$1$1$$');
        if (!user || !ok) return authError(400, 'invalid_credentials', 'Invalid login credentials');
        if (!user.email_confirmed_at) return authError(400, 'email_not_confirmed', 'Email not confirmed');
        return json(200, await db.transaction((tx) => startSession(tx, cfg, user)));
      }
      if (grant === 'refresh_token') {
        const token = str(input.refresh_token);
        if (!token) return authError(400, 'validation_failed', 'refresh_token is required');
        const outcome = await db.transaction((tx) => rotateRefreshToken(tx, cfg, token));
        if ('session' in outcome) return json(200, outcome.session);
        if (outcome.error === 'reused') return authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
        if (outcome.error === 'revoked') return authError(400, 'session_not_found', 'Invalid Refresh Token: Session Expired');
        return authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      }
      return authError(400, 'unsupported_grant_type', 'grant_type must be password or refresh_token');
    }
    if (route === 'GET /verify' || route === 'POST /verify') {
      const token = str(req.query.get('token')) ?? str(input.token) ?? str(input.token_hash);
      const type = str(req.query.get('type')) ?? str(input.type);
      const column = type === 'recovery' ? 'recovery_token' : 'confirmation_token';
      const user = token ? await userBy(db, column, token) : undefined;
      if (!user) return authError(403, 'otp_expired', 'Email link is invalid or has expired');
      const session = await db.transaction(async (tx) => {
        await tx.query(`update auth.users set ${column} = null, email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1`, [user.id]);
        return startSession(tx, cfg, (await userBy(tx, 'id', user.id))!);
      });
      return json(200, session);
    }
    if (route === 'POST /otp' || route === 'POST /magiclink' || route === 'POST /recover') {
      if (!emailOk(email)) return authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
      const recovery = route === 'POST /recover';
      await db.transaction(async (tx) => {
        let user = await userBy(tx, 'email', email);
        if (!user && !recovery && input.create_user !== false) {
          user = (await tx.query<UserRow>('insert into auth.users (email) values ($1) returning *', [email])).rows[0];
        }
        if (!user) return; // Say nothing about unknown addresses, as GoTrue does.
        const token = opaqueToken();
        const column = recovery ? 'recovery' : 'confirmation';
        await tx.query(`update auth.users set ${column}_token = $1, ${column}_sent_at = now() where id = $2`, [token, user.id]);
        await sendMail(tx, cfg, email, recovery ? 'recovery' : 'magiclink', token);
      });
      return json(200, {});
    }
    if (req.path.startsWith('/admin/')) {
      if (claims.role !== 'service_role') return authError(403, 'not_admin', 'User not allowed');
      return adminRoute(req, input, ctx, cfg);
    }
    // Everything below acts on the signed-in user.
    if (claims.role !== 'authenticated' || !claims.sub) return authError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    const sub = claims.sub;
    if (route === 'GET /user') {
      const user = await userBy(db, 'id', sub);
      return user ? json(200, userJson(user)) : authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    }
    if (route === 'PUT /user') {
      const hash = password ? await hashPassword(password) : null;
      const user = (
        await db.query<UserRow>(
          `update auth.users set email = coalesce($2, email), encrypted_password = coalesce($3, encrypted_password),
             raw_user_meta_data = raw_user_meta_data || $4::jsonb, updated_at = now() where id = $1 returning *`,
          [sub, email ?? null, hash, JSON.stringify(input.data ?? {})],
        )
      ).rows[0];
      return user ? json(200, userJson(user)) : authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    }
    if (route === 'POST /logout') {
      const scope = req.query.get('scope') ?? 'global';
      await db.transaction(async (tx) => {
        const sessions = (await tx.query<{ id: string }>('select id from auth.sessions where user_id = $1 and revoked_at is null', [sub])).rows;
        for (const s of sessions) {
          const mine = s.id === claims.session_id;
          if (scope === 'global' || (scope === 'local' && mine) || (scope === 'others' && !mine)) await revokeSession(tx, s.id);
        }
      });
      return { status: 204, headers: {} };
    }
    return authError(404, 'not_found', `No auth route ${route}`);
  };
}

async function adminRoute(req: ApiRequest, input: Record<string, unknown>, { db }: ApiContext, cfg: AuthConfig): Promise<ApiResponse> {
  const id = /^\/admin\/users\/([0-9a-f-]{36})$/.exec(req.path)?.[1];
  if (req.method === 'GET' && req.path === '/admin/users') {
    const users = (await db.query<UserRow>('select * from auth.users order by created_at')).rows;
    return json(200, { users: users.map(userJson), aud: 'authenticated' });
  }
  if (req.method === 'POST' && req.path === '/admin/users') {
    const email = str(input.email)?.toLowerCase();
    if (!emailOk(email)) return authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
    const password = str(input.password);
    const hash = password ? await hashPassword(password) : null;
    try {
      const user = (
        await db.query<UserRow>(
          `insert into auth.users (email, encrypted_password, raw_user_meta_data, email_confirmed_at) values ($1, $2, $3, $4) returning *`,
          [email, hash, JSON.stringify(input.user_metadata ?? {}), input.email_confirm === true || cfg.autoConfirm ? new Date() : null],
        )
      ).rows[0];
      return json(200, userJson(user));
    } catch (err) {
      if ((err as { code?: string }).code === '23505') return authError(422, 'email_exists', 'A user with this email address has already been registered');
      throw err;
    }
  }
  if (id && req.method === 'GET') {
    const user = await userBy(db, 'id', id);
    return user ? json(200, userJson(user)) : authError(404, 'user_not_found', 'User not found');
  }
  if (id && req.method === 'DELETE') {
    const { affectedRows } = await db.query('delete from auth.users where id = $1', [id]);
    return affectedRows ? json(200, {}) : authError(404, 'user_not_found', 'User not found');
  }
  return authError(404, 'not_found', `No admin route ${req.method} ${req.path}`);
}
