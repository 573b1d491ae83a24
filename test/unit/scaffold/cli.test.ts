import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../helpers/runCommand';
import { registerScaffoldCommand } from '../../../src/cli/commands/scaffold';

/** Runs the scaffold command family with argv; returns stdout. */
const run = (...argv: string[]): Promise<string> => runCommand(registerScaffoldCommand, ...argv);

describe('scaffold CLI', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-cli-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a function, refuses to overwrite it, and exports it to SAM', async () => {
    const out = await run('new', 'aws', 'javascript', 'sns', 'notify', '--dir', dir);
    assert.match(out, /created functions\/notify\/handler\.js/);
    assert.ok(fs.existsSync(path.join(dir, '.serverless-lab/events/notify/notification.json')));
    fs.writeFileSync(path.join(dir, 'functions/notify/handler.js'), '// mine\n');
    await assert.rejects(run('new', 'aws', 'javascript', 'sns', 'notify', '--dir', dir), /function named "notify" already exists/);
    assert.equal(fs.readFileSync(path.join(dir, 'functions/notify/handler.js'), 'utf8'), '// mine\n');
    assert.match(await run('sam', 'export', '--dir', dir), /wrote .*template\.yaml \(Notify\)/);
    await assert.rejects(run('sam', 'export', '--dir', dir), /pass --merge/);
    assert.match(await run('sam', 'read', path.join(dir, 'template.yaml')), /Notify: functions\/notify\/handler\.js handler nodejs22\.x 128 MB 5 s \(sns\)/);
  });

  it('rejects a reserved name with the reason', async () => {
    await assert.rejects(run('new', 'aws', 'python', 'sqs', 'lambda', '--dir', dir), /Python keyword/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('names the providers when the provider is unknown', async () => {
    await assert.rejects(run('new', 'foo', 'typescript', 'sqs', 'x', '--dir', dir), /Unknown provider "foo"\. Providers: aws, azure, gcp/);
  });

  it('exits 2 with usage when an argument is missing or empty, and creates nothing', async () => {
    for (const argv of [['new', 'aws', 'typescript', 'sqs'], ['new', 'aws', 'typescript'], ['new', 'aws', 'typescript', 'sqs', '']]) {
      await assert.rejects(run(...argv, '--dir', dir), (e: { exitCode?: number; message: string }) => e.exitCode === 2 && /missing (name|trigger).*\nusage: serverless-lab new/s.test(e.message), argv.join(' '));
    }
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('lists the catalogue and exits 0 with no arguments at all', async () => {
    assert.match(await run('new'), /gcp\s+gcp-http[\s\S]*usage: serverless-lab new/);
  });

  it('refuses a second name with the same SAM logical id, naming the first', async () => {
    await run('new', 'aws', 'typescript', 'sqs', 'processOrder', '--dir', dir);
    await assert.rejects(run('new', 'aws', 'javascript', 'sqs', 'process-order', '--dir', dir), /"process-order" becomes the SAM logical id "ProcessOrder", which the existing function "processOrder"/);
    assert.ok(!fs.existsSync(path.join(dir, 'functions/process-order')));
  });

  it('refuses a name that clashes with the template\'s identifiers', async () => {
    await assert.rejects(run('new', 'gcp', 'python', 'gcp-http', 'json', '--dir', dir), /identifier "json"/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('sam export writes the package.json sam build needs for TypeScript, and never overwrites one', async () => {
    await run('new', 'aws', 'typescript', 'sqs', 'orders', '--dir', dir);
    await run('new', 'aws', 'typescript', 'sns', 'notify', '--dir', dir);
    fs.writeFileSync(path.join(dir, 'functions/notify/package.json'), '{"name":"mine"}\n');
    const out = await run('sam', 'export', '--dir', dir);
    assert.match(out, /created functions\/orders\/package\.json/);
    assert.match(fs.readFileSync(path.join(dir, 'functions/orders/package.json'), 'utf8'), /"esbuild"/);
    assert.equal(fs.readFileSync(path.join(dir, 'functions/notify/package.json'), 'utf8'), '{"name":"mine"}\n');
  });

  it('sam export --merge refuses a JSON template.yaml and leaves it unchanged', async () => {
    await run('new', 'aws', 'javascript', 'sns', 'notify', '--dir', dir);
    const json = '{ "Resources": { "T": { "Type": "AWS::SNS::Topic" } } }\n';
    fs.writeFileSync(path.join(dir, 'template.yaml'), json);
    await assert.rejects(run('sam', 'export', '--merge', '--dir', dir), /JSON templates are not merged/);
    assert.equal(fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'), json);
  });
});
