// An exercise end to end in the extension host: Start copies the starter into the workspace and
// opens it, Check runs it through the extension's runtime service and names the mistake, the
// solution passes and is recorded in progress, and Show solution opens a diff.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SlApi } from '../../src/extension/services';

const EXTENSION_ID = 'serverless-lab.serverless-lab';
type Result = { state: { attempts: number; passed: boolean; hintsHtml: string[] }; feedback?: { passed: boolean; message: string; checks: Array<{ name: string; passed: boolean }> } };
const act = (action: string): Thenable<Result> => vscode.commands.executeCommand<Result>('serverlessLab.exerciseAction', 'anatomy-of-a-handler', 'http-handler-node', action);

describe('exercises (extension host)', function () {
  this.timeout(60000);
  let target: string;
  let extensionPath: string;

  before(async () => {
    const ext = vscode.extensions.getExtension<SlApi>(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    extensionPath = ext.extensionPath;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    target = path.join(folder.uri.fsPath, 'exercises', 'http-handler-node');
    fs.rmSync(target, { recursive: true, force: true });
    await vscode.commands.executeCommand('serverlessLab.resetProgress', { confirm: false });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
  });

  it('Start copies the starter and opens the handler at its line', async () => {
    await act('start');
    const file = path.join(target, 'handler.js');
    assert.ok(fs.existsSync(file));
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.fsPath, file);
    assert.strictEqual(editor?.selection.active.line, 3);
  });

  it('Hint reveals the first hint only', async () => {
    const r = await act('hint');
    assert.strictEqual(r.state.hintsHtml.length, 1);
    assert.match(r.state.hintsHtml[0], /JSON\.parse/);
  });

  it('Check names the starter\'s mistake with its own message', async () => {
    const r = await act('check');
    assert.strictEqual(r.feedback?.passed, false);
    assert.match(r.feedback?.message ?? '', /returned `body` as an object .*use `JSON\.stringify`/);
    assert.deepStrictEqual(r.feedback?.checks.find((c) => !c.passed)?.name, 'body-not-string');
    assert.strictEqual(r.state.attempts, 1);
  });

  it('passes once the file holds the solution, and records it', async () => {
    fs.copyFileSync(path.join(extensionPath, 'lessons', 'exercises', 'http-handler-node', 'solution', 'handler.js'), path.join(target, 'handler.js'));
    const r = await act('check');
    assert.strictEqual(r.feedback?.passed, true, r.feedback?.message);
    assert.strictEqual(r.state.passed, true);
  });

  it('Show solution opens a diff of the learner\'s file against the solution', async () => {
    await act('solution');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `active tab: ${tab?.label}`);
    assert.strictEqual(tab.input.modified.fsPath, path.join(extensionPath, 'lessons', 'exercises', 'http-handler-node', 'solution', 'handler.js'));
  });
});
