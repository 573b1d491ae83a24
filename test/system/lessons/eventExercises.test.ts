// The shipped event exercises (pattern and trace observers) verified both ways through the real CLI
// and runtime: each solution passes and each starter fails first with the check its block names.
// They are not in a lesson yet (the curriculum places them), so this test declares their blocks.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
const cliBundle = path.join(root, 'dist', 'cli.js');

/** An ```exercise block for a shipped exercise folder, with paths relative to the lesson in `dir`. */
function block(dir: string, id: string, handler: string, starterFails: string): string {
  const rel = path.relative(dir, path.join(root, 'lessons', 'exercises', id)).split(path.sep).join('/');
  return ['```exercise', `id: ${id}`, `title: ${id}`, `starter: ${rel}/starter`, `solution: ${rel}/solution`, `checks: ${rel}/checks.yaml`, `handler: ${handler}`, `starterFails: ${starterFails}`, '```', ''].join('\n');
}

describe('event exercises (pattern and trace observers)', function () {
  this.timeout(240000);
  let dir: string | undefined;
  before(() => assert.ok(fs.existsSync(cliBundle), `${cliBundle} is missing: run npm run build first`));
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('route-big-orders and dlq-partial-batch: solutions pass, starters fail as intended', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-event-exercises-'));
    const front = '---\nid: events\ntitle: Events\ntrack: Event-Driven\norder: 1\nsummary: s\nobjectives: [Write a pattern]\nestimatedMinutes: 2\n---\n';
    fs.writeFileSync(path.join(dir, 'events.md'), front + block(dir, 'route-big-orders', 'pattern.json', 'matches-small-orders') + block(dir, 'dlq-partial-batch', 'handler.js', 'whole-batch-to-dlq'));
    const r = spawnSync(process.execPath, [cliBundle, 'lessons', 'check', '--exercises', dir], { cwd: root, encoding: 'utf8', timeout: 200000 });
    assert.match(r.stdout, /^ok {3}events\/route-big-orders: solution passes 5 checks; starter fails "matches-small-orders": Your pattern also routes a 50 EUR order \(matches: true\)/m, r.stdout + r.stderr);
    assert.match(r.stdout, /^ok {3}events\/dlq-partial-batch: solution passes 4 checks; starter fails "whole-batch-to-dlq": 3 messages ended in orders-dlq/m, r.stdout + r.stderr);
    assert.match(r.stdout, /^exercises: 2 total, 2 solutions pass, 2 starters fail as intended$/m);
  });
});
