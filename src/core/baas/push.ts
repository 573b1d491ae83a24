// Simulated push notifications, `/push/v1` (ours: Supabase has no push API). A simulated device
// registers and gets a token, as a phone gets one from FCM or APNs; a function (with the service-role
// key, as an FCM server key) sends a notification to a token; the device's received list is
// queryable (the explorer's Devices view). Nothing leaves the machine. What is and is not modelled is
// in docs/baas.md. Limits (read 2026-11-27): FCM's 4,096-byte message payload
// (https://firebase.google.com/docs/cloud-messaging/concept-options#notifications_and_data_messages) and
// APNs' 4 KB payload (https://developer.apple.com/documentation/usernotifications/sending-notification-requests-to-apns).
import { randomBytes, randomUUID } from 'node:crypto';
import { json, type ApiContext, type ApiRequest, type ApiResponse } from './api/types';
import type { Database } from './db/types';

/** The payload limit both services document (4 KB). */
export const PUSH_PAYLOAD_LIMIT = 4096;

const SCHEMA_SQL = `
create schema if not exists push;
create table if not exists push.devices (
  token text primary key,
  user_id uuid,
  platform text not null check (platform in ('fcm', 'apns')),
  name text not null default 'Simulated device',
  created_at timestamptz not null default now()
);
create table if not exists push.notifications (
  id uuid primary key,
  token text not null references push.devices(token) on delete cascade,
  title text,
  body text,
  data jsonb not null default '{}',
  sent_at timestamptz not null default now()
);
`;

const ready = new WeakMap<Database, Promise<unknown>>();
/** Creates the push tables once per database (idempotent SQL; kept apart from the Supabase bootstrap). */
function ensureSchema(db: Database): Promise<unknown> {
  let p = ready.get(db);
  if (!p) ready.set(db, (p = db.exec(SCHEMA_SQL)));
  return p;
}

/** FCM v1's error shape (`error.code`, `message`, `status`, `details[].errorCode`), which FCM clients read. */
function fcmError(status: number, fcmStatus: string, message: string, errorCode?: string): ApiResponse {
  return json(status, { error: { code: status, message, status: fcmStatus, ...(errorCode ? { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] } : {}) } });
}

function parseBody(req: ApiRequest): Record<string, unknown> | undefined {
  if (!req.body.length) return {};
  try {
    const v: unknown = JSON.parse(req.body.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `/push/v1` routes. */
export function pushRoutes() {
  return async (req: ApiRequest, ctx: ApiContext): Promise<ApiResponse> => {
    await ensureSchema(ctx.db);
    const input = parseBody(req);
    if (!input) return fcmError(400, 'INVALID_ARGUMENT', 'The request body must be a JSON object.');
    const service = ctx.claims.role === 'service_role';
    const parts = req.path.split('/').filter(Boolean).map(decodeURIComponent);

    // POST /devices {platform, name}: a simulated device registers and receives its token.
    if (req.method === 'POST' && parts.length === 1 && parts[0] === 'devices') {
      const platform = input.platform ?? 'fcm';
      if (platform !== 'fcm' && platform !== 'apns') return fcmError(400, 'INVALID_ARGUMENT', 'platform must be "fcm" or "apns".');
      const token = platform === 'apns' ? randomBytes(32).toString('hex') : `${randomBytes(16).toString('base64url')}:APA91b${randomBytes(48).toString('base64url')}`;
      const name = typeof input.name === 'string' && input.name.trim() ? input.name.trim().slice(0, 100) : 'Simulated device';
      const row = (await ctx.db.query('insert into push.devices (token, user_id, platform, name) values ($1, $2, $3, $4) returning token, user_id, platform, name, created_at', [token, ctx.claims.sub ?? null, platform, name])).rows[0];
      return json(201, row);
    }
    // GET /devices: the caller's devices (every device for the service role).
    if (req.method === 'GET' && parts.length === 1 && parts[0] === 'devices') {
      const rows = service
        ? (await ctx.db.query('select token, user_id, platform, name, created_at from push.devices order by created_at')).rows
        : (await ctx.db.query('select token, user_id, platform, name, created_at from push.devices where user_id = $1 order by created_at', [ctx.claims.sub ?? null])).rows;
      return json(200, rows);
    }
    // GET /devices/<token>/notifications: what the device received, newest last. The token is the device's secret.
    if (req.method === 'GET' && parts.length === 3 && parts[0] === 'devices' && parts[2] === 'notifications') {
      const device = (await ctx.db.query('select token from push.devices where token = $1', [parts[1]])).rows[0];
      if (!device) return fcmError(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED');
      return json(200, (await ctx.db.query('select id, title, body, data, sent_at from push.notifications where token = $1 order by sent_at, id', [parts[1]])).rows);
    }
    // DELETE /devices/<token>: the app is uninstalled; later sends get UNREGISTERED, as FCM answers.
    if (req.method === 'DELETE' && parts.length === 2 && parts[0] === 'devices') {
      const gone = await ctx.db.query('delete from push.devices where token = $1', [parts[1]]);
      return gone.affectedRows ? { status: 204, headers: {} } : fcmError(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED');
    }
    // POST /send {message: {token, notification: {title, body}, data}}: FCM v1's request body, service role only.
    if (req.method === 'POST' && parts.length === 1 && parts[0] === 'send') {
      if (!service) return fcmError(403, 'PERMISSION_DENIED', 'Sending needs the service-role key (a server credential), as FCM needs a server key.');
      const message = (input.message ?? {}) as Record<string, unknown>;
      if (typeof message.token !== 'string') return fcmError(400, 'INVALID_ARGUMENT', 'message.token is required.');
      const notification = (message.notification ?? {}) as Record<string, unknown>;
      const data = (message.data ?? {}) as Record<string, unknown>;
      if (Object.values(data).some((v) => typeof v !== 'string')) return fcmError(400, 'INVALID_ARGUMENT', 'message.data values must be strings (FCM data messages are string maps).');
      if (Buffer.byteLength(JSON.stringify({ notification, data })) > PUSH_PAYLOAD_LIMIT) return fcmError(400, 'INVALID_ARGUMENT', `Message is too big: the payload exceeds ${PUSH_PAYLOAD_LIMIT} bytes.`, 'INVALID_ARGUMENT');
      const device = (await ctx.db.query('select token from push.devices where token = $1', [message.token])).rows[0];
      if (!device) return fcmError(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED');
      const id = randomUUID();
      await ctx.db.query('insert into push.notifications (id, token, title, body, data) values ($1, $2, $3, $4, $5)', [id, message.token, notification.title ?? null, notification.body ?? null, JSON.stringify(data)]);
      return json(200, { name: `projects/serverless-lab/messages/${id}` });
    }
    return fcmError(404, 'NOT_FOUND', `No push route ${req.method} ${req.path}.`);
  };
}
