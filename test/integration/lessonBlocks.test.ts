// The walkthrough's product actions and the lesson links' Open Sample, in the extension host: the
// shipped sample invokes cold then warm through the ordinary invoke command, and Open Sample lands
// on the handler's line.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RuntimeRecord } from '../../src/core/runtime/types';
import type { SlApi } from '../../src/extension/services';

const EXTENSION_ID = 'serverless-lab.serverless-lab';

describe('walkthrough actions and lesson tool links (extension host)', function () {
  this.timeout(60000);
  let sample: string;

  before(async () => {
    const ext = vscode.extensions.getExtension<SlApi>(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    sample = path.join(ext.extensionPath, 'lessons', 'exercises', 'heavy-init', 'solution', 'handler.js');
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('"Invoke cold" then "Invoke warm" run the shipped sample: Init Duration only on the first', async () => {
    const cold = await vscode.commands.executeCommand<RuntimeRecord>('serverlessLab.tryInvokeCold');
    assert.strictEqual(cold?.cold, true);
    assert.ok((cold?.report.initDurationMs ?? 0) > 0, 'the cold REPORT has Init Duration');
    assert.deepStrictEqual(cold?.response, { country: 'FR', currency: 'EUR' });
    const warm = await vscode.commands.executeCommand<RuntimeRecord>('serverlessLab.tryInvokeWarm');
    assert.strictEqual(warm?.cold, false);
    assert.strictEqual(warm?.report.initDurationMs, undefined);
  });

  it('Open Sample opens a file at the line that defines its handler', async () => {
    await vscode.commands.executeCommand('serverlessLab.openSample', vscode.Uri.file(sample));
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.fsPath, sample);
    const expected = fs.readFileSync(sample, 'utf8').split('\n').findIndex((l) => l.startsWith('exports.handler'));
    assert.strictEqual(editor?.selection.active.line, expected);
  });
});
