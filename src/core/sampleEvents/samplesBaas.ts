// BaaS events, as the embedded BaaS puts them on the event engine (src/core/baas/events.ts) and the engine
// delivers them to a rule's function: the EventBridge envelope (src/core/eventing/bus.ts) around the detail.
// Built with events.ts's own entry builders, so a sample cannot drift from what a running BaaS sends; only
// values that change per event (ids, times, the S3 sequencer) are fixed here.
// Shapes (read 2026-11-27): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html (envelope),
// https://supabase.com/docs/guides/database/webhooks (row change), https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html (S3).
import { MAX_BODY_BYTES } from '../baas/api/types';
import { objectEntry, signupEntry, tableChangeEntry } from '../baas/events';
import { md5OfZeros } from './samplesData';
import type { PutEventsEntry } from '../eventing/bus';
import { eventEnvelope } from '../eventing/envelope';
import type { EventSample } from './types';

const TIME = '2026-11-27T12:00:00Z';
/** What Postgres's json_build_object writes for a timestamptz. */
const PG_TIME = '2026-11-27T12:00:00.123456+00:00';

/** The event a rule's target receives for a PutEvents entry (the buses build it with the same eventEnvelope). */
function delivered(entry: PutEventsEntry, id: string): Record<string, unknown> {
  return eventEnvelope(entry, JSON.parse(entry.Detail as string), id, Date.parse(TIME));
}

/** A sign-up (a row inserted into auth.users): source `serverless-lab.auth`, `User Signed Up`. */
export const baasUserSignedUp: EventSample = {
  id: 'baas-user-signed-up', label: 'BaaS: user signed up', source: 'identity',
  typeName: "EventBridgeEvent<'User Signed Up', { type: 'signup'; user: { id: string; email: string; created_at: string; email_confirmed_at: string | null; user_metadata: Record<string, unknown> } }>",
  docUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html',
  params: {
    email: { description: 'The new user\'s email', default: 'ada@example.com' },
    userId: { description: 'The new user\'s id (auth.users.id)', default: '8d4f1a52-3b6e-4c1f-9a57-2f0e6c1d7b90' },
  },
  build: (p) => delivered(signupEntry({ id: p.userId, email: p.email, created_at: PG_TIME, email_confirmed_at: null, user_metadata: {} }), 'a3c1e4f2-6b7d-4e8f-9a0b-1c2d3e4f5a61'),
};

/** A row inserted into a public table: source `serverless-lab.database`, `Database Change`, Supabase's webhook payload. */
export const baasRowInserted: EventSample = {
  id: 'baas-row-inserted', label: 'BaaS: row inserted (database webhook payload)', source: 'stream',
  typeName: "EventBridgeEvent<'Database Change', { type: 'INSERT' | 'UPDATE' | 'DELETE'; table: string; schema: string; record: Record<string, unknown> | null; old_record: Record<string, unknown> | null }>",
  docUrl: 'https://supabase.com/docs/guides/database/webhooks',
  params: {
    table: { description: 'Table name (schema public)', default: 'todos' },
    title: { description: 'The new row\'s title column', default: 'Write the welcome mail' },
  },
  build: (p) => delivered(tableChangeEntry({ type: 'INSERT', table: p.table, schema: 'public', record: { id: 1, title: p.title, done: false }, old_record: null }), 'b4d2f5a3-7c8e-4f90-8b1c-2d3e4f5a6b72'),
};

/** A file uploaded to BaaS storage: S3's EventBridge shape, source `aws.s3`, `Object Created`. */
export const baasObjectCreated: EventSample = {
  id: 'baas-object-created', label: 'BaaS: file uploaded to storage (S3 Object Created)', source: 'storage',
  typeName: 'S3ObjectCreatedNotificationEvent',
  typeDeviation: {
    checkAs: "Omit<S3ObjectCreatedNotificationEvent, 'detail'> & { detail: Omit<S3ObjectCreatedNotificationEventDetail, 'object' | 'source-ip-address'> & { object: Omit<S3ObjectCreatedNotificationEventDetail['object'], 'version-id'> } }",
    reason: 'the BaaS sends no "version-id" (storage has no versions) and no "source-ip-address"',
  },
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html',
  params: {
    bucket: { description: 'Bucket name', default: 'avatars' },
    key: { description: 'Object key', default: '8d4f1a52-3b6e-4c1f-9a57-2f0e6c1d7b90/me.png' },
    size: { description: 'Object size in bytes', default: '1024' },
  },
  build: (p) => {
    const size = Number(p.size);
    if (!Number.isInteger(size) || size < 0) throw new Error('size must be a whole number of bytes');
    if (size > MAX_BODY_BYTES) throw new Error(`size must be at most ${MAX_BODY_BYTES} bytes, the largest upload the BaaS accepts`);
    // The storage layer's eTag: the MD5 of the whole content (one part, whatever the size) in quotes, as its HTTP
    // ETag header; here of `size` zero bytes, so eTag and size agree. The event, like S3's, carries it as bare hex.
    const eTag = `"${md5OfZeros(size).toString('hex')}"`;
    const event = delivered(objectEntry({ type: 'ObjectCreated', bucket: p.bucket, key: p.key, size, mimeType: 'image/png', eTag, userId: '8d4f1a52-3b6e-4c1f-9a57-2f0e6c1d7b90' }), 'c5e3a6b4-8d9f-4a01-9c2d-3e4f5a6b7c83');
    const detail = event.detail as { object: { sequencer: string }; 'request-id': string };
    detail.object.sequencer = '19AC5E2B800';
    detail['request-id'] = 'd6f4b7c5-9e0a-4b12-8d3e-4f5a6b7c8d94';
    return event;
  },
};
