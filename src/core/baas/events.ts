// BaaS changes become events on the embedded event engine: row changes on chosen tables and sign-ups
// through real Postgres triggers and pg_notify (LISTEN on the database, never diffing tables), and
// storage uploads and deletes through the storage layer's hook. Each becomes a PutEvents entry on a
// bus, so rules route them to functions like any other event.
// Shapes (read 2026-11-27):
//   tables: Supabase database webhooks' payload, https://supabase.com/docs/guides/database/webhooks
//   storage: S3 event notifications delivered to EventBridge, https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
import { randomUUID } from 'node:crypto';
import type { ObjectEvent } from './storage/types';
import type { PutEventsEntry, PutEventsResultEntry } from '../eventing/bus';
import type { Database } from './db/types';

/** The pg_notify channel of row changes, and of sign-ups. */
export const CHANGES_CHANNEL = 'serverless_lab_changes';
export const SIGNUP_CHANNEL = 'serverless_lab_signups';

/** pg_notify refuses payloads of 8,000 bytes or more; a bigger row is announced without its contents. */
const NOTIFY_LIMIT = 7900;

/** A row change, exactly as a Supabase database webhook posts it. */
export interface TableChange {
  type: 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  schema: string;
  /** The new row (null on DELETE). */
  record: Record<string, unknown> | null;
  /** The old row (null on INSERT). */
  old_record: Record<string, unknown> | null;
  /** Not in Supabase's payload: set when the row was too big for a notification, so record and old_record are null. */
  truncated?: true;
}

/** A storage change, as the storage layer reports it (`StorageConfig.onObjectEvent`). */
export type { ObjectEvent } from './storage/types';

/** Event sources and detail types on the bus (routable with an ordinary pattern). */
export const BAAS_EVENT_SOURCES = { database: 'serverless-lab.database', auth: 'serverless-lab.auth', storage: 'aws.s3' } as const;

/** A table name as `schema.table` or `table` (public), validated so it can go into SQL text. */
function qualified(name: string): { schema: string; table: string; sql: string } {
  const m = /^(?:([a-z_][a-z0-9_]*)\.)?([a-z_][a-z0-9_]*)$/i.exec(name);
  if (!m) throw new Error(`"${name}" is not a table name (use letters, digits and _, optionally schema.table)`);
  const schema = m[1] ?? 'public';
  return { schema, table: m[2], sql: `"${schema}"."${m[2]}"` };
}

/** The trigger functions (idempotent; the BaaS installs them on connect). */
export const TRIGGER_FUNCTIONS_SQL = `
create schema if not exists serverless_lab;
create or replace function serverless_lab.notify_change() returns trigger language plpgsql security definer as $f$
declare payload text;
begin
  payload := json_build_object('type', TG_OP, 'table', TG_TABLE_NAME, 'schema', TG_TABLE_SCHEMA,
    'record', case when TG_OP = 'DELETE' then null else row_to_json(NEW) end,
    'old_record', case when TG_OP = 'INSERT' then null else row_to_json(OLD) end)::text;
  if octet_length(payload) > ${NOTIFY_LIMIT} then
    payload := json_build_object('type', TG_OP, 'table', TG_TABLE_NAME, 'schema', TG_TABLE_SCHEMA, 'record', null, 'old_record', null, 'truncated', true)::text;
  end if;
  perform pg_notify('${CHANGES_CHANNEL}', payload);
  return null;
end $f$;
create or replace function serverless_lab.notify_signup() returns trigger language plpgsql security definer as $f$
begin
  perform pg_notify('${SIGNUP_CHANNEL}', json_build_object('id', NEW.id, 'email', NEW.email, 'created_at', NEW.created_at,
    'email_confirmed_at', NEW.email_confirmed_at, 'user_metadata', NEW.raw_user_meta_data)::text);
  return null;
end $f$;
drop trigger if exists serverless_lab_signups on auth.users;
create trigger serverless_lab_signups after insert on auth.users for each row execute function serverless_lab.notify_signup();
`;

/**
 * An event trigger that gives every table created later in schema `public` the same change trigger, so a table a
 * learner creates while the BaaS runs (SQL console, a migration applied from the editor) announces its rows at once.
 * Event triggers need a superuser: PGlite's user is one; on another server the caller reports the refusal.
 */
export const FOLLOW_NEW_TABLES_SQL = `
create or replace function serverless_lab.follow_new_tables() returns event_trigger language plpgsql as $f$
declare obj record;
begin
  for obj in select * from pg_event_trigger_ddl_commands() where command_tag = 'CREATE TABLE' and schema_name = 'public' loop
    execute format('drop trigger if exists serverless_lab_changes on %s', obj.object_identity);
    execute format('create trigger serverless_lab_changes after insert or update or delete on %s for each row execute function serverless_lab.notify_change()', obj.object_identity);
  end loop;
end $f$;
drop event trigger if exists serverless_lab_follow_new_tables;
create event trigger serverless_lab_follow_new_tables on ddl_command_end when tag in ('CREATE TABLE') execute function serverless_lab.follow_new_tables();
`;

/** SQL that makes `tables` announce every insert, update and delete (replacing an earlier trigger of ours). */
export function tableTriggersSql(tables: readonly string[]): string {
  return tables.map((name) => {
    const { sql } = qualified(name);
    return `drop trigger if exists serverless_lab_changes on ${sql};\ncreate trigger serverless_lab_changes after insert or update or delete on ${sql} for each row execute function serverless_lab.notify_change();`;
  }).join('\n');
}

/** A row change as a PutEvents entry: source `serverless-lab.database`, detail-type `Database Change`, the webhook payload as detail. */
export function tableChangeEntry(change: TableChange, bus?: string): PutEventsEntry {
  return { Source: BAAS_EVENT_SOURCES.database, DetailType: 'Database Change', Detail: JSON.stringify(change), Resources: [`table:${change.schema}.${change.table}`], ...(bus ? { EventBusName: bus } : {}) };
}

/** A sign-up as a PutEvents entry: source `serverless-lab.auth`, detail-type `User Signed Up`, detail `{ user }` (never the password hash). */
export function signupEntry(user: Record<string, unknown>, bus?: string): PutEventsEntry {
  return { Source: BAAS_EVENT_SOURCES.auth, DetailType: 'User Signed Up', Detail: JSON.stringify({ type: 'signup', user }), ...(bus ? { EventBusName: bus } : {}) };
}

/** A storage change as S3 delivers it to EventBridge: source `aws.s3`, `Object Created` / `Object Deleted`. */
export function objectEntry(event: ObjectEvent, bus?: string): PutEventsEntry {
  const created = event.type === 'ObjectCreated';
  const detail = {
    version: '0',
    bucket: { name: event.bucket },
    object: { key: event.key, ...(created && event.size !== undefined ? { size: event.size } : {}), ...(created && event.eTag ? { etag: s3ETag(event.eTag) } : {}), sequencer: Date.now().toString(16).toUpperCase() },
    'request-id': randomUUID(),
    requester: event.userId ?? 'service_role',
    reason: created ? 'PutObject' : 'DeleteObject',
    ...(created ? {} : { 'deletion-type': 'Permanently Deleted' }),
  };
  return { Source: BAAS_EVENT_SOURCES.storage, DetailType: created ? 'Object Created' : 'Object Deleted', Detail: JSON.stringify(detail), Resources: [`arn:aws:s3:::${event.bucket}`], ...(bus ? { EventBusName: bus } : {}) };
}

/**
 * S3's events carry the ETag as bare hex (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html,
 * read 2026-11-27), while the storage API's HTTP ETag header, like any HTTP ETag, is quoted.
 */
function s3ETag(eTag: string): string {
  return eTag.length >= 2 && eTag.startsWith('"') && eTag.endsWith('"') ? eTag.slice(1, -1) : eTag;
}

/** Where the entries go (the EventEngine, or anything with its putEvents). */
export interface EventSink {
  putEvents(entries: PutEventsEntry[]): { failedEntryCount: number; entries: PutEventsResultEntry[] };
}

/** A live connection from the database to the event engine. */
export interface BaasEvents {
  /** Give this to the storage layer as `onObjectEvent`. */
  onObjectEvent(event: ObjectEvent): void;
  /** Stops listening (the triggers stay: they cost a notification nobody hears). */
  close(): Promise<void>;
}

/** Installs the triggers for `tables`, LISTENs, and puts every change on the engine. `onError` hears entries the engine refused and unreadable payloads. */
export async function connectBaasEvents(
  db: Database,
  sink: EventSink,
  options: { tables?: readonly string[]; followNewTables?: boolean; bus?: string; onError?: (message: string) => void } = {},
): Promise<BaasEvents> {
  const tables = options.tables ?? [];
  for (const t of tables) qualified(t); // bad names fail before any SQL runs
  await db.exec(TRIGGER_FUNCTIONS_SQL + tableTriggersSql(tables));
  if (options.followNewTables) {
    await db.exec(FOLLOW_NEW_TABLES_SQL).catch((err: unknown) => options.onError?.(`tables created from now on will announce changes only after a restart of the BaaS: ${err instanceof Error ? err.message : String(err)}`));
  }
  const put = (entry: PutEventsEntry) => {
    const result = sink.putEvents([entry]);
    const failed = result.entries[0];
    if (failed && 'ErrorCode' in failed) options.onError?.(`${entry.DetailType}: ${failed.ErrorCode}: ${failed.ErrorMessage}`);
  };
  const parse = (payload: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(payload) as Record<string, unknown>;
    } catch {
      options.onError?.(`unreadable notification: ${payload.slice(0, 80)}`);
      return undefined;
    }
  };
  const stops = [
    await db.listen(CHANGES_CHANNEL, (payload) => {
      const change = parse(payload);
      if (change) put(tableChangeEntry(change as unknown as TableChange, options.bus));
    }),
    await db.listen(SIGNUP_CHANNEL, (payload) => {
      const user = parse(payload);
      if (user) put(signupEntry(user, options.bus));
    }),
  ];
  return {
    onObjectEvent: (event) => put(objectEntry(event, options.bus)),
    close: async () => {
      for (const stop of stops.splice(0)) await stop();
    },
  };
}
