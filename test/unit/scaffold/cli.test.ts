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
});
