// The BaaS triggers end to end, as a learner gets them: scaffold "on sign-up" in each language (files and the
// functions.json entry New Function writes), run its generated test, then start a real BaaS and sign up through
// the API: the workspace engine routes the sign-up by the entry's rule, and each welcome mail lands in the Inbox.
// The row-inserted and file-uploaded triggers fire the same way. The real events are compared with the samples.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { RunningBaas } from '../../../src/core/baas';
import { connectBaasEvents, type BaasEvents } from '../../../src/core/baas/events';
import { listInbox } from '../../../src/core/baas/explorer/users';
import { provideBaasEnvironment } from '../../../src/core/baas/functionEnv';
import { ManualClock } from '../../../src/core/eventing';
import { WorkspaceEngine } from '../../../src/core/eventing/workspaceEngine';
import { FUNCTIONS_FILE, parseFunctionsFile } from '../../../src/core/functions/functionsFile';
import { createRuntime, type RuntimeService } from '../../../src/core/runtime';
import type { RuntimeRecord } from '../../../src/core/runtime/types';
import { generateEvent } from '../../../src/core/sampleEvents';
import { addFunctionEntry, loadTemplates, renderFunction, type LanguageId } from '../../../src/core/scaffold';
import { waitFor } from '../../helpers/waitFor';
import { call, startTestBaas, tempWorkspace } from '../baas/helpers';
import { bootstrapDir, buildBootstraps } from '../invoker/helpers';
import { realPython } from './python';

const repo = path.resolve(__dirname, '../../..');
const templates = loadTemplates(path.join(repo, 'templates'));
const languages: LanguageId[] = ['typescript', 'javascript', 'python'];

/** The shape of a JSON value: its keys, recursively, without the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shape(v)]));
  return value === null ? 'null' : typeof value;
}

describe('BaaS triggers: scaffolded functions fire on real BaaS events', function () {
  this.timeout(300_000);
  let workspace: string;
  let baas: RunningBaas;
  let runtime: RuntimeService;
  let engine: WorkspaceEngine;
  let events: BaasEvents;
  const records: RuntimeRecord[] = [];

  /** Scaffolds like New Function: the files, and the entry merged into functions.json. */
  function scaffold(trigger: string, language: LanguageId, name: string) {
    const r = renderFunction(templates.manifest, templates.read, { provider: 'aws', language, trigger, name });
    for (const f of r.files) {
      fs.mkdirSync(path.dirname(path.join(workspace, f.path)), { recursive: true });
      fs.writeFileSync(path.join(workspace, f.path), f.content);
    }
    const file = path.join(workspace, FUNCTIONS_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, addFunctionEntry(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined, name, r.entry));
    return r;
  }

  before(async () => {
    workspace = tempWorkspace();
    // The TypeScript handler imports only types; the generated test needs tsx and @types, as in a learner's project.
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(workspace, 'node_modules'), 'dir');
    for (const language of languages) scaffold('baas-signup', language, `welcome${language}`);
    scaffold('baas-row-inserted', 'javascript', 'onTodo');
    scaffold('baas-file-uploaded', 'python', 'onAvatar');
    await buildBootstraps();
    baas = await startTestBaas(workspace, false);
    await baas.db.exec('create table public.todos (id serial primary key, title text not null, done boolean not null default false)');
    runtime = createRuntime({ folders: [workspace], invoker: { bootstrapDir } });
    runtime.onInvocation((r) => records.push(r));
    provideBaasEnvironment(runtime, () => baas);
    engine = new WorkspaceEngine({ runtime, clock: (startAt) => new ManualClock(startAt) });
    const functionsFile = path.join(workspace, FUNCTIONS_FILE);
    const { entries, problems } = parseFunctionsFile(fs.readFileSync(functionsFile, 'utf8'));
    assert.deepEqual(problems, []);
    engine.load([], entries.map((e) => e.name), [{ file: functionsFile, functions: entries }]);
    assert.deepEqual(engine.problems(), []);
    events = await connectBaasEvents(baas.db, engine.engine, { tables: ['todos'], followNewTables: true, onError: (m) => assert.fail(m) });
  });

  after(async () => {
    await events?.close();
    engine?.dispose();
    await runtime?.invoker.dispose();
    await baas?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  for (const language of languages) {
    it(`the generated ${language} test of "on sign-up" passes`, () => {
      const r = renderFunction(templates.manifest, templates.read, { provider: 'aws', language, trigger: 'baas-signup', name: `welcome${language}` });
      const [cmd, ...args] = r.testCommand;
      const argv = cmd === 'npx' ? [process.execPath, '--require', require.resolve('tsx/cjs'), '--test', ...args.slice(2)] : cmd === 'node' ? [process.execPath, ...args] : [realPython(), ...args];
      // No mail API in the test's environment: the handler must not need one.
      const env = { ...process.env, MAIL_API_URL: '', MAIL_API_KEY: '' };
      const res = spawnSync(argv[0], argv.slice(1), { cwd: path.join(workspace, r.functionDir), encoding: 'utf8', timeout: 60_000, env });
      assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
      assert.match(cmd === 'python3' ? res.stderr : res.stdout, cmd === 'python3' ? /Ran 1 test[\s\S]*\nOK/ : /# pass 1\b/);
    });
  }

  it('a sign-up through the API fires every scaffolded sign-up function, and each welcome mail lands in the Inbox', async () => {
    const seen: unknown[] = [];
    const stop = engine.onTrace((t) => { if (t.kind === 'event.put') seen.push((t.detail as { event: unknown }).event); });
    const up = await call(baas, 'POST', '/auth/v1/signup', { body: { email: 'ada@example.com', password: 'correct horse', data: { name: 'Ada' } } });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const [signedUp] = await waitFor(() => seen.length >= 1 && seen, 'the sign-up on the bus', { timeoutMs: 30_000 });
    stop();
    assert.ok(await engine.engine.settle());
    const welcomes = records.filter((r) => r.functionName.startsWith('welcome'));
    assert.deepEqual(welcomes.map((r) => [r.functionName, r.error, r.response]).sort(), languages.map((l) => [`welcome${l}`, undefined, { to: 'ada@example.com', sent: true }]).sort());
    const mails = (await listInbox(baas.db)).filter((m) => m.to === 'ada@example.com');
    assert.deepEqual(mails.map((m) => m.kind).sort(), ['function', 'function', 'function', 'signup'], 'the confirmation mail, and one welcome per function');
    assert.match(mails.find((m) => m.kind === 'function')!.body, /^Hi Ada,/);
    // The sample the handlers were written and tested against has the real event's shape (metadata is the learner's own).
    const withoutMetadata = (e: unknown) => ({ ...(e as object), detail: { ...(e as { detail: object }).detail, user: { ...(e as { detail: { user: object } }).detail.user, user_metadata: {} } } });
    assert.deepEqual(shape(withoutMetadata(signedUp)), shape(withoutMetadata(generateEvent('baas-signup'))));
  });

  it('an insert into todos fires the row-inserted function; an update does not; the event has the sample\'s shape', async () => {
    const seen: unknown[] = [];
    const stop = engine.onTrace((t) => { if (t.kind === 'event.put') seen.push((t.detail as { event: unknown }).event); });
    await baas.db.query('insert into todos (title) values ($1)', ['write the welcome mail']);
    await baas.db.query('update todos set done = true');
    const inserted = await waitFor(() => seen.length >= 2 && seen, 'both changes on the bus', { timeoutMs: 30_000 });
    stop();
    assert.ok(await engine.engine.settle());
    const onTodo = records.filter((r) => r.functionName === 'onTodo');
    assert.deepEqual(onTodo.map((r) => [r.error, r.response]), [[undefined, { handled: true, table: 'todos', id: 1 }]]);
    const insertEvent = inserted.find((e) => (e as { detail: { type: string } }).detail.type === 'INSERT');
    assert.deepEqual(shape(insertEvent), shape(generateEvent('baas-row-inserted')));
  });

  it('a table created while the BaaS runs announces its inserts too (no restart)', async () => {
    const seen: unknown[] = [];
    const stop = engine.onTrace((t) => { if (t.kind === 'event.put') seen.push((t.detail as { event: unknown }).event); });
    await baas.db.exec('create table public.notes (id bigint generated always as identity primary key, body text not null);');
    await baas.db.query('insert into notes (body) values ($1)', ['hello']);
    const [change] = await waitFor(() => seen.length >= 1 && seen, 'the insert into the new table on the bus', { timeoutMs: 30_000 });
    stop();
    assert.deepEqual((change as { detail: unknown }).detail, { type: 'INSERT', table: 'notes', schema: 'public', record: { id: 1, body: 'hello' }, old_record: null });
    assert.ok(await engine.engine.settle());
  });

  it('an upload to the avatars bucket fires the file-uploaded function with an event of the sample\'s shape', async () => {
    const seen: unknown[] = [];
    const stop = engine.onTrace((t) => { if (t.kind === 'event.put') seen.push((t.detail as { event: unknown }).event); });
    assert.equal((await call(baas, 'POST', '/storage/v1/bucket', { apikey: baas.serviceRoleKey, body: { id: 'avatars', name: 'avatars' } })).status, 200);
    const stopObjects = baas.onObjectEvent((e) => events.onObjectEvent(e));
    const res = await fetch(`${baas.url}/storage/v1/object/avatars/ada/me.png`, { method: 'POST', headers: { apikey: baas.serviceRoleKey, authorization: `Bearer ${baas.serviceRoleKey}`, 'content-type': 'image/png' }, body: Buffer.alloc(1024) });
    assert.equal(res.status, 200, await res.text());
    stopObjects();
    const [upload] = await waitFor(() => seen.length >= 1 && seen, 'the upload on the bus', { timeoutMs: 30_000 });
    stop();
    assert.ok(await engine.engine.settle());
    const onAvatar = records.filter((r) => r.functionName === 'onAvatar');
    assert.deepEqual(onAvatar.map((r) => [r.error, r.response]), [[undefined, { bucket: 'avatars', key: 'ada/me.png', size: 1024, skipped: false }]]);
    assert.deepEqual(shape(upload), shape(generateEvent('baas-object-created')));
  });
});
