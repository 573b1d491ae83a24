import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BucketSummary, DeviceSummary, ObjectPreview, RequestEntry, RowPage, StorageListing, StoragePolicy, TableSummary, UploadOutcome, UserSummary } from '../../src/shared/baasExplorerProtocol';
import type { SlApi } from '../../src/extension/services';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'serverless-lab.serverless-lab';

/** Sends one BaaS Explorer protocol request through the same handler the page uses. */
function explorer<R>(message: Record<string, unknown>): Thenable<R> {
  return vscode.commands.executeCommand<R>('serverlessLab.baas.explorerRequest', { requestId: 1, ...message });
}

function explorerTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('serverlessLab.baasExplorer'));
}

describe('BaaS in the editor', function () {
  // A fresh workspace database is loaded from the cached template (a first run on a machine builds it: up to a minute).
  this.timeout(180_000);
  let api: SlApi;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = (await ext.activate()) as SlApi;
    assert.ok(api.testing, 'the test-mode API is exposed');
  });

  after(async () => {
    await vscode.window.tabGroups.close(explorerTabs());
    await vscode.commands.executeCommand('serverlessLab.baas.stop');
  });

  it('starts, impersonates one of two users so the table view shows only their rows, and explains each request in the monitor', async () => {
    await vscode.commands.executeCommand('serverlessLab.baas.start');
    const host = await api.testing!.baas();
    assert.strictEqual(host.state, 'running', host.error);
    const baas = host.current!;
    assert.match(baas.url, /^http:\/\/127\.0\.0\.1:\d+$/);

    await baas.db.exec(`
      create table if not exists it_notes (id bigint generated always as identity primary key, user_id uuid not null default auth.uid(), body text not null);
      alter table it_notes enable row level security;
      drop policy if exists "own notes" on it_notes;
      create policy "own notes" on it_notes for all to authenticated using (auth.uid() = user_id) with check (auth.uid() = user_id);`);
    for (const name of ['alice', 'bob']) await explorer({ type: 'userAction', user: { action: 'create', email: `${name}@it.example`, password: 'secret-123' } });
    const users = await explorer<UserSummary[]>({ type: 'users' });
    const alice = users.find((u) => u.email === 'alice@it.example');
    const bob = users.find((u) => u.email === 'bob@it.example');
    assert.ok(alice && bob, 'both users are listed');
    assert.ok(alice.confirmed, 'users created in the explorer are confirmed');

    await explorer({ type: 'actAs', actor: { kind: 'user', id: bob.id, email: bob.email } });
    await explorer({ type: 'insert', table: 'it_notes', values: { body: 'bob secret' } });
    await explorer({ type: 'actAs', actor: { kind: 'user', id: alice.id, email: alice.email } });
    await explorer({ type: 'insert', table: 'it_notes', values: { body: 'alice note' } });
    assert.strictEqual(host.actingLabel, 'alice@it.example (authenticated)');

    const tables = await explorer<TableSummary[]>({ type: 'tables' });
    assert.ok(tables.some((t) => t.name === 'it_notes' && t.rlsEnabled));
    const asAlice = await explorer<RowPage>({ type: 'page', table: 'it_notes', limit: 50 });
    assert.deepStrictEqual(asAlice.rows.map((r) => r.body), ['alice note']);
    await explorer({ type: 'actAs', actor: { kind: 'service' } });
    const asService = await explorer<RowPage>({ type: 'page', table: 'it_notes', limit: 50 });
    assert.deepStrictEqual(asService.rows.map((r) => r.body).sort(), ['alice note', 'bob secret']);

    // A learner's client: alice signs in, reads, then tries to write a row as bob.
    const headers = { apikey: baas.anonKey, 'content-type': 'application/json' };
    const token = ((await (await fetch(`${baas.url}/auth/v1/token?grant_type=password`, { method: 'POST', headers, body: JSON.stringify({ email: alice.email, password: 'secret-123' }) })).json()) as { access_token: string }).access_token;
    const auth = { ...headers, authorization: `Bearer ${token}` };
    assert.strictEqual((await fetch(`${baas.url}/rest/v1/it_notes?select=body`, { headers: auth })).status, 200);
    assert.strictEqual((await fetch(`${baas.url}/rest/v1/it_notes`, { method: 'POST', headers: auth, body: JSON.stringify({ body: 'forged', user_id: bob.id }) })).status, 403);

    const log = await explorer<RequestEntry[]>({ type: 'requests', filter: { text: '/rest/v1/it_notes' } });
    const read = log.find((e) => e.method === 'GET');
    const forged = log.find((e) => e.method === 'POST');
    assert.ok(read && forged, 'both table requests are in the monitor');
    assert.strictEqual(read.caller.email, alice.email);
    assert.strictEqual(read.decision, 'allowed');
    assert.deepStrictEqual(read.rls?.policies.map((p) => p.name), ['own notes']);
    assert.strictEqual(forged.decision, 'denied');
    assert.match(forged.rls?.denied ?? '', /row-level security/);
    assert.strictEqual(forged.claims?.sub, alice.id, 'the monitor shows the claims Postgres saw');

    // Replaying alice's read as bob flips what RLS lets through (same request, another caller).
    const replayed = await explorer<RequestEntry>({ type: 'replay', id: read.id, actor: { kind: 'user', id: bob.id, email: bob.email } });
    assert.strictEqual(replayed.caller.email, bob.email);
    assert.strictEqual(replayed.status, 200);

    await vscode.commands.executeCommand('serverlessLab.baas.openExplorer', 'requests');
    await waitFor(() => explorerTabs()[0], 'the BaaS Explorer tab');
  });

  it('uploads as one user into a private owner-only bucket: the other user cannot list or read it, the monitor shows the decision', async () => {
    const host = await api.testing!.baas();
    const baas = host.current!;
    const users = await explorer<UserSummary[]>({ type: 'users' });
    const alice = users.find((u) => u.email === 'alice@it.example')!;
    const bob = users.find((u) => u.email === 'bob@it.example')!;
    if (!(await explorer<BucketSummary[]>({ type: 'buckets' })).some((b) => b.id === 'it-private')) await explorer({ type: 'createBucket', name: 'it-private', public: false });
    await baas.db.exec(`
      drop policy if exists "it owner only" on storage.objects;
      create policy "it owner only" on storage.objects for all to authenticated
        using (bucket_id = 'it-private' and owner = auth.uid()) with check (bucket_id = 'it-private' and owner = auth.uid());`);
    const key = `${alice.id}/hello.txt`;

    await explorer({ type: 'actAs', actor: { kind: 'user', id: alice.id, email: alice.email } });
    const uploaded = await explorer<UploadOutcome>({ type: 'upload', bucket: 'it-private', key, base64: Buffer.from('hello from alice').toString('base64'), contentType: 'text/plain' });
    assert.deepStrictEqual(uploaded, { key, outcome: 'uploaded' });
    const again = await explorer<UploadOutcome>({ type: 'upload', bucket: 'it-private', key, base64: Buffer.from('replaced?').toString('base64'), contentType: 'text/plain' });
    assert.strictEqual(again.outcome, 'exists', 'an existing object is never replaced without asking');

    const asAlice = await explorer<StorageListing>({ type: 'objects', bucket: 'it-private', prefix: `${alice.id}/` });
    assert.deepStrictEqual(asAlice.entries.map((e) => e.key), [key]);
    assert.strictEqual(asAlice.entries[0].size, 'hello from alice'.length);
    const preview = await explorer<ObjectPreview>({ type: 'preview', bucket: 'it-private', key });
    assert.deepStrictEqual([preview.kind, preview.text], ['text', 'hello from alice'], 'the first upload is kept');

    await explorer({ type: 'actAs', actor: { kind: 'user', id: bob.id, email: bob.email } });
    const asBob = await explorer<StorageListing>({ type: 'objects', bucket: 'it-private', prefix: '' });
    assert.deepStrictEqual(asBob.entries, [], "bob's listing does not show alice's folder");
    // The command boundary reports a failed request to the learner and returns undefined; the monitor shows why.
    assert.strictEqual(await explorer({ type: 'preview', bucket: 'it-private', key }), undefined);
    const refused = (await explorer<RequestEntry[]>({ type: 'requests', filter: { text: '/storage/v1/object/authenticated/it-private/' } })).find((e) => e.caller.email === bob.email);
    assert.strictEqual(refused?.status, 404, "bob's read of alice's file is refused as not found (hidden by RLS)");
    assert.strictEqual(await explorer<number>({ type: 'deleteObject', bucket: 'it-private', key }), 0, 'RLS hides it from bob, so nothing is deleted');
    const buckets = await explorer<BucketSummary[]>({ type: 'buckets' });
    assert.strictEqual(buckets.find((b) => b.id === 'it-private')?.objectCount, 1, 'the object is still there');

    const policies = await explorer<StoragePolicy[]>({ type: 'storagePolicies', bucket: 'it-private' });
    assert.deepStrictEqual([policies[0].name, policies[0].scope], ['it owner only', 'bucket']);

    const log = await explorer<RequestEntry[]>({ type: 'requests', filter: { text: '/storage/v1/object/it-private/' } });
    const upload = log.find((e) => e.method === 'POST' && e.status === 200);
    assert.ok(upload, `the upload is in the monitor: ${JSON.stringify(log.map((e) => [e.method, e.path, e.status]))}`);
    assert.strictEqual(upload.caller.email, alice.email);
    assert.strictEqual(upload.decision, 'allowed');
    assert.deepStrictEqual(upload.rls?.policies.map((p) => p.name), ['it owner only']);
    assert.strictEqual(upload.rls?.table, 'storage.objects');

    await explorer({ type: 'actAs', actor: { kind: 'user', id: alice.id, email: alice.email } });
    const signed = await explorer<string>({ type: 'signedUrl', bucket: 'it-private', key, expiresIn: 60 });
    const res = await fetch(signed);
    assert.deepStrictEqual([res.status, await res.text()], [200, 'hello from alice'], 'the signed URL opens the object without a key');
    await explorer({ type: 'actAs', actor: { kind: 'service' } });
  });

  it('shows a device registered through /push/v1 with the notification a server sent it, labelled as a simulation', async () => {
    const baas = (await api.testing!.baas()).current!;
    const headers = { apikey: baas.anonKey, 'content-type': 'application/json' };
    const session = (await (await fetch(`${baas.url}/auth/v1/token?grant_type=password`, { method: 'POST', headers, body: JSON.stringify({ email: 'alice@it.example', password: 'secret-123' }) })).json()) as { access_token: string };
    const registered = await fetch(`${baas.url}/push/v1/devices`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${session.access_token}` }, body: JSON.stringify({ platform: 'fcm', name: 'IT phone' }) });
    assert.strictEqual(registered.status, 201);
    const { token } = (await registered.json()) as { token: string };
    const service = { apikey: baas.serviceRoleKey, authorization: `Bearer ${baas.serviceRoleKey}`, 'content-type': 'application/json' };
    const sent = await fetch(`${baas.url}/push/v1/send`, { method: 'POST', headers: service, body: JSON.stringify({ message: { token, notification: { title: 'Order shipped', body: 'It is on its way' }, data: { order: '42' } } }) });
    assert.strictEqual(sent.status, 200);

    const device = await waitFor(async () => (await explorer<DeviceSummary[]>({ type: 'devices' })).find((d) => d.token === token), 'the device in the Devices data');
    assert.strictEqual(device.userEmail, 'alice@it.example');
    assert.deepStrictEqual(device.notifications.map((n) => [n.title, n.body, n.data]), [['Order shipped', 'It is on its way', { order: '42' }]]);

    await vscode.commands.executeCommand('serverlessLab.baas.openExplorer', 'devices');
    await waitFor(() => explorerTabs()[0], 'the BaaS Explorer tab');
  });

  it('resets the data after a backup, and the restarted BaaS starts from the migrations alone', async () => {
    const backup = await vscode.commands.executeCommand<string | undefined>('serverlessLab.baas.resetData', true);
    const host = await api.testing!.baas();
    assert.ok(backup && /db-\d{8}T\d{6}.*\.tar\.gz$/.test(backup), `a backup was written first: ${backup}`);
    assert.strictEqual(host.state, 'running', 'the BaaS restarts after a reset');
    const tables = await explorer<TableSummary[]>({ type: 'tables' });
    assert.ok(!tables.some((t) => t.name === 'it_notes'), 'the table created before the reset is gone');
  });

  it('gives functions SUPABASE_URL while it runs, and puts each sign-up on the workspace event engine', async () => {
    await vscode.commands.executeCommand('serverlessLab.baas.start');
    const host = await api.testing!.baas();
    const baas = host.current!;
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const dir = vscode.Uri.joinPath(folder, 'it-baas-env');
    const handler = vscode.Uri.joinPath(dir, 'handler.js');
    await vscode.workspace.fs.writeFile(handler, new TextEncoder().encode('exports.handler = async () => ({ url: process.env.SUPABASE_URL, key: process.env.SUPABASE_ANON_KEY });\n'));
    try {
      const record = await vscode.commands.executeCommand<{ response?: { url?: string; key?: string }; error?: unknown }>('serverlessLab.invokeHandler', handler, 'handler', { event: {}, reveal: false });
      assert.deepStrictEqual(record.response, { url: baas.url, key: baas.anonKey }, JSON.stringify(record.error));
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
    const eventing = await api.testing!.eventing();
    await explorer({ type: 'userAction', user: { action: 'create', email: 'carol@it.example', password: 'secret-123' } });
    const seen = await waitFor(
      () => eventing.recentEvents(50).find((e) => e.event.source === 'serverless-lab.auth' && (e.event.detail as { user?: { email?: string } } | undefined)?.user?.email === 'carol@it.example'),
      "carol's sign-up on the event engine",
      { timeoutMs: 30_000 },
    );
    assert.strictEqual(seen.event['detail-type'], 'User Signed Up');
  });

  it('stops cleanly and refuses explorer requests while stopped with an actionable message', async () => {
    await vscode.commands.executeCommand('serverlessLab.baas.stop');
    const host = await api.testing!.baas();
    assert.strictEqual(host.state, 'stopped');
    assert.throws(() => host.require(), /Start BaaS/);
  });

  it('stops a runaway statement after serverlessLab.baas.statementTimeoutSeconds while the extension host keeps running', async () => {
    const config = vscode.workspace.getConfiguration('serverlessLab');
    await config.update('baas.statementTimeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('serverlessLab.baas.start');
      const host = await api.testing!.baas();
      assert.strictEqual(host.state, 'running', host.error);
      const db = host.current!.db;
      await db.exec(`create table if not exists it_kept (body text); delete from it_kept; insert into it_kept values ('kept');`);
      // This test runs in the extension host: a timer here ticks only if PGlite is not on this thread.
      let ticks = 0;
      const timer = setInterval(() => ticks++, 50);
      const started = Date.now();
      const error = await db.query('select pg_sleep(60)').then(() => undefined, (err: unknown) => err as { code?: string; message?: string });
      clearInterval(timer);
      assert.strictEqual(error?.code, '57014', String(error?.message));
      assert.match(String(error.message), /^The statement ran longer than 1 s and was stopped\./);
      assert.ok(Date.now() - started < 15_000, `answered after ${Date.now() - started} ms`);
      assert.ok(ticks >= 5, `the extension host kept running (${ticks} ticks)`);
      assert.deepStrictEqual((await db.query('select body from it_kept')).rows, [{ body: 'kept' }]);
    } finally {
      await vscode.commands.executeCommand('serverlessLab.baas.stop');
      await config.update('baas.statementTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
