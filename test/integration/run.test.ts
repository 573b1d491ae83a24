// Running functions in the real extension host: CodeLens, invoke command, history, bad events,
// function configuration diagnostics and a small load run. The workspace is a copy of samples/.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { createRuntime, type RuntimeRecord } from '../../src/core/runtime';
import type { SlApi } from '../../src/extension/services';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'serverless-lab.serverless-lab';

interface RecordLike {
  cold: boolean;
  functionName: string;
  requestId: string;
  response?: { statusCode?: number; body?: string };
  report: { durationMs: number; billedDurationMs: number; memorySizeMb: number; initDurationMs?: number };
  logs: string[];
}

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the harness opens the samples workspace');
  return f;
}

describe('run', function () {
  this.timeout(60_000);
  const created: vscode.Uri[] = [];
  let handler: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    handler = vscode.Uri.joinPath(folder().uri, 'hello-node', 'handler.js');
  });

  afterEach(async () => {
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  after(async () => {
    await vscode.commands.executeCommand('serverlessLab.stopAllSandboxes');
  });

  it('shows the run CodeLenses above a sample handler', async () => {
    // The CodeLens command needs an open text model for the file.
    const doc = await vscode.workspace.openTextDocument(handler);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', handler);
    const titles = lenses.map((l) => l.command?.title);
    for (const t of ['▶ Invoke', 'Invoke with event…', 'Invoke cold', 'Debug']) assert.ok(titles.includes(t), `missing "${t}" in ${JSON.stringify(titles)}`);
    const invoke = lenses.find((l) => l.command?.title === '▶ Invoke')!;
    assert.ok(doc.lineAt(invoke.range.start.line).text.startsWith('exports.handler'), 'lens sits on the exports.handler line');
  });

  it('invokes via the command and returns the record: cold, then warm', async () => {
    const cold = await vscode.commands.executeCommand<RecordLike>('serverlessLab.invokeHandler', handler, 'handler', { mode: 'cold', event: { name: 'Lab' }, reveal: false });
    assert.ok(cold, 'the command returns the invocation record');
    assert.strictEqual(cold.cold, true);
    assert.strictEqual(cold.response?.statusCode, 200);
    assert.strictEqual(JSON.parse(cold.response!.body!).message, 'Hello, Lab!');
    assert.ok(cold.report.initDurationMs! > 0, 'cold start reports Init Duration');
    assert.ok(cold.logs.some((l) => l.startsWith('REPORT RequestId:')));
    const warm = await vscode.commands.executeCommand<RecordLike>('serverlessLab.invokeHandler', handler, 'handler', { event: { name: 'again' }, reveal: false });
    assert.strictEqual(warm.cold, false);
    assert.strictEqual(warm.report.initDurationMs, undefined);
    assert.strictEqual(JSON.parse(warm.response!.body!).invocationsInThisSandbox, 2);
  });

  it('invokes the Python sample handler', async () => {
    const app = vscode.Uri.joinPath(folder().uri, 'hello-python', 'app.py');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', (await vscode.workspace.openTextDocument(app)).uri);
    assert.ok(lenses.some((l) => l.command?.title === '▶ Invoke' && (l.command.arguments as unknown[])[1] === 'lambda_handler'));
    const record = await vscode.commands.executeCommand<RecordLike>('serverlessLab.invokeHandler', app, 'lambda_handler', { event: { name: 'Py' }, reveal: false });
    assert.strictEqual(record.response?.statusCode, 200);
    assert.strictEqual(JSON.parse(record.response!.body!).message, 'Hello, Py!');
  });

  it('debugs a Node handler: attaches the JavaScript debugger and still returns the response', async () => {
    const sessions: string[] = [];
    const sub = vscode.debug.onDidStartDebugSession((s) => sessions.push(s.type));
    try {
      const record = await vscode.commands.executeCommand<RecordLike>('serverlessLab.invokeHandler', handler, 'handler', { mode: 'debug', event: { name: 'dbg' }, reveal: false });
      assert.strictEqual(record.cold, true, 'debugging starts a fresh sandbox with the inspector');
      assert.ok(record.response?.body, `the debugged invocation returned a response: ${JSON.stringify({ ...record, logs: record.logs.slice(-10) })}`);
      assert.strictEqual(JSON.parse(record.response.body).message, 'Hello, dbg!');
      assert.ok(sessions.some((t) => t.includes('node')), `a Node debug session started: ${JSON.stringify(sessions)}`);
    } finally {
      sub.dispose();
      await vscode.debug.stopDebugging();
    }
  });

  it('puts no lens on a React component file (handleSubmit, handleClick, default export)', async () => {
    const dir = vscode.Uri.joinPath(folder().uri, 'react-it');
    created.push(dir);
    const file = vscode.Uri.joinPath(dir, 'src', 'Form.jsx');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode([
      "import React from 'react';",
      'export function handleSubmit(event) { event.preventDefault(); }',
      'export const handleClick = (e) => console.log(e);',
      'export default function Form() { return <form onSubmit={handleSubmit} />; }',
      '',
    ].join('\n')));
    await vscode.workspace.openTextDocument(file);
    // The sample handler's lenses prove the provider answers; the component file must get none.
    const sample = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', handler);
    assert.ok(sample.some((l) => l.command?.title === '▶ Invoke'), 'the provider is live');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
    assert.deepStrictEqual(lenses.map((l) => l.command?.title), []);
  });

  it('keeps the invocation in the per-workspace history', async () => {
    const record = await vscode.commands.executeCommand<RecordLike>('serverlessLab.invokeHandler', handler, 'handler', { event: {}, reveal: false });
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as SlApi;
    assert.ok(api.testing, 'the test-mode API is exposed');
    const history = api.testing.workspaceState.get<{ record: { requestId: string } }[]>('serverlessLab.run.history.v1', []);
    assert.strictEqual(history[0]?.record.requestId, record.requestId);
    const again = await vscode.commands.executeCommand<RecordLike>('serverlessLab.invokeLast');
    assert.strictEqual(again.functionName, record.functionName);
  });

  it('refuses a malformed event file with a diagnostic at its line and column', async () => {
    const dir = vscode.Uri.joinPath(folder().uri, '.serverless-lab', 'events', 'handler');
    const bad = vscode.Uri.joinPath(dir, 'bad.json');
    created.push(vscode.Uri.joinPath(folder().uri, '.serverless-lab', 'events'));
    await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode('{\n  // comments are fine\n  "name": "x"\n  "oops": 1\n}\n'));
    const result = await vscode.commands.executeCommand('serverlessLab.invokeHandler', handler, 'handler', { eventFile: bad, reveal: false });
    assert.strictEqual(result, undefined, 'nothing is invoked');
    const diagnostics = await waitFor(() => { const d = vscode.languages.getDiagnostics(bad); return d.length ? d : undefined; }, 'event diagnostics');
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual([diagnostics[0].range.start.line, diagnostics[0].range.start.character], [3, 2]);
  });

  it('reports invalid function configuration on the exact line and applies valid settings', async () => {
    const config = vscode.Uri.joinPath(folder().uri, '.serverless-lab', 'functions.json');
    created.push(config);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{\n  "functions": {\n    "hello": {\n      "handler": "hello-node/handler.js",\n      "memoryMb": 64\n    }\n  }\n}\n'));
    const diagnostics = await waitFor(() => { const d = vscode.languages.getDiagnostics(config); return d.length ? d : undefined; }, 'config diagnostics');
    assert.strictEqual(diagnostics[0].range.start.line, 4);
    assert.match(diagnostics[0].message, /memoryMb/);
    const record = await vscode.commands.executeCommand<RecordLike>('serverlessLab.invokeHandler', handler, 'handler', { event: {}, reveal: false });
    assert.strictEqual(record.functionName, 'hello', 'the name comes from functions.json');
  });

  it('reads a SAM template: CodeLens on the resource, and its MemorySize and Environment apply', async () => {
    const dir = vscode.Uri.joinPath(folder().uri, 'sam-it');
    created.push(dir);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'src', 'app.js'), new TextEncoder().encode(
      'exports.handler = async () => ({ greeting: process.env.GREETING, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE });\n'));
    const template = vscode.Uri.joinPath(dir, 'template.yaml');
    await vscode.workspace.fs.writeFile(template, new TextEncoder().encode([
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Timeout: 5',
      'Resources:',
      '  HelloSamFunction:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      '      Handler: app.handler',
      '      Runtime: nodejs22.x',
      '      MemorySize: 256',
      '      Environment:',
      '        Variables:',
      '          GREETING: hello-sam',
      '',
    ].join('\n')));
    await vscode.workspace.openTextDocument(template);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', template);
    const invoke = lenses.find((l) => l.command?.title === '▶ Invoke');
    assert.ok(invoke, `no ▶ Invoke lens in the template: ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.strictEqual(invoke.range.start.line, 6, 'lens sits on the logical id');
    // Invoke with the lens's own arguments, as a click does: they name the template, so it is re-read even
    // when the file watcher has not reported the new template yet.
    const [file, handlerName, lensOptions] = invoke.command!.arguments as [vscode.Uri, string, object];
    const record = await vscode.commands.executeCommand<RecordLike & { response: { greeting: string; memory: string } }>('serverlessLab.invokeHandler', file, handlerName, { ...lensOptions, event: {}, reveal: false });
    assert.strictEqual(record.functionName, 'HelloSamFunction');
    assert.deepStrictEqual(record.response, { greeting: 'hello-sam', memory: '256' });
    assert.strictEqual(record.report.memorySizeMb, 256);
  });

  it('gives saved code changes a fresh sandbox, like a new deployment', async () => {
    const file = vscode.Uri.joinPath(folder().uri, 'hello-node', 'edited.js');
    created.push(file);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('exports.handler = async () => "v1";\n'));
    const first = await vscode.commands.executeCommand<{ response: unknown }>('serverlessLab.invokeHandler', file, 'handler', { event: {}, reveal: false });
    assert.strictEqual(first.response, 'v1');
    const doc = await vscode.workspace.openTextDocument(file);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(file, doc.lineAt(0).range, 'exports.handler = async () => "v2";');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    const second = await vscode.commands.executeCommand<{ response: unknown; cold: boolean }>('serverlessLab.invokeHandler', file, 'handler', { event: {}, reveal: false });
    assert.strictEqual(second.response, 'v2');
    assert.strictEqual(second.cold, true);
  });

  it('resolves a function exactly as the CLI and a headless caller do (one registry)', async () => {
    const config = vscode.Uri.joinPath(folder().uri, '.serverless-lab', 'functions.json');
    created.push(config);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "functions": { "sameFn": { "handler": "hello-node/handler.js", "memoryMb": 384, "timeoutSec": 7 } } }\n'));
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const api = ext.exports as SlApi;
    assert.ok(api.testing, 'the test-mode API is exposed');
    const runtime = await api.testing.runtime();
    // The registry learns of the new file from its watcher; wait for that rather than a fixed time.
    const deadline = Date.now() + 10_000;
    while (!(await runtime.resolve('sameFn')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const fromEditor = await vscode.commands.executeCommand<RuntimeRecord>('serverlessLab.invokeHandler', handler, 'handler', { event: {}, reveal: false });
    const byName = await runtime.invoke('sameFn', {}, { source: 'exercise-check' });
    const headless = createRuntime({ folders: [folder().uri.fsPath] });
    let fromHeadless: unknown;
    try {
      fromHeadless = await headless.resolve('sameFn');
    } finally {
      await headless.invoker.dispose();
    }
    const cli = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'invoke', 'sameFn', '--json'], {
      cwd: folder().uri.fsPath, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    assert.strictEqual(cli.status, 0, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as RuntimeRecord;
    assert.deepStrictEqual(fromHeadless, await runtime.resolve('sameFn'), 'the editor\'s registry and a headless one resolve the same config');
    for (const record of [fromEditor, byName, fromCli]) {
      assert.strictEqual(record.functionName, 'sameFn');
      assert.deepStrictEqual(record.function, { handlerFile: handler.fsPath, handlerName: 'handler', runtime: 'nodejs', memoryMb: 384, timeoutSec: 7, keepAliveSec: 600, configSource: 'functions.json' });
      assert.strictEqual(record.report.memorySizeMb, 384);
    }
    assert.deepStrictEqual([fromEditor.source, byName.source, fromCli.source], ['editor', 'exercise-check', 'cli']);
    const history = api.testing.workspaceState.get<{ record: RuntimeRecord; eventLabel: string }[]>('serverlessLab.run.history.v1', []);
    assert.deepStrictEqual(history.slice(0, 2).map((e) => [e.record.requestId, e.record.source]), [[byName.requestId, 'exercise-check'], [fromEditor.requestId, 'editor']], 'the history is fed from the runtime, whoever invoked');
  });

  it('runs a small load and reports cold starts and sandboxes', async () => {
    await vscode.commands.executeCommand('serverlessLab.stopAllSandboxes');
    const load = await vscode.commands.executeCommand<{ samples: unknown[]; summary: { coldStarts: number; count: number; maxAlive: number; p50: number } }>(
      'serverlessLab.runLoad', handler, 'handler', { count: 6, pattern: 'burst', ratePerSec: 1, concurrency: 3 },
    );
    assert.strictEqual(load.summary.count, 6);
    assert.ok(load.summary.coldStarts >= 1 && load.summary.coldStarts <= 3, `cold starts ${load.summary.coldStarts}`);
    assert.ok(load.summary.maxAlive >= 1);
    assert.ok(load.summary.p50 > 0);
  });
});
