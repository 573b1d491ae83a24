// Scaffolding in the real extension host: the New Function wizard (by argument and through its real
// QuickPicks), conflict handling, and the SAM export. The workspace is a throwaway copy of samples/.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { readSamTemplate } from '../../src/core/sam';

const EXTENSION_ID = 'serverless-lab.serverless-lab';

interface NewFunctionResult { created: vscode.Uri[]; handler?: vscode.Uri; conflicts: string[] }
interface ExportResult { template: vscode.Uri; added: string[]; skipped: { name: string; reason: string }[] }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the harness opens a workspace folder');
  return f.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('scaffold', function () {
  this.timeout(60_000);
  const functionsJson = () => vscode.Uri.joinPath(root(), '.serverless-lab', 'functions.json');
  let savedFunctionsJson: Uint8Array | undefined;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    savedFunctionsJson = await vscode.workspace.fs.readFile(functionsJson()).then((b) => b, () => undefined);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of ['functions', '.serverless-lab/events/itSqs', '.serverless-lab/events/itThumbs', '.serverless-lab/events/itAzure', '.serverless-lab/events/sqsFunction', 'template.yaml']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), rel), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
    // Restore functions.json exactly as other suites left it.
    if (savedFunctionsJson) await vscode.workspace.fs.writeFile(functionsJson(), savedFunctionsJson);
    else await vscode.workspace.fs.delete(functionsJson(), { useTrash: false }).then(undefined, () => undefined);
  });

  it('creates a function from an argument object, opens the handler with the cursor in the body', async () => {
    const r = await vscode.commands.executeCommand<NewFunctionResult>('serverlessLab.newFunction', { provider: 'aws', language: 'typescript', trigger: 'sqs', name: 'itSqs' });
    assert.deepEqual(r.conflicts, []);
    const rel = r.created.map((u) => vscode.workspace.asRelativePath(u, false)).sort();
    for (const f of ['functions/itSqs/handler.ts', 'functions/itSqs/handler.test.ts', '.serverless-lab/events/itSqs/order-message.json', '.serverless-lab/events/itSqs/poison-message.json']) {
      assert.ok(rel.includes(f), `${f} in ${rel.join(', ')}`);
      assert.ok(await exists(vscode.Uri.joinPath(root(), f)), `${f} on disk`);
    }
    const entry = JSON.parse(await readText(functionsJson())).functions.itSqs;
    assert.equal(entry.handler, 'functions/itSqs/handler.ts');
    assert.equal(entry.trigger, 'sqs');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), r.handler?.toString());
    assert.match(editor!.document.lineAt(editor!.selection.active.line).text, /const batchItemFailures/);
  });

  it('never overwrites: a second run with the same name reports conflicts and leaves files untouched', async () => {
    const args = { provider: 'aws', language: 'python', trigger: 's3', name: 'itThumbs' };
    await vscode.commands.executeCommand('serverlessLab.newFunction', args);
    const handler = vscode.Uri.joinPath(root(), 'functions/itThumbs/handler.py');
    await vscode.workspace.fs.writeFile(handler, new TextEncoder().encode('# mine\n'));
    const again = await vscode.commands.executeCommand<NewFunctionResult>('serverlessLab.newFunction', args);
    assert.deepEqual(again.created, []);
    assert.ok(again.conflicts.includes('functions/itThumbs/handler.py'));
    assert.equal(await readText(handler), '# mine\n');
  });

  it('drives the real QuickPicks, including Back, and creates an SQS TypeScript function', async () => {
    const running = vscode.commands.executeCommand<NewFunctionResult>('serverlessLab.newFunction');
    const step = async (command: string, times = 1) => {
      for (let i = 0; i < times; i++) {
        await sleep(400);
        await vscode.commands.executeCommand(command);
      }
    };
    await step('workbench.action.acceptSelectedQuickOpenItem'); // provider: AWS Lambda (first)
    await step('workbench.action.acceptSelectedQuickOpenItem'); // language: TypeScript (first)
    await step('workbench.action.quickInputBack'); // back to language…
    await step('workbench.action.acceptSelectedQuickOpenItem'); // …and forward again
    await step('workbench.action.quickOpenSelectNext', 3); // trigger: http-api, rest-api, s3, -> sqs
    await step('workbench.action.acceptSelectedQuickOpenItem');
    await step('workbench.action.acceptSelectedQuickOpenItem'); // name: the suggested "sqsFunction"
    const r = await Promise.race([running, sleep(15_000).then(() => undefined)]);
    assert.ok(r, 'the wizard finished');
    assert.equal(vscode.workspace.asRelativePath(r.handler!, false), 'functions/sqsFunction/handler.ts');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), r.handler!.toString());
  });

  it('an Azure function runs in the invoker through its generated Lambda-style shim', async () => {
    const r = await vscode.commands.executeCommand<NewFunctionResult>('serverlessLab.newFunction', { provider: 'azure', language: 'typescript', trigger: 'azure-http', name: 'itAzure' });
    const shim = vscode.Uri.joinPath(root(), 'functions/itAzure/lambdaShim.ts');
    assert.ok(r.created.some((u) => u.toString() === shim.toString()));
    const event = JSON.parse(await readText(vscode.Uri.joinPath(root(), '.serverless-lab/events/itAzure/post-order.json')));
    const record = await vscode.commands.executeCommand<{ response?: { statusCode?: number; body?: string }; error?: unknown }>('serverlessLab.invokeHandler', shim, 'handler', { event, reveal: false });
    assert.equal(record?.error, undefined, JSON.stringify(record?.error));
    assert.equal(record?.response?.statusCode, 201);
    assert.match(record?.response?.body ?? '', /"status":"accepted"/);
    await vscode.commands.executeCommand('serverlessLab.stopAllSandboxes');
  });

  it('exports to SAM, then merges without clobbering', async () => {
    await vscode.commands.executeCommand('serverlessLab.newFunction', { provider: 'aws', language: 'typescript', trigger: 'sqs', name: 'itSqs' });
    await vscode.commands.executeCommand('serverlessLab.newFunction', { provider: 'aws', language: 'python', trigger: 's3', name: 'itThumbs' });
    const first = await vscode.commands.executeCommand<ExportResult>('serverlessLab.exportSam', {});
    assert.deepEqual(first.added.filter((a) => a.startsWith('It')).sort(), ['ItSqs', 'ItThumbs']);
    const text = await readText(first.template);
    // Each function has its own role; its statements name the queue and the bucket (docs/sam.md).
    assert.match(text, /Role: !GetAtt ItSqsRole\.Arn/);
    assert.match(text, /- sqs:ReceiveMessage[\s\S]*?Resource: !GetAtt ItSqsQueue\.Arn/);
    assert.match(text, /- s3:GetObject[\s\S]*?Resource: !Sub arn:\$\{AWS::Partition\}:s3:::\$\{ItThumbsBucketName\}\/\*/);
    assert.doesNotMatch(text, /Resource: '\*'/);
    // A TypeScript function also gets the package.json sam build needs to find esbuild.
    assert.match(await readText(vscode.Uri.joinPath(root(), 'functions/itSqs/package.json')), /"esbuild"/);
    const read = readSamTemplate(text, 'template.yaml');
    assert.deepEqual(read.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(read.functions.some((f) => f.name === 'itSqs' && f.trigger === 'sqs'));
    const edited = `${text}# my note\n`;
    await vscode.workspace.fs.writeFile(first.template, new TextEncoder().encode(edited));
    const second = await vscode.commands.executeCommand<ExportResult>('serverlessLab.exportSam', { confirmMerge: true });
    assert.deepEqual(second.added, []);
    assert.equal(await readText(first.template), edited);
  });
});

describe('scaffold: Rosetta', function () {
  this.timeout(30_000);
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows the same HTTP job for AWS, Azure and Google side by side', async () => {
    const uris = await vscode.commands.executeCommand<vscode.Uri[]>('serverlessLab.showRosetta', { group: 'http', language: 'typescript' });
    assert.equal(uris.length, 3);
    const texts = await Promise.all(uris.map(async (u) => (await vscode.workspace.openTextDocument(u)).getText()));
    assert.match(texts[0], /APIGatewayProxyEventV2/);
    assert.match(texts[1], /app\.http\(/);
    assert.match(texts[2], /functions\.http\(/);
    const columns = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'serverless-lab-rosetta').map((e) => e.viewColumn).sort();
    assert.deepEqual(columns, [1, 2, 3]);
  });
});
