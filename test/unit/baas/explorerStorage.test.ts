import { strict as assert } from 'node:assert';
import { keyFor, mimeTypeFor, normalizePrefix, policyScope, PREVIEW_LIMITS, previewKind, storagePolicySnippet, toStorageEntries } from '../../../src/core/baas/explorer/storage';
import { groupDevices } from '../../../src/core/baas/explorer/devices';
import { liveAreaOf } from '../../../src/shared/baasExplorerLive';
import { BAAS_EXPLORER_WEBVIEW_SCHEMA, EXPLORER_TABS, migrateBaasExplorerState } from '../../../src/shared/baasExplorerProtocol';
import { parseMessage } from '../../../src/shared/webviewMessaging';

describe('BaaS explorer: storage helpers', () => {
  it('tells which bucket a storage.objects policy is about, from its SQL as pg_policies prints it', () => {
    assert.equal(policyScope("((bucket_id = 'avatars'::text) AND (owner = auth.uid()))", null, 'avatars'), 'bucket');
    assert.equal(policyScope(null, "(bucket_id = ANY (ARRAY['docs'::text, 'avatars'::text]))", 'avatars'), 'bucket');
    assert.equal(policyScope("(bucket_id = 'docs'::text)", null, 'avatars'), 'other');
    assert.equal(policyScope('(owner = auth.uid())', null, 'avatars'), 'all');
    assert.equal(policyScope(null, null, 'avatars'), 'all');
    // A literal that only looks like the bucket elsewhere in the expression still counts only with bucket_id present.
    assert.equal(policyScope("(name ~~ 'avatars%'::text)", null, 'avatars'), 'all');
    assert.equal(policyScope("(bucket_id = 'it''s'::text)", null, "it's"), 'bucket');
  });

  it('maps /object/list rows to files and folders under the prefix', () => {
    const entries = toStorageEntries('u1', [
      { name: 'photos', id: null, updated_at: null, metadata: null },
      { name: 'a.png', id: 'x', updated_at: '2026-11-27T10:00:00Z', metadata: { size: 42, mimetype: 'image/png' } },
    ]);
    assert.deepEqual(entries, [
      { name: 'photos', key: 'u1/photos/', folder: true },
      { name: 'a.png', key: 'u1/a.png', folder: false, size: 42, mimeType: 'image/png', updatedAt: '2026-11-27T10:00:00Z' },
    ]);
    assert.deepEqual(toStorageEntries('', { error: 'not a list' }), []);
  });

  it('builds object keys from a folder and a file name, never from a path', () => {
    assert.equal(normalizePrefix(''), '');
    assert.equal(normalizePrefix('/a/b//'), 'a/b/');
    assert.equal(keyFor('a/b', 'c.txt'), 'a/b/c.txt');
    assert.equal(keyFor('', '/home/me/secret/c.txt'), 'c.txt');
    assert.equal(keyFor('x/', 'C:\\Users\\me\\c.txt'), 'x/c.txt');
    assert.throws(() => keyFor('', '..'), /not a usable file name/);
    assert.throws(() => keyFor('', 'dir/'), /not a usable file name/);
  });

  it('guesses MIME types and chooses previews within limits', () => {
    assert.equal(mimeTypeFor('cat.PNG'), 'image/png');
    assert.equal(mimeTypeFor('notes.md'), 'text/markdown');
    assert.equal(mimeTypeFor('blob'), 'application/octet-stream');
    assert.deepEqual(previewKind('image/png', 10), { kind: 'image' });
    assert.deepEqual(previewKind('image/svg+xml', 10), { kind: 'image' });
    assert.equal(previewKind('image/png', PREVIEW_LIMITS.imageBytes + 1).kind, 'none');
    assert.deepEqual(previewKind('text/plain; charset=utf-8', 10 ** 9), { kind: 'text' });
    assert.deepEqual(previewKind('application/json', 10), { kind: 'text' });
    assert.deepEqual(previewKind('application/geo+json', 10), { kind: 'text' });
    const none = previewKind('application/pdf', 10);
    assert.equal(none.kind, 'none');
    assert.match(none.reason ?? '', /download/);
    assert.equal(previewKind('image/tiff', 10).kind, 'none', 'only types a webview <img> shows');
  });

  it('writes an owner-only storage policy for the bucket, in Supabase style and quoted', () => {
    const sql = storagePolicySnippet("o'neil");
    assert.match(sql, /create policy "Users manage their own files in o'neil" on storage\.objects for all to authenticated/);
    assert.match(sql, /bucket_id = 'o''neil' and \(storage\.foldername\(name\)\)\[1\] = \(select auth\.uid\(\)::text\)/);
    assert.equal(sql.match(/bucket_id =/g)?.length, 2, 'USING and WITH CHECK');
  });
});

describe('BaaS explorer: devices', () => {
  it('attaches each notification to its device, keeping order and parsing data', () => {
    const devices = groupDevices(
      [
        { token: 't1', platform: 'fcm', name: 'Pixel', user_id: 'u1', email: 'a@x', created: '2026-11-27', received: '3' },
        { token: 't2', platform: 'apns', name: 'iPhone', user_id: null, email: null, created: '2026-11-26', received: 0 },
      ],
      [
        { id: 'n2', token: 't1', title: 'second', body: null, data: '{"k":"v"}', sent: '2026-11-27 10:01' },
        { id: 'n1', token: 't1', title: 'first', body: 'b', data: { a: 'b' }, sent: '2026-11-27 10:00' },
      ],
    );
    assert.deepEqual(devices.map((d) => [d.token, d.received, d.notifications.map((n) => n.title)]), [['t1', 3, ['second', 'first']], ['t2', 0, []]]);
    assert.deepEqual(devices[0].notifications[0].data, { k: 'v' });
    assert.equal(devices[1].userEmail, null);
  });
});

describe('BaaS explorer: live tabs and protocol', () => {
  it('refreshes a tab only for successful writes to its API, never for its own reads', () => {
    const e = (method: string, path: string, status = 200) => liveAreaOf({ method, path, status });
    assert.equal(e('POST', '/storage/v1/object/avatars/u1/a.png'), 'storage');
    assert.equal(e('DELETE', '/storage/v1/object/avatars'), 'storage');
    assert.equal(e('POST', '/storage/v1/bucket'), 'storage');
    assert.equal(e('POST', '/storage/v1/object/list/avatars'), undefined, 'the listing is a POST read: refreshing on it would loop');
    assert.equal(e('POST', '/storage/v1/object/sign/avatars/a.png'), undefined);
    assert.equal(e('GET', '/storage/v1/object/authenticated/avatars/a.png'), undefined);
    assert.equal(e('POST', '/storage/v1/object/avatars/a.png', 403), undefined);
    assert.equal(e('POST', '/push/v1/send'), 'devices');
    assert.equal(e('POST', '/push/v1/devices', 201), 'devices');
    assert.equal(e('GET', '/push/v1/devices'), undefined);
    assert.equal(e('POST', '/auth/v1/signup'), 'inbox');
    assert.equal(e('POST', '/rest/v1/todos', 201), undefined);
  });

  it('validates the storage and device messages', () => {
    const ok = (m: Record<string, unknown>) => !!parseMessage({ requestId: 1, ...m }, BAAS_EXPLORER_WEBVIEW_SCHEMA);
    assert.ok(ok({ type: 'objects', bucket: 'b', prefix: '' }));
    assert.ok(ok({ type: 'upload', bucket: 'b', key: 'k', base64: 'AA==', contentType: 'text/plain' }));
    assert.ok(!ok({ type: 'upload', bucket: 'b', key: 'k', base64: 'AA==', contentType: 'text/plain', upsert: 'yes' }));
    assert.ok(!ok({ type: 'upload', bucket: 'b', key: 'k' }));
    assert.ok(ok({ type: 'signedUrl', bucket: 'b', key: 'k', expiresIn: 60 }));
    assert.ok(!ok({ type: 'signedUrl', bucket: 'b', key: 'k' }));
    assert.ok(ok({ type: 'registerDevice', platform: 'apns', name: 'x' }));
    assert.ok(!ok({ type: 'registerDevice', platform: 'sms', name: 'x' }));
    assert.ok(ok({ type: 'createBucket', name: 'b', public: false }));
    assert.ok(!ok({ type: 'createBucket', name: 'b' }));
  });

  it('restores the Storage and Devices tabs with the bucket and folder', () => {
    assert.ok(EXPLORER_TABS.includes('storage') && EXPLORER_TABS.includes('devices'));
    assert.deepEqual(migrateBaasExplorerState({ version: 1, tab: 'storage', bucket: 'avatars', prefix: 'u1/' }), { version: 1, tab: 'storage', bucket: 'avatars', prefix: 'u1/' });
    assert.deepEqual(migrateBaasExplorerState({ version: 1, tab: 'devices', bucket: 3 }), { version: 1, tab: 'devices' });
  });
});
