// BaaS triggers in the real extension host (issues #15, #16): start the BaaS, scaffold "on sign-up" with the New
// Function command, sign up through the API, and the welcome mail the function sends shows in the Inbox. The rule
// is the one New Function wrote into functions.json: nobody writes a template. Then "on row inserted" fires on an insert.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { listInbox } from '../../src/core/baas/explorer/users';
import type { RuntimeRecord } from '../../src/core/runtime/types';
import type { SlApi } from '../../src/extension/services';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'serverless-lab.serverless-lab';

interface NewFunctionResult { created: vscode.Uri[]; handler?: vscode.Uri; conflicts: string[] }

describe('BaaS triggers: scaffolded functions fire on BaaS events', function () {
  // A fresh workspace database is loaded from the cached template (a first run on a machine builds it: up to a minute).
  this.timeout(180_000);
  let api: SlApi;
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const functionsJson = () => vscode.Uri.joinPath(root(), '.serverless-lab', 'functions.json');
  let savedFunctionsJson: Uint8Array | undefined;
  const records: RuntimeRecord[] = [];
  let stopRecording: () => void = () => undefined;

  before(async () => {
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as SlApi;
    assert.ok(api.testing, 'the test-mode API is exposed');
    savedFunctionsJson = await vscode.workspace.fs.readFile(functionsJson()).then((b) => b, () => undefined);
    stopRecording = (await api.testing.runtime()).onInvocation((r) => records.push(r));
  });

  after(async () => {
    stopRecording();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('serverlessLab.baas.stop');
    for (const rel of ['functions/itWelcome', 'functions/itOnTodo', '.serverless-lab/events/itWelcome', '.serverless-lab/events/itOnTodo']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), rel), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
    if (savedFunctionsJson) await vscode.workspace.fs.writeFile(functionsJson(), savedFunctionsJson);
    else await vscode.workspace.fs.delete(functionsJson(), { useTrash: false }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('serverlessLab.stopAllSandboxes');
  });

  it('"on sign-up" scaffolded by New Function sends the welcome mail to the Inbox when a user signs up through the API', async () => {
    await vscode.commands.executeCommand('serverlessLab.baas.start');
    const host = await api.testing!.baas();
    assert.strictEqual(host.state, 'running', host.error);
    const baas = host.current!;

    const r = await vscode.commands.executeCommand<NewFunctionResult>('serverlessLab.newFunction', { provider: 'aws', language: 'javascript', trigger: 'baas-signup', name: 'itWelcome' });
    assert.deepStrictEqual(r.conflicts, []);
    const entry = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(functionsJson()))).functions.itWelcome;
    assert.deepStrictEqual(entry.events, { UserSignedUp: { pattern: { source: ['serverless-lab.auth'], 'detail-type': ['User Signed Up'] } } });
    // The editor's engine picks the rule up from functions.json (watcher, debounced reload).
    const eventing = await api.testing!.eventing();
    await waitFor(() => eventing.engine().snapshot().buses.some((b) => b.rules.some((rule) => rule.name === 'ItWelcomeUserSignedUp')), 'the rule from functions.json on the engine', { timeoutMs: 30_000 });

    const res = await fetch(`${baas.url}/auth/v1/signup`, { method: 'POST', headers: { apikey: baas.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'grace@it.example', password: 'secret-123', data: { name: 'Grace' } }) });
    assert.strictEqual(res.status, 200, await res.text());
    const welcome = await waitFor(async () => (await listInbox(baas.db)).find((m) => m.to === 'grace@it.example' && m.kind === 'function'), 'the welcome mail in the Inbox', { timeoutMs: 60_000 });
    assert.strictEqual(welcome.subject, 'Welcome!');
    assert.match(welcome.body, /^Hi Grace,/);
    // The mail is sent during the invocation; its record follows when the invocation ends.
    const run = await waitFor(() => records.find((x) => x.functionName === 'itWelcome'), 'the invocation record from the runtime service', { timeoutMs: 30_000 });
    assert.deepStrictEqual([run.source, run.invocationType, run.response], ['event-rule', 'Event', { to: 'grace@it.example', sent: true }]);
  });

  it('"on row inserted" fires on an insert into its table, created while the BaaS runs', async () => {
    const host = await api.testing!.baas();
    const baas = host.current!;
    await baas.db.exec('create table if not exists public.todos (id serial primary key, title text not null, done boolean not null default false)');
    await vscode.commands.executeCommand<NewFunctionResult>('serverlessLab.newFunction', { provider: 'aws', language: 'python', trigger: 'baas-row-inserted', name: 'itOnTodo' });
    const eventing = await api.testing!.eventing();
    await waitFor(() => eventing.engine().snapshot().buses.some((b) => b.rules.some((rule) => rule.name === 'ItOnTodoRowInserted')), 'the row rule on the engine', { timeoutMs: 30_000 });
    // A table created after the BaaS started gets the change trigger from the BaaS's event trigger.
    await waitFor(async () => (await baas.db.query("select 1 from pg_trigger where tgname = 'serverless_lab_changes' and tgrelid = 'public.todos'::regclass")).rows.length > 0, 'the change trigger on todos', { timeoutMs: 30_000 });

    const res = await fetch(`${baas.url}/rest/v1/todos`, { method: 'POST', headers: { apikey: baas.serviceRoleKey, authorization: `Bearer ${baas.serviceRoleKey}`, 'content-type': 'application/json', prefer: 'return=representation' }, body: JSON.stringify({ title: 'from the API' }) });
    const text = await res.text();
    assert.strictEqual(res.status, 201, text);
    const [row] = JSON.parse(text) as { id: number }[];
    const run = await waitFor(() => records.find((x) => x.functionName === 'itOnTodo'), 'the row-inserted function', { timeoutMs: 60_000 });
    assert.strictEqual(run.error, undefined, JSON.stringify(run.error));
    assert.deepStrictEqual(run.response, { handled: true, table: 'todos', id: row.id });
  });
});
