// BaaS changes → events: real Postgres triggers and LISTEN (PGlite) put row changes, sign-ups and
// storage changes on the event engine, and rules deliver them to functions through the runtime.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { connectBaasEvents, type BaasEvents } from '../../../src/core/baas/events';
import { openBaasDatabase } from '../../../src/core/baas';
import { defaultTemplateCacheDir } from '../../../src/core/baas/db/pglite';
import type { Database } from '../../../src/core/baas/db/types';
import { EventEngine, applyArchitecture, readEventArchitecture } from '../../../src/core/eventing';
import { createRuntime } from '../../../src/core/runtime';
import type { RuntimeRecord } from '../../../src/core/runtime/types';
import { tempWorkspace } from './helpers';
import { waitFor } from '../../helpers/waitFor';

const rule = (id: string, pattern: string) => `  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fns/
      Handler: handler.handler
      Runtime: nodejs20.x
      Events:
        Change:
          Type: EventBridgeRule
          Properties:
            Pattern: ${pattern}
`;
const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
${rule('OnTodo', '{ source: [serverless-lab.database], detail: { table: [todos] } }')}${rule('Welcome', '{ source: [serverless-lab.auth], detail-type: [User Signed Up] }')}${rule('Thumbnail', '{ source: [aws.s3], detail-type: [Object Created], detail: { bucket: { name: [avatars] } } }')}`;

describe('BaaS changes become events (PGlite triggers + LISTEN → event engine → runtime)', function () {
  this.timeout(180000);
  let workspace: string;
  let db: Database;
  let engine: EventEngine;
  let events: BaasEvents;
  let runtime: ReturnType<typeof createRuntime>;
  const records: RuntimeRecord[] = [];

  /** Waits until `count` invocations of `fn` have finished. */
  function invocationsOf(fn: string, count: number): Promise<RuntimeRecord[]> {
    return waitFor(() => {
      const got = records.filter((r) => r.functionName === fn);
      return got.length >= count && got;
    }, `${count} invocations of ${fn}`, { timeoutMs: 60000 });
  }

  before(async () => {
    workspace = tempWorkspace();
    fs.mkdirSync(path.join(workspace, 'fns'));
    fs.writeFileSync(path.join(workspace, 'fns', 'handler.js'), 'exports.handler = async (event) => event;\n');
    fs.writeFileSync(path.join(workspace, 'template.yaml'), TEMPLATE);
    runtime = createRuntime({ folders: [workspace] });
    runtime.onInvocation((r) => records.push(r));
    const { architecture, diagnostics } = readEventArchitecture(TEMPLATE, path.join(workspace, 'template.yaml'));
    assert.deepStrictEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    engine = new EventEngine({ runtime, knownFunctions: architecture.functions });
    applyArchitecture(engine, architecture);
    engine.start();
    db = await openBaasDatabase({ workspace, templateCacheDir: defaultTemplateCacheDir() });
    await db.exec('create table public.todos (id serial primary key, title text not null, done boolean not null default false)');
    events = await connectBaasEvents(db, engine, { tables: ['todos'], onError: (m) => assert.fail(m) });
  });

  after(async () => {
    await events?.close();
    engine?.stop();
    await db?.close();
    await runtime?.invoker.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('an insert, an update and a delete reach the function as Supabase webhook payloads, in order', async () => {
    await db.query('insert into todos (title) values ($1)', ['write tests']);
    await db.query('update todos set done = true where title = $1', ['write tests']);
    await db.query('delete from todos where title = $1', ['write tests']);
    const got = await invocationsOf('OnTodo', 3);
    const details = got.map((r) => (r.response as { detail: Record<string, unknown> }).detail).sort((a, b) => ['INSERT', 'UPDATE', 'DELETE'].indexOf(String(a.type)) - ['INSERT', 'UPDATE', 'DELETE'].indexOf(String(b.type)));
    assert.deepStrictEqual(details[0], { type: 'INSERT', table: 'todos', schema: 'public', record: { id: 1, title: 'write tests', done: false }, old_record: null });
    assert.deepStrictEqual(details[1], { type: 'UPDATE', table: 'todos', schema: 'public', record: { id: 1, title: 'write tests', done: true }, old_record: { id: 1, title: 'write tests', done: false } });
    assert.deepStrictEqual(details[2], { type: 'DELETE', table: 'todos', schema: 'public', record: null, old_record: { id: 1, title: 'write tests', done: true } });
    const first = got[0].response as Record<string, unknown>;
    assert.strictEqual(first.source, 'serverless-lab.database');
    assert.strictEqual(first['detail-type'], 'Database Change');
    assert.ok(got.every((r) => r.source === 'event-rule' && r.invocationType === 'Event'));
  });

  it('a rolled-back insert announces nothing (notifications are delivered on commit)', async () => {
    const before = records.length;
    await assert.rejects(db.transaction(async (tx) => {
      await tx.query('insert into todos (title) values ($1)', ['never']);
      throw new Error('roll back');
    }), /roll back/);
    await db.query('insert into todos (title) values ($1)', ['kept']);
    const got = await invocationsOf('OnTodo', 4);
    assert.deepStrictEqual(got.slice(3).map((r) => ((r.response as { detail: { record: { title: string } } }).detail.record.title)), ['kept']);
    assert.ok(records.length >= before + 1);
  });

  it('a sign-up runs the welcome function with the user, never the password hash', async () => {
    await db.query(`insert into auth.users (email, encrypted_password) values ('ada@example.com', 'secret-hash')`);
    const [welcome] = await invocationsOf('Welcome', 1);
    const detail = (welcome.response as { detail: { type: string; user: Record<string, unknown> } }).detail;
    assert.strictEqual(detail.type, 'signup');
    assert.strictEqual(detail.user.email, 'ada@example.com');
    assert.ok(!JSON.stringify(detail).includes('secret-hash'));
  });

  it('a storage upload becomes an S3 "Object Created" event for the thumbnail function', async () => {
    events.onObjectEvent({ type: 'ObjectCreated', bucket: 'avatars', key: 'ada/me.png', size: 1234, mimeType: 'image/png', eTag: '"0f343b0931126a20f133d67c2b018a3b"', userId: 'u-1' });
    events.onObjectEvent({ type: 'ObjectCreated', bucket: 'other', key: 'x.png', size: 1 });
    const [thumb] = await invocationsOf('Thumbnail', 1);
    const event = thumb.response as { source: string; 'detail-type': string; resources: string[]; detail: { bucket: { name: string }; object: { key: string; size: number; etag: string }; reason: string } };
    assert.deepStrictEqual([event.source, event['detail-type'], event.resources], ['aws.s3', 'Object Created', ['arn:aws:s3:::avatars']]);
    assert.deepStrictEqual([event.detail.bucket.name, event.detail.object.key, event.detail.object.size, event.detail.reason], ['avatars', 'ada/me.png', 1234, 'PutObject']);
    assert.strictEqual(event.detail.object.etag, '0f343b0931126a20f133d67c2b018a3b', "the storage API's quoted ETag goes into the event as S3's bare hex");
    assert.strictEqual(records.filter((r) => r.functionName === 'Thumbnail').length, 1, 'the other bucket matched no rule');
  });
});
