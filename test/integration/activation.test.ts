import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'serverless-lab.serverless-lab';

describe('activation', () => {
  it('activates in a real extension host and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the host`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    const all = await vscode.commands.getCommands(true);
    const contributed: { command: string }[] = ext.packageJSON.contributes.commands;
    const missing = contributed.map((c) => c.command).filter((id) => !all.includes(id));
    assert.deepStrictEqual(missing, [], 'contributed commands without a registered handler');
  });
});
