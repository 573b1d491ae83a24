import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import type { RunningBaas } from '../../../src/core/baas';
import type { RequestLogEntry } from '../../../src/core/baas/api/types';
import type { ObjectEvent } from '../../../src/core/baas/storage/types';
import { BACKENDS, startOn } from './backends';

// Supabase's documented pattern: each user owns the folder named after their id (storage.foldername(name))[1].
const POLICIES = `
create policy "own folder: read" on storage.objects for select to authenticated using (bucket_id = 'private' and (storage.foldername(name))[1] = auth.uid()::text);
create policy "own folder: upload" on storage.objects for insert to authenticated with check (bucket_id = 'private' and (storage.foldername(name))[1] = auth.uid()::text);
create policy "own folder: update" on storage.objects for update to authenticated using (bucket_id = 'private' and (storage.foldername(name))[1] = auth.uid()::text);
create policy "own folder: delete" on storage.objects for delete to authenticated using (bucket_id = 'private' and (storage.foldername(name))[1] = auth.uid()::text);
`;

for (const backend of BACKENDS) describe(`baas /storage/v1 with supabase-js (${backend})`, function () {
  this.timeout(180_000);
  let env: Awaited<ReturnType<typeof startOn>>;
  let baas: RunningBaas;
  let admin: SupabaseClient;
  const users: Record<'alice' | 'bob', { client: SupabaseClient; id: string }> = {} as never;
  const events: ObjectEvent[] = [];
  const requests: RequestLogEntry[] = [];
  const client = (key: string) => createClient(baas.url, key, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } });

  before(async () => {
    env = await startOn(backend);
    baas = env.baas;
    baas.onObjectEvent((e) => events.push(e));
    baas.onRequest((e) => requests.push(e));
    await baas.db.exec(POLICIES);
    admin = client(baas.serviceRoleKey);
    for (const name of ['alice', 'bob'] as const) {
      const c = client(baas.anonKey);
      const { data, error } = await c.auth.signUp({ email: `${name}@example.com`, password: 'correct horse' });
      assert.equal(error, null);
      users[name] = { client: c, id: data.user!.id };
    }
    assert.equal((await admin.storage.createBucket('private', { public: false, fileSizeLimit: 1024, allowedMimeTypes: ['text/plain', 'image/*'] })).error, null);
    assert.equal((await admin.storage.createBucket('pics', { public: true })).error, null);
  });
  after(() => env?.stop());

  it('creates, lists and reads buckets with their limits', async () => {
    const { data, error } = await admin.storage.getBucket('private');
    assert.equal(error, null);
    assert.deepEqual([data?.public, Number(data?.file_size_limit), data?.allowed_mime_types], [false, 1024, ['text/plain', 'image/*']]);
    const list = await admin.storage.listBuckets();
    assert.deepEqual(list.data?.map((b) => b.id).sort(), ['pics', 'private']);
    const bad = await admin.storage.createBucket('../escape');
    assert.match(String(bad.error?.message), /Bucket name invalid/);
  });

  it('uploads and downloads in the own folder, and RLS keeps each user out of the other one', async () => {
    const alice = users.alice;
    const key = `${alice.id}/note.txt`;
    const up = await alice.client.storage.from('private').upload(key, Buffer.from('hello from alice'), { contentType: 'text/plain' });
    assert.equal(up.error, null);
    assert.equal(up.data?.fullPath, `private/${key}`);
    assert.ok(fs.existsSync(path.join(baas.storageDir, 'private', alice.id, 'note.txt')), 'the object is a file under the bucket folder');
    const down = await alice.client.storage.from('private').download(key);
    assert.equal(await down.data?.text(), 'hello from alice');
    const bobReads = await users.bob.client.storage.from('private').download(key);
    assert.ok(bobReads.error, 'bob must not read alice’s file');
    const bobWrites = await users.bob.client.storage.from('private').upload(`${alice.id}/forged.txt`, Buffer.from('x'), { contentType: 'text/plain' });
    assert.match(String(bobWrites.error?.message), /row-level security/);
    assert.ok(!fs.existsSync(path.join(baas.storageDir, 'private', alice.id, 'forged.txt')), 'a refused upload leaves no file');
    const anon = await client(baas.anonKey).storage.from('private').download(key);
    assert.ok(anon.error);
    const denied = requests.find((r) => r.path.endsWith('/forged.txt'));
    assert.equal(denied?.status, 403);
    assert.deepEqual(denied?.rls?.policies.map((p) => p.name), ['own folder: upload']);
    assert.equal(denied?.claims?.sub, users.bob.id);
  });

  it('refuses a second upload unless upsert, and upsert replaces the bytes', async () => {
    const bucket = users.alice.client.storage.from('private');
    const key = `${users.alice.id}/doc.txt`;
    assert.equal((await bucket.upload(key, Buffer.from('v1'), { contentType: 'text/plain' })).error, null);
    const again = await bucket.upload(key, Buffer.from('v2'), { contentType: 'text/plain' });
    assert.match(String(again.error?.message), /already exists/);
    assert.equal((await bucket.upload(key, Buffer.from('v3'), { contentType: 'text/plain', upsert: true })).error, null);
    assert.equal(await (await bucket.download(key)).data?.text(), 'v3');
    // A Blob goes as multipart form data.
    const blob = await bucket.upload(`${users.alice.id}/blob.txt`, new Blob(['from a blob'], { type: 'text/plain' }));
    assert.equal(blob.error, null);
    assert.equal(await (await bucket.download(`${users.alice.id}/blob.txt`)).data?.text(), 'from a blob');
  });

  it('enforces the bucket size limit and MIME types with clear errors', async () => {
    const bucket = users.alice.client.storage.from('private');
    const big = await bucket.upload(`${users.alice.id}/big.txt`, Buffer.alloc(2048, 'a'), { contentType: 'text/plain' });
    assert.match(String(big.error?.message), /maximum allowed size: 2048 bytes is over bucket "private"'s limit of 1024 bytes/);
    const pdf = await bucket.upload(`${users.alice.id}/a.pdf`, Buffer.from('%PDF'), { contentType: 'application/pdf' });
    assert.match(String(pdf.error?.message), /mime type application\/pdf is not supported/);
    assert.equal((await bucket.upload(`${users.alice.id}/pic.png`, Buffer.from('png'), { contentType: 'image/png' })).error, null);
  });

  it('lists with a prefix, moves, copies and removes', async () => {
    const bucket = users.alice.client.storage.from('private');
    const me = users.alice.id;
    await bucket.upload(`${me}/sub/deep.txt`, Buffer.from('deep'), { contentType: 'text/plain' });
    const listed = await bucket.list(me);
    assert.equal(listed.error, null);
    assert.deepEqual(listed.data?.map((o) => o.name), ['blob.txt', 'doc.txt', 'note.txt', 'pic.png', 'sub']);
    assert.equal(listed.data?.find((o) => o.name === 'sub')?.id, null, 'folders come back with id null');
    assert.deepEqual((await users.bob.client.storage.from('private').list(me)).data, [], 'bob sees none of them');
    assert.equal((await bucket.move(`${me}/doc.txt`, `${me}/moved.txt`)).error, null);
    assert.equal(await (await bucket.download(`${me}/moved.txt`)).data?.text(), 'v3');
    assert.ok((await bucket.download(`${me}/doc.txt`)).error);
    assert.equal((await bucket.copy(`${me}/moved.txt`, `${me}/copy.txt`)).error, null);
    assert.equal(await (await bucket.download(`${me}/copy.txt`)).data?.text(), 'v3');
    const removed = await bucket.remove([`${me}/copy.txt`, `${me}/moved.txt`]);
    assert.deepEqual(removed.data?.map((o) => o.name).sort(), [`${me}/copy.txt`, `${me}/moved.txt`]);
    assert.ok(!fs.existsSync(path.join(baas.storageDir, 'private', me, 'copy.txt')));
    const kinds = events.map((e) => `${e.type} ${e.key.replace(me, 'me')}`);
    assert.ok(kinds.includes('ObjectCreated me/copy.txt') && kinds.includes('ObjectRemoved me/copy.txt') && kinds.includes('ObjectRemoved me/doc.txt'), kinds.join(', '));
  });

  it('serves signed URLs until they expire, and public URLs only for public buckets', async () => {
    const bucket = users.alice.client.storage.from('private');
    const key = `${users.alice.id}/note.txt`;
    const signed = await bucket.createSignedUrl(key, 60);
    assert.equal(signed.error, null);
    const res = await fetch(signed.data!.signedUrl);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello from alice');
    const tampered = await fetch(signed.data!.signedUrl.replace(/token=([^.]+)\.([^.]+)\./, 'token=$1.$2x.'));
    assert.equal(tampered.status, 400);
    const secret = new TextEncoder().encode(fs.readFileSync(path.join(env.workspace, '.serverless-lab', 'baas', 'jwt-secret'), 'utf8').trim());
    const past = Math.floor(Date.now() / 1000) - 120;
    const expired = await new SignJWT({ url: `private/${key}` }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(past - 60).setExpirationTime(past).sign(secret);
    const late = await fetch(`${baas.url}/storage/v1/object/sign/private/${key}?token=${expired}`);
    assert.equal(late.status, 400);
    assert.match((await late.json()).message, /jwt expired/);
    const otherObject = await fetch(`${baas.url}/storage/v1/object/sign/private/${users.alice.id}/pic.png?token=${new URL(signed.data!.signedUrl).searchParams.get('token')}`);
    assert.equal(otherObject.status, 400, 'a token signs one object only');
    assert.ok((await users.bob.client.storage.from('private').createSignedUrl(key, 60)).error, 'bob cannot sign what he cannot read');

    assert.equal((await admin.storage.from('pics').upload('cat.png', Buffer.from('meow'), { contentType: 'image/png' })).error, null);
    const pub = await fetch(admin.storage.from('pics').getPublicUrl('cat.png').data.publicUrl);
    assert.deepEqual([pub.status, pub.headers.get('content-type'), await pub.text()], [200, 'image/png', 'meow']);
    const notPublic = await fetch(bucket.getPublicUrl(key).data.publicUrl);
    assert.equal(notPublic.status, 400);
  });

  it('refuses path traversal in every form and writes nothing outside the bucket folder', async () => {
    const raw = (method: string, p: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(baas.url);
        const req = http.request({ host: '127.0.0.1', port, method, path: p, headers: { apikey: baas.serviceRoleKey, authorization: `Bearer ${baas.serviceRoleKey}`, 'content-type': 'text/plain' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body ?? 'evil');
      });
    const attempts = [
      '/storage/v1/object/private/../../../../evil.txt',
      '/storage/v1/object/private/%2e%2e/%2e%2e/%2e%2e/%2e%2e/evil.txt',
      '/storage/v1/object/private/a%2f..%2f..%2f..%2f..%2f..%2fevil.txt',
      '/storage/v1/object/private/a%5c..%5c..%5cevil.txt',
      '/storage/v1/object/private/evil%00.txt',
      '/storage/v1/object/private//tmp/evil.txt',
      '/storage/v1/object/private/./evil.txt',
      '/storage/v1/object/..%2f..%2fevil/evil.txt',
    ];
    for (const p of attempts) assert.equal(await raw('POST', p), 400, p);
    const move = await admin.storage.from('private').move(`${users.alice.id}/note.txt`, '../../../../evil.txt');
    assert.match(String(move.error?.message), /".." segment/);
    const copy = await admin.storage.from('private').copy(`${users.alice.id}/note.txt`, '/abs/evil.txt');
    assert.ok(copy.error);
    const outside = [path.join(env.workspace, 'evil.txt'), path.join(baas.storageDir, 'evil.txt'), path.join(baas.storageDir, 'evil'), '/tmp/evil.txt'];
    for (const f of outside) assert.ok(!fs.existsSync(f), `${f} must not exist`);
    assert.equal(await (await users.alice.client.storage.from('private').download(`${users.alice.id}/note.txt`)).data?.text(), 'hello from alice', 'the source survived');
  });
});
