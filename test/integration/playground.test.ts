// The Pattern Playground and template.yaml event support in the real extension host: the live result
// follows typing, pattern problems and schema errors land on the pattern's text, completion offers the
// event's fields, Save as rule writes the template in one undoable edit, and template lenses and
// diagnostics appear on the right lines.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'serverless-lab.serverless-lab';
const SCHEME = 'serverless-lab-playground';
const patternUri = vscode.Uri.from({ scheme: SCHEME, path: '/pattern.eventpattern.json' });
const resultUri = vscode.Uri.from({ scheme: SCHEME, path: '/Result.txt' });

const event = { version: '0', id: '1', 'detail-type': 'OrderPlaced', source: 'shop.orders', account: '123456789012', time: '2026-11-27T10:00:00Z', region: 'us-east-1', resources: [], detail: { total: 120, customer: { tier: 'gold' } } };
const TEMPLATE = `# orders
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue   # keep me
  Process:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      InlineCode: "exports.handler = async () => {};"
  PlacedRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [shop.orders]
      Targets:
        - Id: ToQueue
          Arn: !GetAtt OrdersQueue.Arn
`;

function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the harness opens a workspace folder');
  return f.uri;
}

const resultText = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === resultUri.toString())?.getText() ?? '';
const patternEditor = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === patternUri.toString());

async function typePattern(text: string): Promise<void> {
  const editor = patternEditor();
  assert.ok(editor, 'the pattern editor is visible');
  await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length)), text));
}

describe('pattern playground', function () {
  this.timeout(60_000);
  const template = () => vscode.Uri.joinPath(root(), 'template.yaml');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    // Closing a dirty editor would ask to save: save instead (the template is deleted next).
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && !doc.isUntitled) await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(template(), { useTrash: false }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'itLens'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('shows a live result that follows typing, and places pattern problems on the pattern text', async () => {
    await vscode.commands.executeCommand('serverlessLab.openPatternPlayground', { pattern: { source: ['shop.orders'] }, event });
    await waitFor(() => resultText().startsWith('MATCHED ✓'), 'the result to say MATCHED');
    assert.match(resultText(), /✓ source: "shop.orders" {2}event: "shop.orders"/);

    await typePattern('{\n  "source": ["shop.orders"],\n  "detail": { "total": [{ "numeric": [">", 200] }] }\n}\n');
    await waitFor(() => resultText().startsWith('NOT MATCHED ✗'), 'the result to follow the edit');
    assert.match(resultText(), /✗ detail.total: \{"numeric":\[">",200\]\} {2}event: 120/);

    await typePattern('{\n  "source": [{ "prefix": 5 }]\n}\n');
    await waitFor(() => resultText().startsWith('INVALID PATTERN'), 'the result to report the invalid pattern');
    const ours = await waitFor(() => vscode.languages.getDiagnostics(patternUri).find((d) => /prefix must be a string/.test(d.message)), 'the matcher\'s diagnostic');
    const doc = patternEditor()!.document;
    assert.equal(doc.getText(ours.range), '"prefix": 5');
    // The contributed JSON schema applies to the playground's pattern document too.
    await waitFor(() => vscode.languages.getDiagnostics(patternUri).find((d) => d !== ours && d.range.start.line === 1), 'a JSON schema diagnostic', { timeoutMs: 20_000 });
  });

  it('completes the event\'s field names in the pattern', async () => {
    await vscode.commands.executeCommand('serverlessLab.openPatternPlayground', { pattern: { detail: { customer: { tier: ['gold'] } } }, event });
    await typePattern('{\n  "detail": { "" }\n}\n');
    const position = new vscode.Position(1, '  "detail": { "'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', patternUri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('total') && labels.includes('customer'), labels.join(', '));
  });

  it('Save as rule inserts the rule in one undoable edit, leaving the rest of the template as it was', async () => {
    await vscode.workspace.fs.writeFile(template(), new TextEncoder().encode(TEMPLATE));
    await vscode.commands.executeCommand('serverlessLab.openPatternPlayground', { pattern: { source: ['shop.orders'], detail: { total: [{ numeric: ['>', 100] }] } }, event });
    const saved = await vscode.commands.executeCommand<vscode.Uri>('serverlessLab.playgroundSaveAsRule', { template: template(), request: { kind: 'resource', logicalId: 'BigOrders', target: { logicalId: 'Process', type: 'function' } } });
    assert.equal(saved?.toString(), template().toString());
    const doc = await vscode.workspace.openTextDocument(template());
    assert.equal(doc.getText(), `${TEMPLATE}  BigOrders:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [shop.orders]
        detail:
          total: [{numeric: [">", 100]}]
      Targets:
        - Id: Process
          Arn: !GetAtt Process.Arn
`);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), template().toString());
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === TEMPLATE, 'undo to restore the template');

    const clash = await vscode.commands.executeCommand('serverlessLab.playgroundSaveAsRule', { template: template(), request: { kind: 'resource', logicalId: 'OrdersQueue', target: { logicalId: 'Process', type: 'function' } } });
    assert.equal(clash, undefined, 'a clashing logical id is refused');
    assert.equal(doc.getText(), TEMPLATE);
  });

  it('puts CodeLens on rules and queues and the engine\'s problems on the exact line of template.yaml', async () => {
    // A template of its own: the previous test's document may still be cached under template.yaml.
    const template = () => vscode.Uri.joinPath(root(), 'itLens', 'template.yaml');
    await vscode.workspace.fs.writeFile(template(), new TextEncoder().encode(TEMPLATE.replace('source: [shop.orders]', 'source: [{prefix: 1}]\n      State: ENABLED')));
    const doc = await vscode.workspace.openTextDocument(template());
    await vscode.window.showTextDocument(doc);
    const problem = await waitFor(() => vscode.languages.getDiagnostics(template()).find((d) => /Invalid event pattern/.test(d.message)), 'the pattern diagnostic');
    assert.equal(doc.lineAt(problem.range.start.line).text.trim(), 'EventPattern:');

    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.replace(doc.lineAt(problem.range.start.line + 1).range, '        source: [shop.orders]'));
    await waitFor(() => !vscode.languages.getDiagnostics(template()).some((d) => /Invalid event pattern/.test(d.message)), 'the diagnostic to clear after the fix');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', template());
    const explain = lenses.find((l) => l.command?.title === 'Explain last match');
    assert.ok(explain, lenses.map((l) => l.command?.title).join(', '));
    assert.equal(doc.lineAt(explain.range.start.line).text.trim(), 'PlacedRule:');
    // The Event Flow commands are registered, so their lenses appear, with the bus or queue as those commands take it.
    const put = lenses.find((l) => l.command?.title === 'Put test event');
    assert.deepEqual(put?.command?.arguments, [undefined, 'default']);
    const send = lenses.find((l) => l.command?.title === 'Send test message');
    assert.deepEqual(send?.command?.arguments, ['OrdersQueue']);
    assert.equal(doc.lineAt(send!.range.start.line).text.trim(), 'OrdersQueue:');
  });
});
